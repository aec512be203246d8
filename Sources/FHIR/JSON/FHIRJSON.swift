import Foundation

/// FHIR JSON: a byte-level reader and writer that keep decimals as their exact text.
///
/// Foundation's `JSONSerialization` turns `1.50` into `1.5`, so it cannot be used for FHIR. The reader works on an
/// `UnsafeBufferPointer<UInt8>` without per-character String building; the writer emits bytes directly.
public enum FHIRJSON {
    /// Limits and strictness of the reader.
    public struct ParseOptions: Sendable {
        /// Largest accepted document in bytes (default 256 MiB).
        public var maxInputBytes: Int
        /// Deepest accepted nesting of JSON objects and arrays (default 64; the deepest R4 example or Synthea
        /// bundle reaches 21). The reader recurses per level: on a 512 KiB thread stack a debug build overflowed at
        /// nesting 34 and a release build at 128 (it passed 66), so keep this modest on small-stack threads.
        public var maxDepth: Int
        /// Longest accepted number literal in bytes (default 64): longer ones are refused, not parsed.
        public var maxNumberLength: Int
        /// Whether a leading UTF-8 byte-order mark is skipped (default: refused, as RFC 8259 forbids emitting one).
        public var allowByteOrderMark: Bool

        public init(
            maxInputBytes: Int = 256 << 20, maxDepth: Int = 64, maxNumberLength: Int = 64,
            allowByteOrderMark: Bool = false
        ) {
            self.maxInputBytes = maxInputBytes
            self.maxDepth = maxDepth
            self.maxNumberLength = maxNumberLength
            self.allowByteOrderMark = allowByteOrderMark
        }
    }

    /// Reads one FHIR resource from JSON bytes.
    ///
    /// Throws `FHIRParseError` (line, column, FHIRPath) for malformed JSON, invalid UTF-8, duplicate keys, nesting
    /// or size over the limits, and FHIR-invalid forms: `null` outside `_x` arrays, empty objects, arrays and
    /// strings, arrays where the definition allows one value (and the reverse), JSON types that do not match the
    /// primitive type, unknown resource types. Unknown element names are kept (the validator reports them).
    public static func parse<Bytes: Collection>(
        _ bytes: Bytes, options: ParseOptions = ParseOptions()
    ) throws(FHIRParseError) -> FHIRElement where Bytes.Element == UInt8 {
        let result: Result<FHIRElement, FHIRParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            parseBuffer(buffer, options: options)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { parseBuffer($0, options: options) }.get()
    }

    /// Reads one FHIR resource from a string.
    public static func parse(_ text: String, options: ParseOptions = ParseOptions()) throws(FHIRParseError)
        -> FHIRElement
    {
        try parse(Array(text.utf8), options: options)
    }

    private static func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>, options: ParseOptions)
        -> Result<FHIRElement, FHIRParseError>
    {
        var reader = JSONReader(bytes: buffer, options: options, definitions: .r4)
        defer { reader.release() }
        do {
            return .success(try reader.readDocument())
        } catch {
            return .failure(error)
        }
    }

    /// Writes a resource as FHIR JSON: `resourceType` first, elements in definition order, arrays exactly where
    /// the definition allows more than one, primitives typed from the definitions, `_name` siblings for primitive
    /// ids and extensions, empty elements left out. Compact, or pretty with two-space indentation. Deterministic.
    public static func serialize(_ element: FHIRElement, pretty: Bool = false) -> Data {
        Data(serializeBytes(element, pretty: pretty))
    }

    /// `serialize` as a byte array.
    public static func serializeBytes(_ element: FHIRElement, pretty: Bool = false) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty, definitions: .r4)
        writer.writeDocument(element)
        return writer.output
    }

    /// The compact JSON object `element` becomes as a member value inside a resource, typed by the definition
    /// named `type` (a data type such as `Reference`, `CodeableConcept`, `Extension`, or a resource type), with
    /// the same rules as `serialize`. Empty when the element carries nothing (`serialize` would leave it out).
    /// For callers that write a fixed resource shape themselves and splice typed parts into it.
    public static func serializeFragment(_ element: FHIRElement, type: String) -> [UInt8] {
        var writer = JSONWriter(pretty: false, definitions: .r4, capacity: 256, sharedCapacity: 8)
        writer.writeFragment(element, typeName: type)
        return writer.output
    }

    /// Appends `text` as a JSON string literal, escaped exactly as `serialize` escapes strings.
    public static func appendString(_ text: String, to output: inout [UInt8]) {
        JSONWriter.appendString(text, to: &output)
    }

    /// `serialize` as a string.
    public static func serializeString(_ element: FHIRElement, pretty: Bool = false) -> String {
        String(decoding: serializeBytes(element, pretty: pretty), as: UTF8.self)
    }
}
