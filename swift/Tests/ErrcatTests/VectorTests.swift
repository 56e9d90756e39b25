// Every shared vector (tests/vectors/*.json, the hostile corpus included),
// through `enum Errcat` (`Errcat.lookup`, `Errcat.errorFor`, `Errcat.decode`:
// the typed errors, bridged to NSError), the typed error's record checked
// against the raw UniFFI `decode(catalog:payload:)` it is built from.

import Foundation
import XCTest
import Errcat

final class VectorTests: XCTestCase {
    func testLookupVectors() throws {
        var seen = 0
        for (file, doc) in try Fixtures.vectorFiles() {
            for c in doc["lookups"]?.array ?? [] {
                seen += 1
                let name = "\(file): \(c["name"]?.string ?? "?")"
                let catalog = try XCTUnwrap(c["catalog"]?.string, name)
                let query = try XCTUnwrap(c["query"]?.string, name)
                if let reason = c["expect_error"]?.string {
                    XCTAssertThrowsError(try Errcat.lookup(catalog: catalog, query: query), name) {
                        XCTAssertEqual(($0 as? LookupError)?.reason, reason, name)
                    }
                    XCTAssertThrowsError(try Errcat.errorFor(catalog: catalog, query: query), name) {
                        XCTAssertEqual(($0 as? LookupError)?.reason, reason, name)
                    }
                    continue
                }
                let e = try Errcat.lookup(catalog: catalog, query: query)
                let actual: [String: JSON] = [
                    "code": .int(e.code), "symbol": .string(e.symbol), "message": .string(e.message),
                    "kind": .string(e.kindName), "http_status": .int(Int64(e.httpStatus)),
                    "retryable": .bool(e.retryable), "category": .string(e.category),
                    "deprecated": .bool(e.deprecated), "server_only": .bool(e.serverOnly),
                    // The vectors' keys are the data format's; the API's names are waitRequired, minorCodes.
                    "wait": .bool(e.waitRequired), "minor_count": .int(Int64(e.minorCodes.count)),
                ]
                XCTAssertEqual(e.kindName, snake(e.kind), name)
                XCTAssertEqual(e.deprecated, e.deprecation != nil, name)
                let expect = try XCTUnwrap(c["expect"], name).object
                for (key, value) in expect {
                    XCTAssertEqual(actual[key], value, "\(name): \(key)")
                }
                // The typed error of the same entry agrees.
                let typed = try Errcat.errorFor(catalog: catalog, query: query)
                XCTAssertEqual(typed.errorCode, Int(e.code), name)
                XCTAssertEqual((typed as NSError).code, Int(e.code), name)
                XCTAssertEqual(typed.info.symbol, e.symbol, name)
            }
        }
        XCTAssertGreaterThan(seen, 40)
    }

    func testDecodeVectors() throws {
        var seen = 0
        for (file, doc) in try Fixtures.vectorFiles() {
            for c in doc["decodes"]?.array ?? [] {
                seen += 1
                let name = "\(file): \(c["name"]?.string ?? "?")"
                let catalog = try XCTUnwrap(c["catalog"]?.string, name)
                let body = try Fixtures.payload(c)
                if let reason = c["expect_error"]?.string {
                    XCTAssertThrowsError(try decode(catalog: catalog, payload: body), name) {
                        XCTAssertEqual(($0 as? DecodeError)?.reason, reason, name)
                        XCTAssertFalse($0.localizedDescription.isEmpty, name)
                    }
                    XCTAssertThrowsError(try Errcat.decode(catalog: catalog, payload: body), name) {
                        XCTAssertEqual(($0 as? DecodeError)?.reason, reason, name)
                    }
                    continue
                }
                let typed = try Errcat.decode(catalog: catalog, payload: body)
                let info = typed.info
                let actual: [String: JSON] = [
                    "known": .bool(!info.isUnknown), "code": .int(info.code), "symbol": .string(info.symbol),
                    "kind": .string(info.kindName), "message": .string(info.message),
                    "server_message": JSON.of(info.serverMessage), "raw_code": .string(info.rawCode),
                    "http_status": .int(Int64(info.httpStatus)), "retryable": .bool(info.retryable),
                    "minor": JSON.of(info.minor), "minor_detail": JSON.of(info.minorDetail),
                    "retry_after_ms": JSON.of(info.retryAfterMs),
                    "missing_permission": JSON.of(info.missingPermission), "wait": JSON.of(info.wait),
                ]
                for (key, value) in try XCTUnwrap(c["expect"], name).object {
                    XCTAssertEqual(actual[key], value, "\(name): \(key)")
                }

                // The typed error carries the raw layer's record and bridges to the core's view.
                XCTAssertEqual(try decode(catalog: catalog, payload: body), info, name)
                XCTAssertEqual(caseName(typed) == "UnknownCode", info.isUnknown, name)
                XCTAssertEqual(typed.isUnknown, info.isUnknown, name)
                XCTAssertEqual(info.kindName, snake(info.kind), name)
                XCTAssertEqual(typed.kindName, info.kindName, name)
                XCTAssertEqual(typed.domain, type(of: typed).errorDomain, name)
                XCTAssertEqual(info.domain, info.nsError.domain, name)
                // The view is computed by the core when read, not carried by the decode.
                XCTAssertNil(info.nsErrorEager, name)
                XCTAssertEqual(typed.catalog, catalog, name)
                let ns = typed as NSError
                XCTAssertEqual(ns.domain, info.nsError.domain, name)
                XCTAssertEqual(Int64(ns.code), info.nsError.code, name)
                XCTAssertEqual(ns.localizedDescription, info.message, name)
                XCTAssertEqual(typed.errorDescription, info.message, name)
                XCTAssertEqual(typed.failureReason, info.nsError.failureReason, name)
                XCTAssertEqual(typed.recoverySuggestion, info.nsError.recoverySuggestion, name)
                XCTAssertEqual(bridged(ns.userInfo), bridged(info.nsError.foundationUserInfo), name)

                if let expect = c["expect_ns_error"] {
                    XCTAssertEqual(ns.domain, expect["domain"]?.string, name)
                    XCTAssertEqual(Int64(ns.code), expect["code"]?.int, name)
                    let want = try XCTUnwrap(expect["user_info"], name).object
                    // Exact types from the core (text / integer / flag) …
                    XCTAssertEqual(typedUserInfo(info.nsError.userInfo), want, name)
                    // … and what NSError holds (NSNumber cannot tell a Bool from 0/1).
                    XCTAssertEqual(bridged(ns.userInfo), want.mapValues(numeric), name)
                }
            }
        }
        XCTAssertGreaterThan(seen, 80)
    }
}

func typedUserInfo(_ u: [String: UserInfoValue]) -> [String: JSON] {
    u.mapValues {
        switch $0 {
        case .text(let s): return .string(s)
        case .integer(let i): return .int(i)
        case .flag(let b): return .bool(b)
        }
    }
}

func bridged(_ u: [String: Any]) -> [String: JSON] { u.mapValues(JSON.foundation) }

func numeric(_ v: JSON) -> JSON {
    if case .bool(let b) = v { return .int(b ? 1 : 0) }
    return v
}
