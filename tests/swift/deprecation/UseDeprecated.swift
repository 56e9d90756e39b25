// Compiled against the Errcat module by scripts/test-swift.sh
// (deprecation-warning): the deprecated entry's constant must warn, with the
// shared deprecation message; the other constant and the case must not.
import Errcat

let taken = SecurechatError.Code.usernameHasAlreadyBeenTaken
let expired = SecurechatError.Code.loginCodeHasExpired
func isTaken(_ e: SecurechatError) -> Bool {
    if case .UsernameHasAlreadyBeenTaken = e { return true }
    return false
}
print(taken, expired)
