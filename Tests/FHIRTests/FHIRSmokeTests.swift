import Testing
@testable import FHIR

@Suite struct FHIRSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
