// Runs on macOS after swift/build-xcframework.sh: `cd swift && swift test`.
// Not compiled on the Linux machines of this repository (no Swift toolchain
// there); scripts/test-swift.sh parses it and checks the names it uses.

import Foundation
import XCTest
import Errcat

final class ErrcatTests: XCTestCase {
    /// tests/vectors at the repository root (this file is swift/Tests/ErrcatTests/ErrcatTests.swift).
    private let vectors = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("tests/vectors")

    private func payload(_ c: [String: Any]) -> Data? {
        if let text = c["payload"] as? String {
            return Data(text.utf8)
        }
        if let hex = c["payload_hex"] as? String {
            var out = Data()
            var i = hex.startIndex
            while i < hex.endIndex {
                let j = hex.index(i, offsetBy: 2)
                guard let byte = UInt8(hex[i..<j], radix: 16) else { return nil }
                out.append(byte)
                i = j
            }
            return out
        }
        if let gen = c["payload_gen"] as? [String: Any],
           let prefix = gen["prefix"] as? String,
           let unit = gen["repeat"] as? String,
           let count = gen["count"] as? Int,
           let suffix = gen["suffix"] as? String {
            var out = Data(prefix.utf8)
            let bytes = Data(unit.utf8)
            if bytes.count == 1 {
                out.append(Data(repeating: bytes[bytes.startIndex], count: count))
            } else {
                for _ in 0..<count {
                    out.append(bytes)
                }
            }
            out.append(Data(suffix.utf8))
            return out
        }
        return nil
    }

    /// Every decode vector: the typed error, bridged to NSError, has the
    /// vector's domain, code and complete userInfo.
    func testDecodeVectorsAsNSError() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: vectors.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let data = try Data(contentsOf: vectors.appendingPathComponent(file))
            let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            for c in doc["decodes"] as? [[String: Any]] ?? [] {
                let name = "\(file): \(c["name"] as? String ?? "?")"
                let catalog = try XCTUnwrap(c["catalog"] as? String, name)
                let body = try XCTUnwrap(payload(c), name)
                if let reason = c["expect_error"] as? String {
                    XCTAssertThrowsError(try decodeError(catalog: catalog, payload: body), name) { error in
                        XCTAssertEqual((error as? DecodeError)?.reason, reason, name)
                    }
                    continue
                }
                let error = try decodeError(catalog: catalog, payload: body)
                let ns = error as NSError
                XCTAssertEqual(ns.domain, error.info.nsError.domain, name)
                XCTAssertEqual(error.localizedDescription, error.info.message, name)
                XCTAssertEqual(error.errorDescription, error.info.message, name)
                if let expect = c["expect_ns_error"] as? [String: Any] {
                    XCTAssertEqual(ns.domain, expect["domain"] as? String, name)
                    XCTAssertEqual(ns.code, expect["code"] as? Int, name)
                    let userInfo = try XCTUnwrap(expect["user_info"] as? [String: Any], name)
                    XCTAssertEqual(NSDictionary(dictionary: ns.userInfo), NSDictionary(dictionary: userInfo), name)
                }
            }
        }
    }

    /// Every entry of every catalog: its case, domain, code and text.
    func testEveryEntryIsAnNSError() throws {
        for catalog in try catalogs() {
            for entry in try catalogEntries(catalog: catalog.id) {
                let error = try errcatError(catalog: catalog.id, query: String(entry.code))
                let ns = error as NSError
                XCTAssertEqual(ns.domain, catalog.domain)
                XCTAssertEqual(ns.code, Int(entry.code))
                XCTAssertEqual(ns.localizedDescription, entry.message)
                XCTAssertEqual(ns.userInfo[ErrcatUserInfoKey.symbol] as? String, entry.symbol)
                XCTAssertEqual(ns.userInfo[ErrcatUserInfoKey.catalog] as? String, catalog.id)
            }
        }
    }

    func testTypedCatch() throws {
        let body = Data(#"{"error":{"code":"RATE_LIMITED","message":"Slow down","retry_after_ms":1500}}"#.utf8)
        do {
            throw try decodeSpaces(payload: body)
        } catch SpacesError.RateLimited(let info) {
            XCTAssertEqual(info.retryAfterMs, 1500)
            XCTAssertEqual(info.nsError.recoverySuggestion, "Try again in 1500 ms.")
        }
        XCTAssertEqual(SpacesError.errorDomain, "errcat.spaces")
    }

    func testBadInputThrows() {
        XCTAssertThrowsError(try decode(catalog: "nope", payload: Data("1".utf8))) { error in
            XCTAssertEqual((error as? DecodeError)?.reason, "unknown_catalog")
            XCTAssertFalse(error.localizedDescription.isEmpty)
        }
        XCTAssertThrowsError(try lookup(catalog: "rtc", query: "nope")) { error in
            XCTAssertEqual((error as? LookupError)?.reason, "unknown_code")
        }
    }
}
