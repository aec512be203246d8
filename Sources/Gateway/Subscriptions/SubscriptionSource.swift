/// A FHIR server whose subscription notifications the gateway accepts `id-only` payloads from: where to fetch the
/// focus resources. Configured by the operator, never taken from a notification, so a notification cannot make the
/// gateway fetch arbitrary URLs.
public struct SubscriptionSource: Sendable, Equatable {
    /// The subscription reference as the server writes it in notifications: `Subscription/123` or an absolute URL.
    /// `*` matches every subscription.
    public var subscription: String
    /// FHIR base URL to read focus resources from, e.g. `https://ehr.example.org/fhir`.
    public var baseURL: String
    public var bearerToken: String?

    public init(subscription: String, baseURL: String, bearerToken: String? = nil) {
        self.subscription = subscription
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.bearerToken = bearerToken
    }

    /// Parses `SUBSCRIPTION=BASE_URL` (the CLI form).
    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let subscription = String(argument[..<equals]), base = String(argument[argument.index(after: equals)...])
        guard !subscription.isEmpty, base.hasPrefix("http://") || base.hasPrefix("https://") else { return nil }
        self.init(subscription: subscription, baseURL: base)
    }

    /// True when this source is configured for the notification's subscription reference (exact, or one is the
    /// relative tail of the other: `Subscription/1` matches `https://h/fhir/Subscription/1`).
    public func matches(_ reference: String) -> Bool {
        subscription == "*" || subscription == reference || reference.hasSuffix("/" + subscription)
            || subscription.hasSuffix("/" + reference)
    }
}

extension Array where Element == SubscriptionSource {
    /// The most specific source for a subscription (exact matches before `*`).
    public func source(for subscription: String) -> SubscriptionSource? {
        first { $0.subscription != "*" && $0.matches(subscription) } ?? first { $0.subscription == "*" }
    }
}
