/// Hashing helpers: features are never stored as strings, only as 64-bit hashes folded into a weight-table index.
enum FeatureHashing {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func fnv(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        (hash ^ UInt64(value)) &* prime
    }

    static func hash(_ string: String) -> UInt64 {
        var hash = offsetBasis
        for scalar in string.unicodeScalars { hash = fnv(hash, scalar.value) }
        return hash
    }

    /// A strong 64-bit mixer (splitmix64 finaliser) so that template ids and values spread over all buckets.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(a ^ (b &* 0x9e37_79b9_7f4a_7c15 &+ 0x632b_e59b_d9b4_e019))
    }

    @inline(__always)
    static func lowercase(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        if value < 0x80 { return (value >= 0x41 && value <= 0x5A) ? value + 32 : value }
        return scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? value
    }

    /// Word-shape class of one scalar: X upper, x lower, d digit, otherwise the scalar itself.
    @inline(__always)
    static func shapeClass(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A { return 0x58 }
            if value >= 0x61 && value <= 0x7A { return 0x78 }
            if value >= 0x30 && value <= 0x39 { return 0x64 }
            return value
        }
        let properties = scalar.properties
        if properties.isUppercase { return 0x58 }
        if properties.isLowercase { return 0x78 }
        if properties.numericType != nil { return 0x64 }
        return properties.isAlphabetic ? 0x61 : value
    }
}

/// A seeded, portable random generator (splitmix64) so training is deterministic on every platform.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return FeatureHashing.mix(state &- 0x9e37_79b9_7f4a_7c15)
    }
}
