// Names a deprecated entry's class: scripts/test-kotlin.sh requires kotlinc
// to warn with errcat's deprecation message (step deprecation-warning).
package errcatdeprecated

import errcat.SecurechatException

fun isTaken(e: Throwable): Boolean = e is SecurechatException.UsernameHasAlreadyBeenTaken
