// The HTTP vectors (tests/vectors/http.json) through `Errcat.decodeResponse`,
// and fetched with URLSession from the shared fixture server
// (tests/http/server.py, which scripts/test-swift.sh starts on the host and
// names in ERRCAT_HTTP_PORT) through `Errcat.fromResponse`. No response
// object is made by hand: the URLSession test reads real ones.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
import Errcat

enum HTTPVectors {
    static func cases() throws -> [JSON] {
        let doc = try Fixtures.load(Fixtures.vectorsDir.appendingPathComponent("http.json"))
        let cases = doc["responses"]?.array ?? []
        guard cases.count >= 50 else { throw Fixtures.Missing(what: "http.json has \(cases.count) responses") }
        return cases
    }

    static func headers(_ c: JSON) -> [String: String] {
        var out: [String: String] = [:]
        for pair in c["headers"]?.array ?? [] {
            let name = pair.array[0].string!, value = pair.array[1].string!
            // Each vector names a header once; the first of a name counts, as in the core.
            if !out.keys.contains(where: { $0.lowercased() == name.lowercased() }) { out[name] = value }
        }
        return out
    }

    static func now(_ c: JSON) -> Date { Date(timeIntervalSince1970: TimeInterval(c["now"]?.int ?? 0)) }

    /// The `expect` fields of the README of tests/vectors, read from the typed error's public API.
    static func facts(_ e: (any ErrcatError)?) -> [String: JSON] {
        guard let e = e else { return ["error": .bool(false)] }
        let info = e.info
        return [
            "error": .bool(true), "known": .bool(!e.isUnknown), "from_status": .bool(e.isFromStatus),
            "code": .int(e.code), "symbol": .string(info.symbol), "kind": .string(e.kindName),
            "message": .string(e.message), "retryable": .bool(e.retryable),
            "retry_after_ms": JSON.of(info.retryAfterMs), "response_status": JSON.of(e.responseStatus),
            "http_status": .int(Int64(info.httpStatus)), "content_type": JSON.of(e.contentType),
            "body_excerpt": JSON.of(e.bodyExcerpt), "body_len": JSON.of(e.bodyLen),
            "minor": JSON.of(info.minor), "domain": .string(e.domain),
        ]
    }

    /// Every `expect` field that differs, as `key: got X, want Y`.
    static func mismatches(_ e: (any ErrcatError)?, _ c: JSON) -> [String] {
        let got = facts(e)
        var out: [String] = []
        for (key, want) in (c["expect"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
            if got[key] != want { out.append("\(key): got \(got[key]?.description ?? "nothing"), want \(want)") }
        }
        if c["expect"] == nil { out.append("no expect") }
        return out
    }

    /// The response keys of the NSError view against the typed error's fields.
    static func userInfoMismatches(_ e: any ErrcatError) -> [String] {
        let u = bridged((e as NSError).userInfo)
        func num(_ v: Int?) -> JSON? { v.map { .int(Int64($0)) } }
        let want: [(String, JSON?)] = [
            (ErrcatUserInfoKey.responseStatus, num(e.responseStatus)),
            (ErrcatUserInfoKey.fromStatus, e.responseStatus == nil ? nil : .int(e.isFromStatus ? 1 : 0)),
            (ErrcatUserInfoKey.contentType, e.contentType.map { .string($0) }),
            (ErrcatUserInfoKey.bodyExcerpt, e.bodyExcerpt.map { .string($0) }),
            (ErrcatUserInfoKey.bodyLength, num(e.bodyLen)),
            (ErrcatUserInfoKey.retryAfterMs, e.info.retryAfterMs.map { .int(Int64($0)) }),
        ]
        return want.compactMap { key, value in
            u[key] == value ? nil : "userInfo[\(key)]: got \(u[key]?.description ?? "absent"), want \(value?.description ?? "absent")"
        }
    }

    /// The port of tests/http/server.py, from ERRCAT_HTTP_PORT.
    static func serverPort() throws -> Int {
        guard let text = ProcessInfo.processInfo.environment["ERRCAT_HTTP_PORT"], let port = Int(text) else {
            throw Fixtures.Missing(what: "ERRCAT_HTTP_PORT is not set: run scripts/test-swift.sh, or start "
                + "`python3 tests/http/server.py` and export ERRCAT_HTTP_PORT=<its port>")
        }
        return port
    }
}

final class HTTPTests: XCTestCase {
    static let userCatalog = """
        [catalog]
        id = "mine"
        name = "Mine"
        wire = "int"
        [[category]]
        id = "a"
        name = "A"
        [[entry]]
        code = 7
        symbol = "SEVEN"
        message = "Seven"
        category = "a"
        kind = "internal"
        """

    /// (a) Every vector through `decodeResponse`, with headers as a `[String: String]`
    /// and as `[AnyHashable: Any]` (`allHeaderFields`' type).
    func testVectorsThroughDecodeResponse() throws {
        var seen = 0, errors = 0
        for c in try HTTPVectors.cases() {
            let name = c["name"]?.string ?? "?"
            let catalog = try XCTUnwrap(c["catalog"]?.string, name)
            let status = Int(try XCTUnwrap(c["status"]?.int, name))
            let headers = HTTPVectors.headers(c)
            let body = try Fixtures.body(c)
            let now = HTTPVectors.now(c)
            let e = try Errcat.decodeResponse(catalog, status: status, headers: headers, body: body, now: now)
            for m in HTTPVectors.mismatches(e, c) { XCTFail("\(name): \(m)") }
            let any: [AnyHashable: Any] = Dictionary(uniqueKeysWithValues: headers.map { (AnyHashable($0.key), $0.value as Any) })
            let e2 = try Errcat.decodeResponse(catalog, status: status, headers: any, body: body, now: now)
            XCTAssertEqual(e2?.info, e?.info, "\(name): [AnyHashable: Any] headers")
            seen += 1
            guard let e = e else { continue }
            errors += 1
            for m in HTTPVectors.userInfoMismatches(e) { XCTFail("\(name): \(m)") }
            // The typed case: a known code's entry case, else .UnknownCode (errors typed from the status too).
            XCTAssertEqual(caseName(e) == "UnknownCode", e.isUnknown, name)
            if e.isFromStatus { XCTAssertTrue(e.isUnknown, name) }
            if !e.isUnknown {
                let entry = try Errcat.errorFor(catalog: catalog, query: e.info.symbol)
                XCTAssertEqual(caseName(e), caseName(entry), name)
                XCTAssertEqual(e.errorCode, entry.errorCode, name)
            }
            XCTAssertEqual(type(of: e).errorDomain, e.domain, name)
        }
        XCTAssertEqual(seen, try HTTPVectors.cases().count)
        XCTAssertGreaterThan(errors, 40)
    }

    /// (b) Every vector fetched with URLSession from tests/http/server.py, through
    /// `fromResponse` (and `throwForResponse`) with the vector's clock. Fails,
    /// never skips, when the server cannot be reached.
    func testVectorsThroughURLSession() async throws {
        let port = try HTTPVectors.serverPort()
        let config = URLSessionConfiguration.ephemeral
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.urlCache = nil
        let session = URLSession(configuration: config)
        var seen = 0
        var differ: [String] = []
        for c in try HTTPVectors.cases() {
            let name = c["name"]?.string ?? "?"
            let catalog = try XCTUnwrap(c["catalog"]?.string, name)
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/\(name)")!)
            request.timeoutInterval = 60
            let (data, response) = try await session.data(for: request)
            let http = try XCTUnwrap(response as? HTTPURLResponse, name)
            XCTAssertEqual(http.statusCode, Int(c["status"]?.int ?? 0), name)
            XCTAssertEqual(data, try Fixtures.body(c).prefix(c["status"]?.int == 304 || c["status"]?.int == 204 ? 0 : Int.max),
                           "\(name): the body URLSession read")
            // What the client did to the header names (Linux's URLSession keeps them; Apple's may not).
            let sent = Set(HTTPVectors.headers(c).keys)
            let got = Set(http.allHeaderFields.keys.compactMap { $0.base as? String }).subtracting(["Content-Length"])
            if sent != got { print("http-urlsession: \(name): header names sent \(sent.sorted()), received \(got.sorted())") }
            let now = HTTPVectors.now(c)
            let e = try Errcat.fromResponse(catalog, data: data, response: response, now: now)
            let m = HTTPVectors.mismatches(e, c)
            if !m.isEmpty { differ.append("\(name): \(m.joined(separator: "; ")) (headers \(http.allHeaderFields))") }
            do {
                try Errcat.throwForResponse(catalog, data: data, response: response, now: now)
                XCTAssertNil(e, "\(name): throwForResponse returned for an error")
            } catch let thrown as any ErrcatError {
                XCTAssertEqual(thrown.info, e?.info, "\(name): throwForResponse threw another error")
            }
            seen += 1
        }
        for d in differ { XCTFail("URLSession: \(d)") }
        print("http-urlsession: \(seen - differ.count) vectors agree, \(differ.count) differ")
        XCTAssertEqual(seen, try HTTPVectors.cases().count)
    }

    /// An HTML 503 from a proxy, fetched for real: a retryable `unavailable`
    /// `RtcError.UnknownCode` with its Retry-After delay, bridged to NSError.
    func testProxyHTML503AsNSError() async throws {
        let port = try HTTPVectors.serverPort()
        let url = URL(string: "http://127.0.0.1:\(port)/proxy-html-503-retry-after")!
        let (data, response) = try await URLSession.shared.data(for: URLRequest(url: url))
        let html = "<!DOCTYPE html><html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"
        XCTAssertEqual(String(decoding: data, as: UTF8.self), html)
        do {
            try Errcat.throwForResponse("rtc", data: data, response: response)
            XCTFail("no error thrown")
        } catch RtcError.UnknownCode(let info) {
            XCTAssertTrue(info.isFromStatus && info.retryable && info.isUnknown)
            XCTAssertEqual(info.kindName, "unavailable")
            XCTAssertEqual(info.retryAfterMs, 120_000)
            let ns = RtcError.UnknownCode(info: info) as NSError
            XCTAssertEqual(ns.domain, "errcat.rtc")
            XCTAssertEqual(ns.code, 503)
            XCTAssertEqual(ns.localizedDescription, "HTTP 503 (unavailable)")
            let u = bridged(ns.userInfo)
            let want: [String: JSON] = [
                "NSLocalizedDescription": .string("HTTP 503 (unavailable)"),
                "ErrcatSymbol": .string("HTTP_503"), "ErrcatCatalog": .string("rtc"),
                "ErrcatKind": .string("unavailable"), "ErrcatRetryable": .int(1),
                "ErrcatRetryAfterMs": .int(120_000),
                "ErrcatResponseStatus": .int(503), "ErrcatFromStatus": .int(1),
                "ErrcatContentType": .string("text/html; charset=utf-8"),
                "ErrcatBodyExcerpt": .string(html), "ErrcatBodyLength": .int(Int64(html.utf8.count)),
            ]
            for (key, value) in want { XCTAssertEqual(u[key], value, key) }
            XCTAssertEqual(u, bridged(info.nsError.foundationUserInfo))
        }
        // The same response against a user catalog: thrown as its NSError.
        let cat = try Errcat.parseCatalog(text: HTTPTests.userCatalog, format: .toml)
        XCTAssertEqual(try Errcat.fromResponse(cat, data: data, response: response)?.symbol, "HTTP_503")
        do {
            try Errcat.throwForResponse(cat, data: data, response: response, now: Date())
            XCTFail("no error thrown")
        } catch let ns as NSError {
            XCTAssertEqual(ns.domain, try cat.info().domain)
            XCTAssertEqual(ns.code, 503)
            XCTAssertEqual(ns.userInfo[ErrcatUserInfoKey.retryAfterMs] as? NSNumber, 120_000)
            XCTAssertEqual(ns.userInfo[ErrcatUserInfoKey.bodyExcerpt] as? String, html)
        }
    }

    /// Bad input: clear `DecodeError`s, never a trap.
    func testBadInput() throws {
        XCTAssertThrowsError(try Errcat.decodeResponse("nope", status: 503, headers: [:], body: Data())) {
            XCTAssertEqual(($0 as? DecodeError)?.reason, "unknown_catalog")
        }
        for status in [Int.min, -1, 0, 99, 600, 65_536 + 503, Int(Int32.max) + 503, Int.max] {
            XCTAssertThrowsError(try Errcat.decodeResponse("spaces", status: status, headers: [:], body: Data()), "\(status)") {
                XCTAssertEqual(($0 as? DecodeError)?.reason, "malformed", "\(status)")
            }
        }
        // A response that is not HTTP (a file: URL's) has no status to decode.
        let file = URLResponse(url: URL(fileURLWithPath: "/tmp/x"), mimeType: "text/plain", expectedContentLength: 0,
                               textEncodingName: nil)
        XCTAssertThrowsError(try Errcat.fromResponse("spaces", data: Data(), response: file)) {
            XCTAssertEqual(($0 as? DecodeError)?.reason, "malformed")
            XCTAssertTrue($0.localizedDescription.contains("not an HTTP response"), $0.localizedDescription)
        }
        XCTAssertThrowsError(try Errcat.throwForResponse("spaces", data: Data(), response: file)) {
            XCTAssertEqual(($0 as? DecodeError)?.reason, "malformed")
        }
        // Hostile headers: ignored or clamped by the core, the body excerpt kept; clocks far outside any date.
        let odd: [AnyHashable: Any] = ["Retry-After": String(repeating: "9", count: 100_000), 7: "x",
                                       "Content-Type": NSNumber(value: 1), "X": ["a", "b"]]
        for now in [nil, Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: -1e300),
                    Date(timeIntervalSince1970: 1e300), Date(timeIntervalSince1970: .nan)] {
            let e = try XCTUnwrap(try Errcat.decodeResponse("spaces", status: 503, headers: odd, body: Data("<p>".utf8), now: now))
            XCTAssertTrue(e.isFromStatus)
            XCTAssertNil(e.info.retryAfterMs)
            XCTAssertEqual(e.bodyExcerpt, "<p>")
            XCTAssertEqual(e.contentType, "1")
        }
        // A clock before the epoch counts as the epoch: an HTTP-date is far in the future.
        let dated = try Errcat.decodeResponse("spaces", status: 503, headers: ["Retry-After": "Thu, 01 Jan 1970 00:00:10 GMT"],
                                              body: Data(), now: Date(timeIntervalSince1970: -5))
        XCTAssertEqual(dated?.info.retryAfterMs, 10_000)
        // Not an error: nil, and throwForResponse returns.
        XCTAssertNil(try Errcat.decodeResponse("spaces", status: 200, headers: ["Content-Type": "text/html"], body: Data("<p>".utf8)))
    }

    /// A user catalog: the same rules, its `ErrorInfo`, thrown as its NSError.
    func testUserCatalog() throws {
        let cat = try Errcat.parseCatalog(text: HTTPTests.userCatalog, format: .toml)
        let known = try XCTUnwrap(try Errcat.decodeResponse(cat, status: 500, headers: ["Retry-After": "3"],
                                                            body: Data(#"{"code":7}"#.utf8)))
        XCTAssertEqual(known.symbol, "SEVEN")
        XCTAssertEqual(known.responseStatus, 500)
        XCTAssertEqual(known.retryAfterMs, 3000)
        let html = try XCTUnwrap(try Errcat.decodeResponse(cat, status: 502, headers: ["content-type": "text/html"] as [AnyHashable: Any],
                                                           body: Data("<html>".utf8)))
        XCTAssertTrue(html.isFromStatus && html.isUnknown)
        XCTAssertEqual(html.symbol, "HTTP_502")
        XCTAssertEqual(html.toNSError().userInfo[ErrcatUserInfoKey.bodyExcerpt] as? String, "<html>")
        XCTAssertNil(try Errcat.decodeResponse(cat, status: 204, headers: [String: String](), body: Data()))
    }
}
