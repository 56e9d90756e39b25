// The Swift-side lookup cache (issue 17): cached answers are the raw layer's
// answers for every built-in entry, the bound holds, failed lookups and
// localized texts are not kept, and threads agree. No timing here: speed is
// the benchmark's (swift/Benchmarks/ErrcatBench).

import Dispatch
import Foundation
import XCTest
import Errcat

// UniFFI's raw layer, uncached (inside a test, `Errcat.` names the enum).
private func rawCode(_ catalog: String, _ code: Int64) throws -> EntryInfo? { try lookupCode(catalog: catalog, code: code) }
private func rawQuery(_ catalog: String, _ query: String) throws -> EntryInfo { try lookup(catalog: catalog, query: query) }
private func rawSymbol(_ catalog: String, _ symbol: String) throws -> EntryInfo? {
    try lookupSymbol(catalog: catalog, symbol: symbol)
}

/// Mismatches counted from several threads.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var bad: [String] = []
    private var good = 0
    func ok() { lock.lock(); good += 1; lock.unlock() }
    func fail(_ s: String) { lock.lock(); bad.append(s); lock.unlock() }
    var result: (Int, [String]) { lock.lock(); defer { lock.unlock() }; return (good, bad) }
}

final class CacheTests: XCTestCase {
    func testCachedAnswersEqualTheRawLayerForEveryEntry() throws {
        var seen = 0
        for c in try Errcat.catalogs() {
            for e in try rawCatalogEntriesOf(c.id) {
                let name = "\(c.id) \(e.symbol)"
                let raw = try rawCode(c.id, e.code)
                XCTAssertEqual(raw, e, name)
                // lookupCode reads the catalog's entries; lookup and lookupSymbol:
                // the first call fills the cache, the second reads it.
                XCTAssertEqual(try Errcat.lookupCode(catalog: c.id, code: e.code), raw, name)
                XCTAssertEqual(try Errcat.lookupCode(catalog: c.id, code: e.code), raw, name)
                for q in [e.symbol, String(e.code), e.symbol.lowercased()] + e.aliases {
                    let rq = try rawQuery(c.id, q)
                    XCTAssertEqual(try Errcat.lookup(catalog: c.id, query: q), rq, "\(name) \(q)")
                    XCTAssertEqual(try Errcat.lookup(catalog: c.id, query: q), rq, "\(name) \(q)")
                }
                for s in [e.symbol] + e.aliases {
                    let rs = try rawSymbol(c.id, s)
                    XCTAssertEqual(try Errcat.lookupSymbol(catalog: c.id, symbol: s), rs, "\(name) \(s)")
                    XCTAssertEqual(try Errcat.lookupSymbol(catalog: c.id, symbol: s), rs, "\(name) \(s)")
                }
                seen += 1
            }
            XCTAssertGreaterThan(Errcat.cachedAnswers(catalog: c.id), 0, c.id)
            XCTAssertLessThanOrEqual(Errcat.cachedAnswers(catalog: c.id), Errcat.cacheLimit, c.id)
        }
        XCTAssertGreaterThan(seen, 300)
    }

    /// `lookupCode` answers from the catalog's entries (fetched once): nothing
    /// is kept per query, and every answer is the raw layer's.
    func testLookupCodeKeepsNothingPerQuery() throws {
        for c in try Errcat.catalogs() {
            let n = Errcat.cachedAnswers(catalog: c.id)
            for e in try rawCatalogEntriesOf(c.id) {
                XCTAssertEqual(try Errcat.lookupCode(catalog: c.id, code: e.code), e, "\(c.id) \(e.code)")
                XCTAssertEqual(try Errcat.lookupCode(catalog: c.id, code: e.code), try rawCode(c.id, e.code))
                XCTAssertNil(try Errcat.lookupCode(catalog: c.id, code: e.code &+ 9_000_000))
            }
            XCTAssertEqual(Errcat.cachedAnswers(catalog: c.id), n, c.id)
        }
    }

    /// A copy handed out can be changed by its caller without changing the cache.
    func testAnAnswerIsACopy() throws {
        var e = try XCTUnwrap(Errcat.lookupCode(catalog: "spaces", code: 42901))
        let before = e
        e.message = "changed by the caller"
        e.aliases.append("MINE")
        XCTAssertEqual(try Errcat.lookupCode(catalog: "spaces", code: 42901), before)
        XCTAssertEqual(try Errcat.lookupCode(catalog: "spaces", code: 42901), try rawCode("spaces", 42901))
    }

    func testFailedLookupsAreNotKept() throws {
        _ = try Errcat.lookupCode(catalog: "rtc", code: 102)
        let n = Errcat.cachedAnswers(catalog: "rtc")
        for code in Int64(5_000_000)..<5_000_100 { XCTAssertNil(try Errcat.lookupCode(catalog: "rtc", code: code)) }
        for i in 0..<100 {
            XCTAssertThrowsError(try Errcat.lookup(catalog: "rtc", query: "NO_SUCH_THING_\(i)"))
            XCTAssertNil(try Errcat.lookupSymbol(catalog: "rtc", symbol: "NO_SUCH_THING_\(i)"))
        }
        XCTAssertEqual(Errcat.cachedAnswers(catalog: "rtc"), n)
        // An unknown catalog still throws every time, and gets no cache.
        for _ in 0..<3 { XCTAssertThrowsError(try Errcat.lookupCode(catalog: "nope", code: 1)) }
        XCTAssertEqual(Errcat.cachedAnswers(catalog: "nope"), 0)
    }

    /// More distinct successful queries than the limit: the count never passes
    /// it, and answers stay right after the cache starts over.
    func testTheBoundHolds() throws {
        let entries = try rawCatalogEntriesOf("spaces")
        var queries: [(String, EntryInfo)] = []
        // Case variants of each symbol: `lookup` is forgiving about case.
        outer: for e in entries {
            let chars = Array(e.symbol)
            let letters = chars.indices.filter { chars[$0].isLetter }.prefix(8)
            for mask in 0..<(1 << letters.count) {
                var v = chars
                for (bit, i) in letters.enumerated() where mask & (1 << bit) != 0 { v[i] = Character(v[i].lowercased()) }
                queries.append((String(v), e))
                if queries.count > Errcat.cacheLimit + 200 { break outer }
            }
        }
        XCTAssertGreaterThan(queries.count, Errcat.cacheLimit)
        var most = 0
        for (q, e) in queries {
            XCTAssertEqual(try Errcat.lookup(catalog: "spaces", query: q), e, q)
            let n = Errcat.cachedAnswers(catalog: "spaces")
            XCTAssertLessThanOrEqual(n, Errcat.cacheLimit, q)
            most = max(most, n)
        }
        XCTAssertEqual(most, Errcat.cacheLimit)
        XCTAssertLessThan(Errcat.cachedAnswers(catalog: "spaces"), queries.count)
        for (q, e) in queries.suffix(50) { XCTAssertEqual(try Errcat.lookup(catalog: "spaces", query: q), e, q) }
    }

    func testThreadsAgree() throws {
        var expected: [(String, EntryInfo)] = []
        for c in try Errcat.catalogs() { for e in try rawCatalogEntriesOf(c.id) { expected.append((c.id, e)) } }
        let tally = Tally()
        let cases = expected
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for round in 0..<3 {
                // Each thread walks the table from a different place.
                for k in 0..<cases.count {
                    let (c, e) = cases[(k + t * 37 + round) % cases.count]
                    do {
                        let a = try Errcat.lookupCode(catalog: c, code: e.code)
                        let b = try Errcat.lookup(catalog: c, query: e.symbol)
                        let s = try Errcat.lookupSymbol(catalog: c, symbol: e.symbol)
                        let miss = try Errcat.lookupCode(catalog: c, code: e.code &+ 7_000_000)
                        if a == e && b == e && s == e && miss == nil { tally.ok() } else { tally.fail("\(c) \(e.symbol)") }
                    } catch {
                        tally.fail("\(c) \(e.symbol): \(error)")
                    }
                }
            }
        }
        let (good, bad) = tally.result
        XCTAssertEqual(bad, [])
        XCTAssertEqual(good, 8 * 3 * cases.count)
        for id in try Errcat.catalogs().map(\.id) {
            XCTAssertLessThanOrEqual(Errcat.cachedAnswers(catalog: id), Errcat.cacheLimit, id)
        }
    }

    /// Localized texts are read at each call: an overlay registered after an
    /// entry was cached shows, and clearing it shows the base text again.
    func testLocalizedTextsAreNotCached() throws {
        let e = try Errcat.lookup(catalog: "rtc", query: "102")
        _ = try Errcat.lookup(catalog: "rtc", query: "102")
        XCTAssertEqual(e.localizedMessage(locales: ["pt"]), e.message)
        try Errcat.registerOverlay(L10nTests.pt, format: .toml)
        defer { try? Errcat.clearOverlays() }
        let again = try Errcat.lookup(catalog: "rtc", query: "102")
        XCTAssertEqual(again.localizedMessage(locales: ["pt"]), "Usuário não encontrado.")
        try Errcat.clearOverlays()
        XCTAssertEqual(try Errcat.lookup(catalog: "rtc", query: "102").localizedMessage(locales: ["pt"]), e.message)
    }
}

private func rawCatalogEntriesOf(_ id: String) throws -> [EntryInfo] { try catalogEntries(catalog: id) }
