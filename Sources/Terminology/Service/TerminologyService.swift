/// A FHIR terminology service as NoteGate uses it: the local OMOP store, a remote FHIR terminology server, or
/// OMOPHub. Only a code or a search string ever goes into a request — never note text.
public protocol TerminologyService: Sendable {
    /// The vocabulary release answers come from (cache keys include it).
    func vocabularyRelease() async throws -> String
    /// `CodeSystem/$lookup`. Throws `TerminologyError` `.notFound` for an unknown code or system.
    func lookup(_ request: LookupRequest) async throws -> LookupResult
    /// `ConceptMap/$translate` to the OMOP standard concept (or another target system).
    func translate(_ request: TranslateRequest) async throws -> TranslateResult
    /// `ValueSet/$expand` with a text `filter`.
    func search(_ request: SearchRequest) async throws -> SearchResult
}
