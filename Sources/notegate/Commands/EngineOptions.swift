import ArgumentParser
import Foundation
import Gateway

/// What the gateway engine runs on, shared by `extract` and `serve` so both read the same flags the same way.
struct EngineOptions: ParsableArguments {
    @Option(help: "Vocabulary database from `notegate vocabulary import` (default: the embedded vocabulary).")
    var vocabulary: String?

    @Option(name: .customLong("terminology-server"),
            help: "FHIR terminology server asked about mentions the local vocabulary cannot resolve (mention strings only).")
    var terminologyServer: String?

    @Option(name: .customLong("fhir-server"), help: "FHIR server base URL that Attachment.url references are fetched from.")
    var fhirServer: String?

    @Option(name: [.customLong("fhir-server-token"), .customLong("fhir-token")],
            help: "Bearer token for --fhir-server (default: the NOTEGATE_FHIR_TOKEN environment variable).")
    var fhirServerToken: String?

    @Option(help: "A tagger model from `notegate train`; its mentions are merged with the dictionary's.")
    var model: String?

    var configuration: GatewayConfiguration {
        GatewayConfiguration(
            vocabularyPath: vocabulary, terminologyServerURL: terminologyServer, fhirServerURL: fhirServer,
            fhirServerToken: fhirServerToken ?? ProcessInfo.processInfo.environment["NOTEGATE_FHIR_TOKEN"],
            noteGateVersion: NoteGateVersion.string, taggerModelPath: model)
    }
}
