import Testing
@testable import Terminology

@Suite struct TerminologySmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
