import Foundation
import Testing
@testable import Gateway

/// `GatewayEngine.instant` (Provenance.recorded, Bundle.timestamp) writes what `ISO8601DateFormatter` with
/// internet date-time in UTC writes, without building a formatter per call.
@Suite struct InstantTests {
    @Test(arguments: [0.0, 951_782_400.0, 1_700_000_000.0, 1_795_000_000.25, 4_102_444_799.75, -86_400.0])
    func matchesTheFoundationFormatter(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        #expect(GatewayEngine.instant(date) == formatter.string(from: date))
    }

    @Test func leapDayAndEndOfYear() {
        #expect(GatewayEngine.instant(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(GatewayEngine.instant(Date(timeIntervalSince1970: 4_102_444_799)) == "2099-12-31T23:59:59Z")
    }
}
