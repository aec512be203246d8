import Testing
@testable import ClinicalNLP

@Suite struct ClinicalNLPSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
