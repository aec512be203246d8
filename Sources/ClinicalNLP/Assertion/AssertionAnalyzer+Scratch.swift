extension AssertionAnalyzer {
    /// Working arrays of `analyze`, kept by the caller across the sentences of a note so that their storage is
    /// reused (a note has about 30 sentence groups; each used to allocate and free five arrays).
    struct Scratch {
        var scope = SentenceScope()
        let matches = ScratchBuffer<ContextPhraseIndex.Match>()
        let cues = ScratchBuffer<Cue>()
    }
}
