/// The value of a FHIR primitive element, kept as its exact lexical form.
///
/// `text` is never normalised: the JSON number `1.50` stays `"1.50"`, so a decimal survives a round trip with its
/// precision. `kind` records how the value was written in JSON (XML has only strings; the JSON writer types
/// primitives from the definitions, so `kind` is a hint, not the authority).
public struct FHIRPrimitive: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case string
        case number
        case boolean
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .string) {
        self.text = text
        self.kind = kind
    }

    public static func string(_ text: String) -> FHIRPrimitive { FHIRPrimitive(text, kind: .string) }
    /// A number from its exact text (`"1.50"`, `"3"`, `"1e-3"`).
    public static func number(_ text: String) -> FHIRPrimitive { FHIRPrimitive(text, kind: .number) }
    public static func integer(_ value: Int) -> FHIRPrimitive { FHIRPrimitive(String(value), kind: .number) }
    public static func boolean(_ value: Bool) -> FHIRPrimitive { FHIRPrimitive(value ? "true" : "false", kind: .boolean) }

    /// `true`/`false` when the text is exactly one of those literals.
    public var boolValue: Bool? {
        switch text {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The value as an `Int` when the text is a plain integer that fits.
    public var intValue: Int? { Int(text) }

    public var description: String { text }
}
