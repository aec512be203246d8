/// Builds the section and dictionary features' inputs. The same code serves training (from plain corpus text, with
/// the pipeline's own `Sectionizer` and `DictionaryMatcher`) and tagging (from an `AnalyzedText` the pipeline
/// already made), so both see identical context.
public enum TaggerContext {
    /// Context from already-computed sections and dictionary matches (the pipeline path).
    public static func make(tokens: [TaggerToken], sections: [Section], dictionaryMatches: [Mention]) -> TokenContext {
        var context = TokenContext(tokenCount: tokens.count)
        if !sections.isEmpty {
            var sectionIndex = 0
            for (index, token) in tokens.enumerated() {
                while sectionIndex < sections.count, sections[sectionIndex].range.upperBound <= token.range.lowerBound { sectionIndex += 1 }
                if sectionIndex < sections.count, sections[sectionIndex].range.contains(token.range.lowerBound) {
                    context.sections[index] = FeatureHashing.hash(sections[sectionIndex].category.rawValue)
                }
            }
        }
        if !dictionaryMatches.isEmpty {
            context.addDictionaryMatches(dictionaryMatches.map { ($0.range, $0.label.rawValue) }, tokens: tokens)
        }
        return context
    }

    /// A provider for training and evaluation on raw corpus text: runs the sectionizer and (if given) the
    /// dictionary matcher the way `ClinicalPipeline` does.
    public static func provider(sectionizer: Sectionizer?, matcher: DictionaryMatcher?) -> TokenContextProvider? {
        guard sectionizer != nil || matcher != nil else { return nil }
        let tokenizer = Tokenizer()
        let splitter = SentenceSplitter()
        return { scalars, tokens in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let text = String(view)
            let sections = sectionizer?.sections(in: text) ?? []
            var matches: [Mention] = []
            if let matcher {
                let pipelineTokens = tokenizer.tokenize(text)
                let sentences = splitter.split(tokens: pipelineTokens, scalars: scalars)
                let analyzed = AnalyzedText(text: text, scalars: scalars, tokens: pipelineTokens, sentences: sentences, sections: sections)
                matches = matcher.detectMentions(in: analyzed)
            }
            return make(tokens: tokens, sections: sections, dictionaryMatches: matches)
        }
    }
}
