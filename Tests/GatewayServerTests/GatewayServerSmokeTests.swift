import Testing
@testable import GatewayServer

@Suite struct GatewayServerSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
