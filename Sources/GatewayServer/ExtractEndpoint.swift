import FHIR
import Gateway
import Hummingbird
import NIOCore

/// `POST /fhir/$extract` and `POST /fhir/DocumentReference/$extract`: a DocumentReference, a Bundle holding some,
/// or a `Parameters` wrapping either (parameter `resource`), in; a `collection` Bundle of the emitted resources
/// out, with the run's OperationOutcome as its last entry when some document had problems.
///
/// When no document could be processed at all (every issue an error and nothing emitted), the answer is that
/// OperationOutcome with 422, so a client never mistakes total failure for "no findings".
struct ExtractEndpoint: Sendable {
    let engine: GatewayEngine
    let metrics: GatewayMetrics
    let maxBodySize: Int

    func handle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (body, format) = try await FHIRExchange.readBody(request, limit: maxBodySize)
        let exchange = try FHIRExchange(request: request, requestFormat: format)
        let input = try Self.operationInput(body)
        // Compact JSON, the common answer, is written straight from the plans; other forms go through the trees.
        let compactJSON = exchange.response.format == .json && !exchange.pretty
        let result: ExtractionResult
        var json: [UInt8] = []
        if compactJSON {
            (result, json) = try await engine.extractCompactJSONBundle(input)
        } else {
            result = try await engine.extract(input)
        }
        metrics.recordExtraction(result.statistics)
        let emitted = result.emittedResourceCount
        context.logger.info(
            "extracted",
            metadata: [
                "documents": "\(result.documents.count)", "resources": "\(emitted)",
                "issues": "\(result.issues.count)",
            ])
        if emitted == 0, !result.issues.isEmpty,
           result.issues.allSatisfy({ $0.severity == .error || $0.severity == .fatal })
        {
            throw FHIRHTTPError(status: .unprocessableContent, outcome: OperationOutcome(issues: result.issues))
        }
        if compactJSON {
            return Response(status: .ok, headers: [.contentType: exchange.response.contentTypeHeader],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
        }
        return exchange.respond(BundleWriter.bundle(result, kind: .collection))
    }

    /// Unwraps `Parameters.parameter[name=resource].resource`; other resources pass through (the pipeline reports
    /// types it cannot read).
    static func operationInput(_ body: FHIRElement) throws -> FHIRElement {
        guard body.resourceType == "Parameters" else { return body }
        for (index, parameter) in body.all("parameter").enumerated() {
            if let resource = parameter.first("resource") {
                guard parameter.string("name") == "resource" || parameter.string("name") == "document" else {
                    throw FHIRHTTPError(
                        status: .badRequest, code: .invalid,
                        diagnostics: "$extract takes its input in a parameter named 'resource'",
                        expression: "Parameters.parameter[\(index)].name")
                }
                return resource
            }
        }
        throw FHIRHTTPError(
            status: .badRequest, code: .required,
            diagnostics: "the Parameters has no 'resource' parameter holding a DocumentReference or Bundle",
            expression: "Parameters.parameter")
    }
}
