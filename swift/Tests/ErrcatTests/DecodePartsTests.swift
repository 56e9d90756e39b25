// A built-in decode is read by reference (issue 17): `decode_parts` plus the
// catalog's cached entries. Its `ErrorInfo` and typed case must equal the
// full UniFFI record (`decode(catalog:payload:)`) and typed decode
// (`decodeSpaces`, …) for every entry of every catalog; the shared vectors
// check the same in VectorTests.

import Foundation
import XCTest
import Errcat

final class DecodePartsTests: XCTestCase {
    /// The raw layer's typed decode of a built-in catalog, as `ErrcatError`.
    private func rawTyped(_ catalog: String, _ payload: Data) throws -> any ErrcatError {
        switch catalog {
        case "securechat": return try decodeSecurechat(payload: payload)
        case "messenger": return try decodeMessenger(payload: payload)
        case "spaces": return try decodeSpaces(payload: payload)
        case "rtc": return try decodeRtc(payload: payload)
        case "chatapi": return try decodeChatapi(payload: payload)
        default: throw DecodeError.UnknownCatalog(message: catalog)
        }
    }

    private func json(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// Payloads for every entry (by code and by symbol, with and without the
    /// server's fields, each documented minor code and an undocumented one)
    /// and unknown codes of both wire types.
    private func payloads(_ c: CatalogInfo) throws -> [Data] {
        var out: [Data] = []
        let unknown: [Any] = [999_999, -7, "NEW_THING", "12345", "UNKNOWN"]
        for raw in unknown {
            out.append(try json(["code": raw]))
            out.append(try json(["code": raw, "message": "srv", "wait": 3]))
        }
        for e in try Errcat.catalogEntries(catalog: c.id) {
            for raw in [e.code as Any, e.symbol as Any] {
                out.append(try json(["code": raw]))
                out.append(try json(["code": raw, "message": e.message]))
                out.append(try json(["code": raw, "message": "srv", "retry_after_ms": 1500, "missing_permission": "p"]))
                out.append(try json(["error": ["code": raw, "message": "srv"]]))
                out.append(try json(["code": raw, "wait": 30]))
                for m in e.minorCodes.map(\.code) + [424_242] {
                    out.append(try json(["major": raw, "minor": m]))
                }
            }
        }
        return out
    }

    func testPartsRebuildTheFullRecord() throws {
        var checked = 0
        for c in try Errcat.catalogs() {
            for body in try payloads(c) {
                let name = "\(c.id) \(String(decoding: body, as: UTF8.self))"
                let want: ErrorInfo
                do {
                    want = try decode(catalog: c.id, payload: body)
                } catch let e as DecodeError {
                    XCTAssertThrowsError(try Errcat.decode(catalog: c.id, payload: body), name) {
                        XCTAssertEqual(($0 as? DecodeError)?.reason, e.reason, name)
                    }
                    continue
                }
                let typed = try Errcat.decode(catalog: c.id, payload: body)
                XCTAssertEqual(typed.info, want, name)
                let raw = try rawTyped(c.id, body)
                XCTAssertEqual(String(describing: typed), String(describing: raw), name)
                XCTAssertEqual((typed as NSError).code, (raw as NSError).code, name)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 3000)
    }
}
