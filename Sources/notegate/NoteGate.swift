import ArgumentParser

@main
struct NoteGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notegate",
        abstract: "Clinical notes in FHIR DocumentReferences to OMOP-coded FHIR resources.",
        version: NoteGateVersion.string,
        subcommands: [
            // Each command lives in its own file; register it here.
            EvaluateAssertionsCommand.self,
            AnnotateCommand.self,
            TrainCommand.self,
            EvaluateCommand.self,
            LearnClustersCommand.self,
            ConvertCommand.self,
            ValidateCommand.self,
            VocabularyCommand.self,
            ExtractCommand.self,
            EvaluateConcordanceCommand.self,
            ServeCommand.self,
        ])
}
