// Every entry of every catalog, against the export: its typed case, the
// NSError it bridges to (domain, code, every userInfo key) and the
// LocalizedError fields. The expected values are computed here from the
// export, not read back from the Rust core, so a Swift layer that disagrees
// with the table fails.

import Foundation
import XCTest
import Errcat

final class CatalogTests: XCTestCase {
    func testCatalogList() throws {
        let table = try Fixtures.table()
        let mine = Dictionary(uniqueKeysWithValues: try Errcat.catalogs().map { ($0.id, $0) })
        let theirs = table["catalogs"]?.array ?? []
        XCTAssertEqual(mine.count, theirs.count)
        XCTAssertNil(try Errcat.catalog(id: "nope"))
        for c in theirs {
            let id = try XCTUnwrap(c["id"]?.string)
            let info = try XCTUnwrap(mine[id], id)
            XCTAssertEqual(info.domain, c["domain"]?.string, id)
            XCTAssertEqual(info.name, c["name"]?.string, id)
            XCTAssertEqual(info.wire, c["wire"]?.string, id)
            XCTAssertEqual(Int(info.entryCount), c["entries"]?.array.count, id)
            XCTAssertEqual(try Errcat.catalog(id: id), info, id)
        }
    }

    func testEveryEntry() throws {
        let table = try Fixtures.table()
        var checked = 0
        for c in table["catalogs"]?.array ?? [] {
            let id = try XCTUnwrap(c["id"]?.string)
            let domain = try XCTUnwrap(c["domain"]?.string)
            let entries = c["entries"]?.array ?? []
            let records = try Errcat.catalogEntries(catalog: id)
            XCTAssertEqual(records.count, entries.count, id)
            for (x, record) in zip(entries, records) {
                let code = try XCTUnwrap(x["code"]?.int)
                let symbol = try XCTUnwrap(x["symbol"]?.string)
                let message = try XCTUnwrap(x["message"]?.string)
                let kind = try XCTUnwrap(x["kind"]?.string)
                let retryable = try XCTUnwrap(x["retryable"]?.bool)
                let reaction = x["reaction"]?.string
                let name = "\(id) \(code) \(symbol)"

                // The record.
                XCTAssertEqual(record.code, code, name)
                XCTAssertEqual(record.symbol, symbol, name)
                XCTAssertEqual(record.message, message, name)
                XCTAssertEqual(snake(record.kind), kind, name)
                XCTAssertEqual(record.kindName, kind, name)
                XCTAssertEqual(Int64(record.httpStatus), x["http_status"]?.int, name)
                XCTAssertEqual(record.retryable, retryable, name)
                XCTAssertEqual(record.category, x["category"]?.string, name)
                XCTAssertEqual(record.typeName, x["type_name"]?.string, name)
                XCTAssertEqual(record.aliases, x["aliases"]?.array.compactMap(\.string), name)
                XCTAssertEqual(record.reaction, reaction, name)
                XCTAssertEqual(record.waitRequired, x["wait"]?.bool, name)
                XCTAssertEqual(record.minorCodes.map(\.code), x["minor"]?.array.compactMap { $0["code"]?.int } ?? [], name)
                XCTAssertEqual(record.serverOnly, x["server_only"]?.bool, name)
                XCTAssertEqual(record.deprecation != nil, x["deprecated"]?.bool, name)
                XCTAssertEqual(record.deprecated, x["deprecated"]?.bool, name)
                XCTAssertEqual(try Errcat.lookupCode(catalog: id, code: code)?.symbol, symbol, name)
                XCTAssertEqual(try Errcat.lookup(catalog: id, query: symbol).code, code, name)
                XCTAssertEqual(try Errcat.lookupSymbol(catalog: id, symbol: symbol), record, name)
                for alias in record.aliases {
                    XCTAssertEqual(try Errcat.lookupSymbol(catalog: id, symbol: alias), record, "\(name) alias \(alias)")
                }

                // The typed error: its case, its type's domain, its code and symbol.
                let error = try Errcat.errorFor(catalog: id, query: String(code))
                XCTAssertEqual(caseName(error), x["type_name"]?.string, name)
                XCTAssertEqual(type(of: error).errorDomain, domain, name)
                XCTAssertEqual(error.errorCode, Int(code), name)
                XCTAssertEqual(error.code, code, name)
                XCTAssertEqual(error.domain, domain, name)
                XCTAssertEqual(error.kindName, kind, name)
                XCTAssertFalse(error.isUnknown, name)
                XCTAssertEqual(try Errcat.errorFor(catalog: id, query: symbol).errorCode, Int(code), name)

                // As NSError, with the userInfo the table implies for an entry
                // with nothing from a server.
                let suggestion = reaction ?? (retryable ? "Try again later." : nil)
                var want: [String: JSON] = [
                    "NSLocalizedDescription": .string(message),
                    "ErrcatSymbol": .string(symbol),
                    "ErrcatCatalog": .string(id),
                    "ErrcatKind": .string(kind),
                    "ErrcatRetryable": .int(retryable ? 1 : 0),
                ]
                if let s = suggestion { want["NSLocalizedRecoverySuggestion"] = .string(s) }
                // The entry's documentation URL, under Foundation's help-anchor key and errcat's.
                if let url = x["doc_url"]?.string {
                    want["NSHelpAnchor"] = .string(url)
                    want["ErrcatDocUrl"] = .string(url)
                }
                XCTAssertEqual(record.docUrl, x["doc_url"]?.string, name)
                let ns = error as NSError
                XCTAssertEqual(ns.domain, domain, name)
                XCTAssertEqual(Int64(ns.code), code, name)
                XCTAssertEqual(bridged(ns.userInfo), want, name)
                XCTAssertEqual(ns.localizedDescription, message, name)
                XCTAssertEqual(ns.localizedFailureReason, nil, name)
                XCTAssertEqual(ns.localizedRecoverySuggestion, suggestion, name)

                // LocalizedError.
                XCTAssertEqual(error.errorDescription, message, name)
                XCTAssertEqual(error.localizedDescription, message, name)
                XCTAssertEqual(error.failureReason, nil, name)
                XCTAssertEqual(error.recoverySuggestion, suggestion, name)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 300)
    }
}
