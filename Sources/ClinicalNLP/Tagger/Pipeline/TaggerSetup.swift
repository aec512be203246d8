import Foundation

/// The pieces `notegate train` / `evaluate` assemble from their options, kept here so tests and the benchmark use
/// the same code as the commands.
public enum TaggerSetup {
    /// Section context always (when the default section rules load), dictionary context when a lexicon is given.
    public static func contextProvider(featureSet: inout FeatureSet, lexiconPath: String?) throws -> TokenContextProvider? {
        let sectionizer = featureSet.useSections ? try? Sectionizer.loadDefault() : nil
        featureSet.useSections = sectionizer != nil
        var matcher: DictionaryMatcher?
        if let lexiconPath {
            matcher = DictionaryMatcher(lexicon: try Lexicon.load(tsv: URL(fileURLWithPath: lexiconPath)))
        }
        featureSet.useDictionary = matcher != nil
        return TaggerContext.provider(sectionizer: sectionizer, matcher: matcher)
    }

    /// The provider matching what a trained model expects.
    public static func contextProvider(for model: TaggerModel, lexiconPath: String?) throws -> TokenContextProvider? {
        var featureSet = model.featureSet
        if featureSet.useDictionary && lexiconPath == nil {
            throw CorpusReadError(.malformedModel, file: "--lexicon", line: 0,
                "the model was trained with dictionary features; pass the same --lexicon file")
        }
        return try contextProvider(featureSet: &featureSet, lexiconPath: featureSet.useDictionary ? lexiconPath : nil)
    }
}
