// Localized texts (issue 16): en-XA for every lookup and for decoded errors,
// the fallback the core applies to a preference list, registered overlays,
// errorDescription / NSError description in the preferred languages, the
// shared vectors of tests/vectors/l10n.json; deprecation and doc URLs.

import Foundation
import XCTest
import Errcat

final class L10nTests: XCTestCase {
    static let pt = """
    [overlay]
    catalog = "rtc"
    locale = "pt"

    [entry.userNotFound]
    message = "Usuário não encontrado."
    """

    override func tearDown() {
        XCTAssertNoThrow(try Errcat.clearOverlays())
        super.tearDown()
    }

    func testEnXAForEveryBuiltInEntry() throws {
        var seen = 0
        for catalog in try Errcat.catalogs() {
            for e in try Errcat.catalogEntries(catalog: catalog.id) {
                seen += 1
                let name = "\(catalog.id) \(e.symbol)"
                let m = e.localizedMessage(locales: ["en-XA"])
                XCTAssertTrue(m.hasPrefix("[") && m.hasSuffix("]"), "\(name): \(m)")
                XCTAssertNotEqual(m, e.message, name)
                XCTAssertGreaterThanOrEqual(Double(m.count), 1.4 * Double(e.message.count), "\(name): \(m)")
                // The typed error of the entry agrees, and says which locale.
                let typed = try Errcat.errorFor(catalog: catalog.id, query: String(e.code))
                XCTAssertEqual(typed.localizedMessage(locales: ["en-XA"]), m, name)
                XCTAssertEqual(typed.localized(locales: ["en-XA"])?.locale, "en-XA", name)
                XCTAssertEqual(typed.localized(locales: ["en-XA"])?.causes.count, e.causes.count, name)
            }
        }
        XCTAssertGreaterThan(seen, 300)
    }

    func testEnXAForADecodedError() throws {
        let body = Data(#"{"error":{"code":"RATE_LIMITED","message":"slow down","retry_after_ms":1500}}"#.utf8)
        let e = try Errcat.decode(catalog: "spaces", payload: body)
        let pseudo = try Errcat.lookup(catalog: "spaces", query: "RATE_LIMITED").localizedMessage(locales: ["en-XA"])
        XCTAssertTrue(pseudo.hasPrefix("[Ŕåţé ļîɱîţ"), pseudo)
        // A translation wins over the server's text, in every form of the message.
        XCTAssertEqual(e.localizedMessage(locales: ["en-XA"]), pseudo)
        XCTAssertEqual(e.info.localizedMessage(locales: ["en-XA"]), pseudo)
        XCTAssertEqual(e.errorUserInfo(locales: ["en-XA"])[ErrcatUserInfoKey.localizedDescription] as? String, pseudo)
        let texts = try XCTUnwrap(e.localized(locales: ["fr", "en-XA"]))
        XCTAssertEqual(texts.locale, "en-XA")
        XCTAssertEqual(texts.message, pseudo)
        XCTAssertTrue(texts.reaction?.hasPrefix("[") ?? true)
        // Without a translation the server's text stays.
        XCTAssertEqual(e.localizedMessage(locales: ["de-DE"]), "slow down")
        XCTAssertEqual(e.errorUserInfo(locales: ["de-DE"])[ErrcatUserInfoKey.localizedDescription] as? String, "slow down")
        XCTAssertNil(e.localized(locales: ["de-DE"])?.locale)
        // An unknown code has no texts to translate.
        let unknown = try Errcat.decode(catalog: "spaces", payload: Data(#"{"error":{"code":"NEW_THING","message":"new"}}"#.utf8))
        XCTAssertNil(unknown.localized(locales: ["en-XA"]))
        XCTAssertEqual(unknown.localizedMessage(locales: ["en-XA"]), "new")
    }

    func testEnglishGivesTheBaseText() throws {
        let entry = try Errcat.lookup(catalog: "spaces", query: "RATE_LIMITED")
        XCTAssertEqual(entry.localizedMessage(locales: ["en-US", "en-XA"]), entry.message)
        XCTAssertEqual(entry.localizedMessage(locales: ["en"]), entry.message)
        XCTAssertEqual(entry.localizedMessage(locales: []), entry.message)
        let e = try SpacesError.decode(payload: Data(#"{"error":{"code":"RATE_LIMITED","message":"slow down"}}"#.utf8))
        XCTAssertEqual(e.localizedMessage(locales: ["en-US", "en-XA"]), "slow down")
        XCTAssertNil(e.localized(locales: ["en-US", "en-XA"])?.locale)
        XCTAssertEqual(e.localized(locales: ["en-US"])?.message, entry.message)
    }

    func testFallbackToARegisteredParentLocale() throws {
        try Errcat.registerOverlay(Self.pt, format: .toml)
        let entry = try Errcat.lookup(catalog: "rtc", query: "102")
        XCTAssertEqual(entry.localizedMessage(locales: ["pt-BR"]), "Usuário não encontrado.")
        XCTAssertEqual(entry.localizedMessage(locales: ["de", "pt-BR", "en-XA"]), "Usuário não encontrado.")
        let e = try RtcError.decode(payload: Data(#"{"code":102,"message":"user gone"}"#.utf8))
        XCTAssertEqual(e.localizedMessage(locales: ["pt-BR"]), "Usuário não encontrado.")
        XCTAssertEqual(e.localized(locales: ["pt-BR"])?.locale, "pt")
        // What the overlay leaves out is the base text.
        let other = try Errcat.lookup(catalog: "rtc", query: "101")
        XCTAssertEqual(other.localizedMessage(locales: ["pt-BR"]), other.message)
    }

    func testRegisterReplaceClear() throws {
        let entry = try Errcat.lookup(catalog: "rtc", query: "102")
        XCTAssertEqual(entry.localizedMessage(locales: ["pt"]), entry.message)
        try Errcat.registerOverlay(Self.pt, format: .toml)
        XCTAssertEqual(entry.localizedMessage(locales: ["pt"]), "Usuário não encontrado.")
        // The same catalog and locale again replaces it (JSON form this time).
        let json = #"{"overlay":{"catalog":"rtc","locale":"pt"},"entry":{"userNotFound":{"message":"Utilizador não encontrado."}}}"#
        try Errcat.registerOverlay(json, format: .json)
        XCTAssertEqual(entry.localizedMessage(locales: ["pt-PT"]), "Utilizador não encontrado.")
        try Errcat.clearOverlays()
        XCTAssertEqual(entry.localizedMessage(locales: ["pt"]), entry.message)
        let e = try Errcat.errorFor(catalog: "rtc", query: "102")
        XCTAssertNil(e.localized(locales: ["pt"])?.locale)
        // The pseudo-locale survives clearing.
        XCTAssertEqual(e.localized(locales: ["en-XA"])?.locale, "en-XA")
    }

    func testBadOverlaysThrowAndChangeNothing() throws {
        try Errcat.registerOverlay(Self.pt, format: .toml)
        let entry = try Errcat.lookup(catalog: "rtc", query: "102")
        let other = try Errcat.lookup(catalog: "rtc", query: "101")
        let bad: [(String, String, CatalogFormat)] = [
            ("unknown symbol", Self.pt.replacingOccurrences(of: "userNotFound", with: "noSuchSymbol"), .toml),
            ("empty text", Self.pt.replacingOccurrences(of: "Usuário não encontrado.", with: ""), .toml),
            ("extra placeholder", Self.pt.replacingOccurrences(of: "Usuário", with: "Usuário {name}"), .toml),
            ("unknown catalog", Self.pt.replacingOccurrences(of: "\"rtc\"", with: "\"nope\""), .toml),
            ("not TOML", "[overlay\ncatalog = ", .toml),
            ("not JSON", "{", .json),
            // One bad text among good ones: nothing of the file is registered.
            ("one bad of two", """
             [overlay]
             catalog = "rtc"
             locale = "pt"

             [entry.\(other.symbol)]
             message = "Outra."

             [entry.userNotFound]
             message = ""
             """, .toml),
        ]
        for (name, text, format) in bad {
            XCTAssertThrowsError(try Errcat.registerOverlay(text, format: format), name) {
                let e = $0 as? CatalogLoadError
                XCTAssertEqual(e?.reason, "invalid", name)
                XCTAssertFalse(e?.message.isEmpty ?? true, name)
            }
            XCTAssertEqual(entry.localizedMessage(locales: ["pt"]), "Usuário não encontrado.", name)
            XCTAssertEqual(other.localizedMessage(locales: ["pt"]), other.message, name)
        }
    }

    /// errorDescription and the bridged NSError's description are the
    /// localized message for `Locale.preferredLanguages` (which a test cannot
    /// set): the default-argument path equals the explicit one.
    func testErrorDescriptionFollowsThePreferredLanguages() throws {
        let preferred = Locale.preferredLanguages
        let e = try Errcat.decode(catalog: "spaces", payload: Data(#"{"error":{"code":"RATE_LIMITED","message":"slow down"}}"#.utf8))
        XCTAssertEqual(e.localizedMessage(), e.localizedMessage(locales: preferred))
        XCTAssertEqual(e.errorDescription, e.localizedMessage(locales: preferred))
        XCTAssertEqual(e.localizedDescription, e.localizedMessage(locales: preferred))
        XCTAssertEqual((e as NSError).localizedDescription, e.localizedMessage(locales: preferred))
        XCTAssertEqual(e.errorUserInfo[ErrcatUserInfoKey.localizedDescription] as? String, e.localizedMessage(locales: preferred))
        XCTAssertEqual(e.localized()?.locale, e.localized(locales: preferred)?.locale)
        let entry = try Errcat.lookup(catalog: "spaces", query: "RATE_LIMITED")
        XCTAssertEqual(entry.localizedMessage(), entry.localizedMessage(locales: preferred))
        // Locale.preferredLanguages is English or empty here (no overlay for
        // it): the description stays the server's text.
        if preferred.isEmpty || preferred.first?.lowercased().hasPrefix("en") == true {
            XCTAssertEqual(e.errorDescription, "slow down")
        }
    }

    func testL10nVectors() throws {
        let doc = try Fixtures.load(Fixtures.vectorsDir.appendingPathComponent("l10n.json"))
        let lookups = doc["localized"]?.array ?? []
        let decodes = doc["localized_decodes"]?.array ?? []
        XCTAssertGreaterThan(lookups.count, 0)
        XCTAssertGreaterThan(decodes.count, 0)
        for c in lookups {
            let name = "l10n.json: \(c["name"]?.string ?? "?")"
            let catalog = try XCTUnwrap(c["catalog"]?.string, name)
            let query = try XCTUnwrap(c["query"]?.string, name)
            let locales = try XCTUnwrap(c["locales"]?.array.map { try XCTUnwrap($0.string) }, name)
            let e = try Errcat.lookup(catalog: catalog, query: query)
            let texts = try Errcat.errorFor(catalog: catalog, query: query).localized(locales: locales)
            let actual: [String: JSON] = [
                "locale": JSON.of(texts?.locale), "message": .string(e.localizedMessage(locales: locales)),
                "doc_url": JSON.of(e.docUrl), "deprecated": .bool(e.deprecated),
                "replaced_by": JSON.of(e.deprecation?.replacedBy),
            ]
            XCTAssertEqual(texts?.message, e.localizedMessage(locales: locales), name)
            for (key, value) in try XCTUnwrap(c["expect"], name).object {
                XCTAssertEqual(actual[key], value, "\(name): \(key)")
            }
        }
        for c in decodes {
            let name = "l10n.json: \(c["name"]?.string ?? "?")"
            let catalog = try XCTUnwrap(c["catalog"]?.string, name)
            let locales = try XCTUnwrap(c["locales"]?.array.map { try XCTUnwrap($0.string) }, name)
            let e = try Errcat.decode(catalog: catalog, payload: try Fixtures.payload(c))
            let entry = e.isUnknown ? nil : try Errcat.lookupCode(catalog: catalog, code: e.code)
            let actual: [String: JSON] = [
                "message": .string(e.localizedMessage(locales: locales)),
                "deprecated": .bool(entry?.deprecated ?? false),
            ]
            XCTAssertEqual(e.errorUserInfo(locales: locales)[ErrcatUserInfoKey.localizedDescription] as? String,
                           e.localizedMessage(locales: locales), name)
            for (key, value) in try XCTUnwrap(c["expect"], name).object {
                XCTAssertEqual(actual[key], value, "\(name): \(key)")
            }
        }
    }

    func testDocUrlInNSErrorUserInfo() throws {
        let e = try Errcat.decode(catalog: "spaces", payload: Data(#"{"error":{"code":"RATE_LIMITED"}}"#.utf8))
        let url = try XCTUnwrap(try Errcat.lookup(catalog: "spaces", query: "RATE_LIMITED").docUrl)
        XCTAssertEqual(url, "https://errcat.dev/errors/#spaces-42901")
        let ns = e as NSError
        XCTAssertEqual(ns.userInfo[ErrcatUserInfoKey.helpAnchor] as? String, url)
        XCTAssertEqual(ns.userInfo[ErrcatUserInfoKey.docUrl] as? String, url)
        XCTAssertEqual(ns.userInfo[NSHelpAnchorErrorKey] as? String, url)
        // An unknown code has no page.
        let unknown = try Errcat.decode(catalog: "spaces", payload: Data(#""NEW_THING""#.utf8)) as NSError
        XCTAssertNil(unknown.userInfo[ErrcatUserInfoKey.docUrl])
    }

    func testADeprecatedCodeStillDecodes() throws {
        let e = try SecurechatError.decode(payload: Data(#"{"code":504}"#.utf8))
        guard case .UsernameHasAlreadyBeenTaken(let info) = e else { return XCTFail("not decoded to its case: \(e)") }
        XCTAssertFalse(info.isUnknown)
        XCTAssertEqual(e.errorCode, 504)
        XCTAssertEqual(e.symbol, "USERNAME_HAS_ALREADY_BEEN_TAKEN")
        let entry = try XCTUnwrap(try Errcat.lookupCode(catalog: "securechat", code: 504))
        XCTAssertTrue(entry.deprecated)
        XCTAssertNotNil(entry.deprecation)
        // The constants of entries that are not deprecated are plain (the
        // deprecated one warns: scripts/test-swift.sh, deprecation-warning).
        XCTAssertEqual(SecurechatError.Code.loginCodeHasExpired, 505)
        XCTAssertEqual(SpacesError.Code.rateLimited, 42901)
    }
}
