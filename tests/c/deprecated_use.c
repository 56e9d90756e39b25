/* Uses a deprecated constant: scripts/test-c.sh requires the compiler to
   warn (an error under -Werror=deprecated-declarations) with errcat's
   deprecation message, and the program to build and run without it. */
#include "errcat.h"

int main(void) {
    return ERRCAT_SECURECHAT_USERNAME_HAS_ALREADY_BEEN_TAKEN == 504 ? 0 : 1;
}
