import FHIR

/// A notification NoteGate cannot read, reported as an `OperationOutcome` (HTTP 400 or 422).
public struct SubscriptionNotificationError: Error, Sendable, CustomStringConvertible, OperationOutcomeConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case notABundle, unsupportedBundleType, missingStatus, invalidStatus, unknownSubscription, invalidEvent
        }
        fileprivate let base: Base
        private init(_ base: Base) { self.base = base }

        /// The body is not a Bundle.
        public static let notABundle = Code(.notABundle)
        /// `Bundle.type` is neither `history` nor `subscription-notification`.
        public static let unsupportedBundleType = Code(.unsupportedBundleType)
        /// `entry[0]` is not a `Parameters` or `SubscriptionStatus`.
        public static let missingStatus = Code(.missingStatus)
        /// The status lacks a required element or has an unknown value.
        public static let invalidStatus = Code(.invalidStatus)
        /// An `id-only` event from a subscription without a configured source server.
        public static let unknownSubscription = Code(.unknownSubscription)
        /// An event that cannot be turned into work (bad event number, focus missing for id-only...).
        public static let invalidEvent = Code(.invalidEvent)
        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    public var expression: String?

    public init(_ code: Code, _ message: String, expression: String? = nil) {
        self.code = code
        self.message = message
        self.expression = expression
    }

    public var description: String {
        "\(code): \(message)" + (expression.map { " (at \($0))" } ?? "")
    }

    /// `unknownSubscription` is a business-rule failure (422); the others are structural (400 `invalid`/
    /// `structure`/`required`/`value`).
    public var issueType: OperationOutcome.IssueType {
        switch code {
        case .notABundle, .missingStatus: .structure
        case .unsupportedBundleType, .invalidStatus, .invalidEvent: .value
        case .unknownSubscription: .businessRule
        default: .invalid
        }
    }

    public var operationOutcome: OperationOutcome {
        OperationOutcome(.init(
            severity: .error, code: issueType, diagnostics: message, expression: expression.map { [$0] } ?? []))
    }
}
