// Unknown codes, `catch` patterns, user catalogs, concurrent decodes and bad
// input (always a thrown error: a trap would end this test process).

import Foundation
import XCTest
import Errcat

final class BehaviourTests: XCTestCase {
    func testUnknownCodesKeptRaw() throws {
        let text = try Errcat.decode(catalog: "spaces", payload: Data(#"{"error":{"code":"BRAND_NEW","message":"hi"}}"#.utf8))
        guard case SpacesError.UnknownCode(let info) = text else { return XCTFail("not UnknownCode: \(text)") }
        XCTAssertTrue(info.isUnknown)
        XCTAssertTrue(text.isUnknown)
        XCTAssertEqual(text.kindName, "unknown")
        XCTAssertEqual(text.domain, "errcat.spaces")
        XCTAssertEqual(info.rawCode, "BRAND_NEW")
        XCTAssertEqual(info.message, "hi")
        let ns = text as NSError
        XCTAssertEqual(ns.domain, "errcat.spaces")
        XCTAssertEqual(ns.code, 0)
        XCTAssertEqual(ns.userInfo[ErrcatUserInfoKey.rawCode] as? String, "BRAND_NEW")
        XCTAssertEqual(ns.userInfo[ErrcatUserInfoKey.symbol] as? String, "BRAND_NEW")

        let number = try RtcError.decode(payload: Data(#"{"code":4242}"#.utf8))
        guard case .UnknownCode(let n) = number else { return XCTFail("not UnknownCode: \(number)") }
        XCTAssertEqual(n.rawCode, "4242")
        XCTAssertEqual((number as NSError).code, 4242)
        XCTAssertEqual((number as NSError).userInfo[ErrcatUserInfoKey.rawCode] as? String, "4242")
        XCTAssertNil(try Errcat.lookupCode(catalog: "rtc", code: 4242))
    }

    func testCatchPatterns() throws {
        func fail(_ body: String, _ catalog: String = "spaces") throws {
            throw try Errcat.decode(catalog: catalog, payload: Data(body.utf8))
        }
        do {
            try fail(#"{"error":{"code":"RATE_LIMITED","message":"Slow down","retry_after_ms":1500}}"#)
            XCTFail("nothing thrown")
        } catch SpacesError.RateLimited(let info) {
            XCTAssertEqual(info.retryAfterMs, 1500)
            XCTAssertEqual(info.nsError.recoverySuggestion, "Try again in 1500 ms.")
        }
        do {
            try fail(#"{"code":102}"#, "rtc")
            XCTFail("nothing thrown")
        } catch RtcError.UserNotFound {
        }
        do {
            try fail(#"{"error":{"code":"FORBIDDEN","missing_permission":"x"}}"#)
            XCTFail("nothing thrown")
        } catch let e as any ErrcatError where (e as NSError).domain == "errcat.spaces" {
            XCTAssertEqual(e.info.missingPermission, "x")
            XCTAssertEqual(type(of: e).errorDomain, "errcat.spaces")
        }
        do {
            try fail("not json")
            XCTFail("nothing thrown")
        } catch let e as DecodeError where e.reason == "malformed" {
            XCTAssertFalse(e.message.isEmpty)
        }
        do {
            _ = try SpacesError.errorFor(query: "Rate Limited")
            throw try SpacesError.errorFor(query: "rate-limited")
        } catch SpacesError.RateLimited {
        }
    }

    static let userToml = """
    [catalog]
    id = "acme"
    name = "ACME API"
    domain = "com.acme.api"
    wire = "string"

    [[category]]
    id = "auth"
    name = "Auth"
    http_status = 401

    [[entry]]
    code = 1
    symbol = "TOKEN_EXPIRED"
    message = "The token has expired."
    category = "auth"
    kind = "unauthenticated"
    reaction = "Sign in again."
    """

    func testUserCatalogs() throws {
        let cat = try Errcat.parseCatalog(text: Self.userToml, format: .toml, name: "acme.toml")
        XCTAssertEqual(try cat.info().id, "acme")
        XCTAssertEqual(try cat.info().domain, "com.acme.api")
        XCTAssertEqual(try cat.entries().map(\.symbol), ["TOKEN_EXPIRED"])
        XCTAssertEqual(try cat.lookup(query: "token-expired").code, 1)
        XCTAssertEqual(try cat.search(text: "expired").map(\.code), [1])
        XCTAssertEqual(try cat.lookupCode(code: 1)?.symbol, "TOKEN_EXPIRED")
        XCTAssertNil(try cat.lookupCode(code: 2))
        XCTAssertEqual(try cat.lookupSymbol(symbol: "TOKEN_EXPIRED")?.code, 1)
        XCTAssertNil(try cat.lookupSymbol(symbol: "token-expired"))
        // A user catalog's view cannot be rebuilt from its record: it crosses with it.
        let u = try Errcat.decode(catalog: cat, payload: Data(#"{"code":"TOKEN_EXPIRED"}"#.utf8))
        XCTAssertEqual(u.nsErrorEager?.domain, "com.acme.api")
        XCTAssertEqual(u.nsError, u.nsErrorEager)

        let info = try Errcat.decode(catalog: cat, payload: Data(#"{"code":"TOKEN_EXPIRED"}"#.utf8))
        XCTAssertEqual(try cat.decode(payload: Data(#"{"code":"TOKEN_EXPIRED"}"#.utf8)), info)
        XCTAssertFalse(info.isUnknown)
        XCTAssertEqual(info.domain, "com.acme.api")
        XCTAssertEqual(info.kindName, "unauthenticated")
        XCTAssertEqual(info.kind, .unauthenticated)
        let ns = info.toNSError()
        XCTAssertEqual(ns.domain, "com.acme.api")
        XCTAssertEqual(ns.code, 1)
        XCTAssertEqual(ns.localizedDescription, "The token has expired.")
        XCTAssertEqual(ns.localizedRecoverySuggestion, "Sign in again.")
        XCTAssertEqual(ns.userInfo[ErrcatUserInfoKey.catalog] as? String, "acme")

        let unknown = try cat.decode(payload: Data(#"{"code":"NEW"}"#.utf8))
        XCTAssertTrue(unknown.isUnknown)
        XCTAssertEqual(unknown.rawCode, "NEW")
        XCTAssertEqual(try cat.errorFor(query: "1").symbol, "TOKEN_EXPIRED")
        XCTAssertEqual(try Errcat.errorFor(catalog: cat, query: "token-expired").code, 1)
        XCTAssertThrowsError(try cat.lookup(query: "NOPE")) {
            XCTAssertEqual(($0 as? LookupError)?.reason, "unknown_code")
        }

        // From a file, and the same catalog as JSON.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("errcat-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("acme.toml")
        try Data(Self.userToml.utf8).write(to: file)
        XCTAssertEqual(try Errcat.loadCatalog(path: file.path).lookup(query: "1").symbol, "TOKEN_EXPIRED")

        // Broken catalogs are thrown errors naming the file and the problem.
        let broken = Self.userToml.replacingOccurrences(of: "unauthenticated", with: "sleepy")
        XCTAssertThrowsError(try Errcat.parseCatalog(text: Data(broken.utf8), format: .toml, name: "broken.toml")) {
            let e = $0 as? CatalogLoadError
            XCTAssertEqual(e?.reason, "invalid")
            XCTAssertTrue(e?.message.contains("broken.toml") ?? false, "\($0)")
            XCTAssertTrue(e?.message.contains("sleepy") ?? false, "\($0)")
        }
        XCTAssertThrowsError(try Errcat.loadCatalog(path: "/nonexistent/errcat.toml")) {
            XCTAssertTrue(($0 as? CatalogLoadError)?.message.contains("/nonexistent/errcat.toml") ?? false, "\($0)")
        }
        for garbage in ["", "[catalog", "\u{0}\u{1}", String(repeating: "[", count: 10_000)] {
            XCTAssertThrowsError(try Errcat.parseCatalog(text: Data(garbage.utf8), format: .toml, name: "g.toml"))
            XCTAssertThrowsError(try Errcat.parseCatalog(text: Data(garbage.utf8), format: .json, name: "g.json"))
        }
        // Without a name, the format's default names it.
        XCTAssertThrowsError(try Errcat.parseCatalog(text: "{", format: .json)) {
            XCTAssertTrue(($0 as? CatalogLoadError)?.message.contains("catalog.json") ?? false, "\($0)")
        }
    }

    /// Several threads decode the decode vectors at once; every answer equals
    /// the one-thread answer.
    func testConcurrentDecodes() throws {
        var cases: [(String, Data)] = []
        for (_, doc) in try Fixtures.vectorFiles() {
            for c in doc["decodes"]?.array ?? [] where c["expect"] != nil {
                let body = try Fixtures.payload(c)
                if body.count < 65536 { cases.append((c["catalog"]!.string!, body)) }
            }
        }
        XCTAssertGreaterThan(cases.count, 30)
        let serial = try cases.map { try Errcat.decode(catalog: $0.0, payload: $0.1).info }
        let threads = 8
        let rounds = 25
        let lock = NSLock()
        var mismatches = 0
        var thrown = 0
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var bad = 0
            var errors = 0
            for r in 0..<rounds {
                for i in cases.indices {
                    let k = (i + t * 7 + r) % cases.count
                    do {
                        let e = try Errcat.decode(catalog: cases[k].0, payload: cases[k].1)
                        if e.info != serial[k] || (e as NSError).code != Int(clamping: serial[k].nsError.code) { bad += 1 }
                        _ = try Errcat.lookupCode(catalog: "spaces", code: 42901)
                    } catch {
                        errors += 1
                    }
                }
            }
            lock.lock(); mismatches += bad; thrown += errors; lock.unlock()
        }
        XCTAssertEqual(mismatches, 0)
        XCTAssertEqual(thrown, 0)
    }

    /// Arbitrary bytes and edge values: an answer or a thrown error, never a trap.
    func testBadInputThrows() throws {
        XCTAssertThrowsError(try decode(catalog: "nope", payload: Data("1".utf8))) {
            XCTAssertEqual(($0 as? DecodeError)?.reason, "unknown_catalog")
        }
        XCTAssertThrowsError(try Errcat.decode(catalog: "nope", payload: Data("1".utf8))) {
            XCTAssertEqual(($0 as? DecodeError)?.reason, "unknown_catalog")
        }
        XCTAssertThrowsError(try Errcat.lookup(catalog: "rtc", query: "nope")) {
            XCTAssertEqual(($0 as? LookupError)?.reason, "unknown_code")
        }
        XCTAssertThrowsError(try Errcat.catalogEntries(catalog: "nope"))
        XCTAssertThrowsError(try Errcat.errorFor(catalog: "", query: "")) {
            XCTAssertEqual(($0 as? LookupError)?.reason, "unknown_catalog")
        }
        XCTAssertThrowsError(try Errcat.errorFor(catalog: "rtc", query: "nope")) {
            XCTAssertEqual(($0 as? LookupError)?.reason, "unknown_code")
        }
        XCTAssertThrowsError(try Errcat.lookupSymbol(catalog: "nope", symbol: "X")) {
            XCTAssertEqual(($0 as? LookupError)?.reason, "unknown_catalog")
        }
        XCTAssertNil(try Errcat.lookupSymbol(catalog: "spaces", symbol: "rate-limited"))
        XCTAssertEqual(try Errcat.lookupSymbol(catalog: "spaces", symbol: "RATE_LIMITED")?.code, 42901)
        for code in [Int64.min, -1, 0, Int64.max] {
            _ = try Errcat.lookupCode(catalog: "rtc", code: code)
        }
        XCTAssertThrowsError(try Errcat.lookupCode(catalog: "nope", code: 1))
        _ = try Errcat.search(text: "")
        _ = try Errcat.search(text: String(repeating: "\u{0}é ", count: 5000))

        // Mutated vector payloads and random bytes, all catalogs.
        var rng = SplitMix(seed: 12)
        var seeds: [Data] = []
        for (_, doc) in try Fixtures.vectorFiles() {
            for c in doc["decodes"]?.array ?? [] { seeds.append(try Fixtures.payload(c)) }
        }
        let ids = try Errcat.catalogs().map(\.id)
        var answered = 0
        var threw = 0
        for i in 0..<3000 {
            var body = seeds[Int(rng.next() % UInt64(seeds.count))]
            if body.count > 4096 { body = body.prefix(4096) }
            var bytes = [UInt8](body)
            if i % 5 == 0 {
                bytes = (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else if !bytes.isEmpty {
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            do {
                _ = try Errcat.decode(catalog: ids[i % ids.count], payload: Data(bytes))
                answered += 1
            } catch is DecodeError {
                threw += 1
            }
        }
        XCTAssertEqual(answered + threw, 3000)
        XCTAssertGreaterThan(threw, 0)
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
