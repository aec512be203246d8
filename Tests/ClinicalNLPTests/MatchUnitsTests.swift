import Testing
@testable import ClinicalNLP

/// `MatchUnits` packs (token, id) pairs into one buffer: every pair must read back exactly, across growth and for
/// the negative markers the matcher uses.
@Suite struct MatchUnitsTests {
    @Test func pairsReadBackAcrossGrowth() {
        var units = MatchUnits(capacity: 0)  // starts at the minimum capacity, 16, and grows three times
        for k in 0..<100 { units.append(token: k / 3, id: k % 7 == 0 ? -2 : Int32(k * 1_000)) }
        units.append(token: -1, id: -2)
        units.append(token: Int(Int32.max), id: Int32.min)
        let count = units.count
        #expect(count == 102)
        var tokens = [Int](), ids = [Int32]()
        for u in 0..<units.count { tokens.append(units.token(u)); ids.append(units.id(u)) }
        var expectedTokens = (0..<100).map { $0 / 3 }
        expectedTokens += [-1, Int(Int32.max)]
        var expectedIDs: [Int32] = (0..<100).map { $0 % 7 == 0 ? -2 : Int32($0 * 1_000) }
        expectedIDs += [-2, Int32.min]
        #expect(tokens == expectedTokens)
        #expect(ids == expectedIDs)
    }

    @Test func sameTokenComparesOnlyTheToken() {
        var units = MatchUnits(capacity: 4)
        units.append(token: 5, id: 1)
        units.append(token: 5, id: -1)
        units.append(token: 6, id: 1)
        units.append(token: -1, id: -2)
        units.append(token: -1, id: -2)
        let same = [units.sameToken(0, 1), units.sameToken(1, 2), units.sameToken(2, 3), units.sameToken(3, 4)]
        #expect(same == [true, false, false, true])
    }
}
