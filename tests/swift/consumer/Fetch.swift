import Errcat
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking  // URLSession on Linux
#endif

/// GETs a Spaces API URL: its body, or the typed error the response carries.
@available(iOS 15.0, macOS 12.0, *)
func fetchSpaces(_ url: URL) async throws -> Data {
    let (data, response) = try await URLSession.shared.data(for: URLRequest(url: url))
    try Errcat.throwForResponse("spaces", data: data, response: response)
    return data
}

@available(iOS 15.0, macOS 12.0, *)
func show(_ url: URL) async {
    do {
        let data = try await fetchSpaces(url)
        print("ok: \(data.count) bytes")
    } catch SpacesError.RateLimited(let info) {
        print("rate limited, retry in \(info.retryAfterMs ?? 0) ms")
    } catch let error as any ErrcatError where error.isFromStatus {
        // No error payload (a proxy's HTML page, an empty body): typed from the status.
        print("HTTP \(error.responseStatus ?? 0): \(error.kindName), retryable: \(error.retryable),",
              "retry in \(error.info.retryAfterMs ?? 0) ms, body: \"\(error.bodyExcerpt ?? "")\"")
    } catch let error as any ErrcatError {
        print("\(error.info.symbol): \(error.message)")
    } catch {
        print("no response: \(error.localizedDescription)")
    }
}
