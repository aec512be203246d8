import FHIR
import Foundation
@testable import Gateway

/// Loads the `subscription-*.json` notification fixtures.
enum SubscriptionFixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureMissing(name: name)
        }
        return Array(try Data(contentsOf: url))
    }

    static func bundle(_ name: String) throws -> FHIRElement {
        try NotificationBundleReader.parse(bytes(name), format: .json, maxBytes: 1 << 20)
    }

    static func notification(_ name: String) throws -> SubscriptionNotification {
        try SubscriptionNotification(bundle: bundle(name))
    }

    struct FixtureMissing: Error { var name: String }
}
