// Shared inputs of the suite: the vectors in tests/vectors and the table as
// `errcat export --format json` writes it. scripts/test-swift.sh passes their
// paths (ERRCAT_VECTORS, ERRCAT_TABLE); elsewhere they are found from this
// file's path, with the table at target/swift/table.json.

import Foundation
import XCTest
import Errcat

/// A JSON value as written, so that `true` and `1`, `null` and absent stay apart.
enum JSON: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
    var string: String? { if case .string(let s) = self { return s }; return nil }
    var int: Int64? { if case .int(let i) = self { return i }; return nil }
    var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    var array: [JSON] { if case .array(let a) = self { return a }; return [] }
    var object: [String: JSON] { if case .object(let o) = self { return o }; return [:] }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .int(let i): return "\(i)"
        case .double(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .array(let a): return "[\(a.map(\.description).joined(separator: ","))]"
        case .object(let o): return "{\(o.keys.sorted().map { "\"\($0)\":\(o[$0]!)" }.joined(separator: ","))}"
        }
    }

    /// A Swift value as JSON: nil is null, integers of any width are `.int`.
    static func of(_ v: Any?) -> JSON {
        guard let v = v else { return .null }
        switch v {
        case let b as Bool: return .bool(b)
        case let s as String: return .string(s)
        case let i as Int64: return .int(i)
        case let i as Int: return .int(Int64(i))
        case let i as UInt16: return .int(Int64(i))
        case let i as UInt32: return .int(Int64(i))
        case let i as UInt64: return .int(Int64(clamping: i))
        case let o as Optional<Any>:
            if case .some(let inner) = o { return of(inner) }
            return .null
        default: return .string("<\(type(of: v))>")
        }
    }

    /// A Foundation userInfo value (NSString / NSNumber) as JSON.
    static func foundation(_ v: Any) -> JSON {
        switch v {
        case let s as String: return .string(s)
        case let n as NSNumber:
            // The core's userInfo has one boolean key; NSNumber cannot say which it holds.
            return .int(n.int64Value)
        default: return .string("<\(type(of: v))>")
        }
    }
}

enum Fixtures {
    static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var vectorsDir: URL {
        if let p = ProcessInfo.processInfo.environment["ERRCAT_VECTORS"] { return URL(fileURLWithPath: p) }
        return repo.appendingPathComponent("tests/vectors")
    }

    static var tablePath: URL {
        if let p = ProcessInfo.processInfo.environment["ERRCAT_TABLE"] { return URL(fileURLWithPath: p) }
        return repo.appendingPathComponent("target/swift/table.json")
    }

    static func load(_ url: URL) throws -> JSON {
        try JSONDecoder().decode(JSON.self, from: Data(contentsOf: url))
    }

    /// Every vector file, by name. Throws (fails the test) when there are none.
    static func vectorFiles() throws -> [(String, JSON)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: vectorsDir.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw Missing(what: "no vectors in \(vectorsDir.path)") }
        return try names.map { ($0, try load(vectorsDir.appendingPathComponent($0))) }
    }

    /// The export (`cargo run --release -p errcat-cli -- export --format json`).
    static func table() throws -> JSON {
        guard FileManager.default.fileExists(atPath: tablePath.path) else {
            throw Missing(what: "no table at \(tablePath.path): run `cargo run --release -p errcat-cli -- export --format json > target/swift/table.json`")
        }
        return try load(tablePath)
    }

    struct Missing: Error, CustomStringConvertible { let what: String; var description: String { what } }

    /// A vector's payload: `payload` (UTF-8), `payload_hex` or `payload_gen`.
    static func payload(_ c: JSON) throws -> Data { try bytes(c, "payload") }

    /// An HTTP vector's body: `body` (UTF-8), `body_hex` or `body_gen`.
    static func body(_ c: JSON) throws -> Data { try bytes(c, "body") }

    /// `<key>` (UTF-8), `<key>_hex` or `<key>_gen`.
    static func bytes(_ c: JSON, _ key: String) throws -> Data {
        if let text = c[key]?.string { return Data(text.utf8) }
        if let hex = c["\(key)_hex"]?.string {
            var out = Data()
            var i = hex.startIndex
            while i < hex.endIndex {
                let j = hex.index(i, offsetBy: 2)
                guard let byte = UInt8(hex[i..<j], radix: 16) else { throw Missing(what: "bad hex") }
                out.append(byte)
                i = j
            }
            return out
        }
        if let gen = c["\(key)_gen"], let prefix = gen["prefix"]?.string, let unit = gen["repeat"]?.string,
           let count = gen["count"]?.int, let suffix = gen["suffix"]?.string {
            return Data((prefix + String(repeating: unit, count: Int(count)) + suffix).utf8)
        }
        throw Missing(what: "vector \(c["name"]?.description ?? "?") has no \(key)")
    }
}

/// `ErrorKind` as the table spells it (`resource_exhausted`).
func snake(_ kind: ErrorKind) -> String {
    var out = ""
    for ch in String(describing: kind) {
        if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
    }
    return out
}

/// The enum case's name of a typed error (`RateLimited`).
func caseName(_ error: Any) -> String? {
    Mirror(reflecting: error).children.first?.label
}
