import Errcat
import Foundation

func handle(_ body: Data) {
    do {
        throw try Errcat.decode(catalog: "spaces", payload: body)
    } catch SpacesError.RateLimited(let info) {
        print("retry in \(info.retryAfterMs ?? 0) ms: \(info.message)")
    } catch let error as any ErrcatError {
        let ns = error as NSError   // domain "errcat.spaces", the table's code, the core's userInfo
        print(ns.domain, ns.code, error.localizedDescription, ns.userInfo[ErrcatUserInfoKey.symbol] ?? "")
    } catch {
        print("not an error payload: \(error.localizedDescription)")
    }
}
