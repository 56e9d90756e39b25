#!/usr/bin/env bash
# Swift tests of errcat (issue 12), with a real Swift compiler: Debian trixie's
# swiftlang in a chroot kept in a cache outside the repository (this Debian 12
# host's libc is too old for it). Builds liberrcat_bindings.so once on the
# host, checks the generated Swift is fresh, then inside the chroot builds the
# Swift package (release), builds the library once more in Swift 6 language
# mode, checks that swiftc warns where a deprecated entry's
# constant is named, runs its XCTest suite, builds the distributable
# package (swift/dist.sh) and a scratch consumer outside the repository that
# depends on it by path and runs the README's example.
#
#   scripts/test-swift.sh           the suite
#   scripts/test-swift.sh --bench   also run the benchmark, which rewrites
#                                   reports/bench-swift.md (the suite always
#                                   builds it, so it cannot rot)
#
# Needs root (debootstrap, mount, chroot). Environment:
#   ERRCAT_SWIFT_CHROOT   the toolchain's directory
#                         (default ${XDG_CACHE_HOME:-~/.cache}/errcat/swift-trixie)
#   ERRCAT_DEBIAN_MIRROR  debootstrap's mirror (default: the Debian mirror
#                         apt's sources on this machine name)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh swift

MODE=${1:-test}
ROOT=$(pwd)
CHROOT=${ERRCAT_SWIFT_CHROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/errcat/swift-trixie}
INSIDE=/errcat                      # the repository, bind-mounted in the chroot
WORK=target/swift                   # lib/, table.json, dist/: read inside the chroot
EXTRA=zip                           # for swift/dist.sh, besides swiftlang and libc6-dev
RELEASE=${CARGO_TARGET_DIR:-target}/release

# --- the chroot ----------------------------------------------------------------
# One run at a time uses the chroot (flock on $CHROOT.lock): mounts are made
# on entry, whatever a killed run left is replaced, and all are undone on exit.
_mounted() { mountpoint -q "$1" 2>/dev/null; }
_unmount() {
  local m
  for m in "$CHROOT$INSIDE" "$CHROOT/proc"; do
    if _mounted "$m"; then umount "$m" || umount -l "$m"; fi
  done
}
_mount() {
  _unmount
  mkdir -p "$CHROOT/proc" "$CHROOT$INSIDE"
  mount -t proc proc "$CHROOT/proc"
  mount --bind "$ROOT" "$CHROOT$INSIDE"
}
# chroot_run 'shell command': runs it in the chroot, in the repository.
chroot_run() {
  local lib=$INSIDE/$WORK/lib
  (
    exec 9>"$CHROOT.lock"
    flock 9
    trap _unmount EXIT
    trap 'exit 130' INT TERM
    _mount
    chroot "$CHROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      LIBRARY_PATH="$lib" LD_LIBRARY_PATH="$lib" \
      ERRCAT_VECTORS="$INSIDE/tests/vectors" ERRCAT_TABLE="$INSIDE/$WORK/table.json" \
      bash -ec "cd $INSIDE && $1"
  )
}

debian_mirror() {
  if [[ -n "${ERRCAT_DEBIAN_MIRROR:-}" ]]; then echo "$ERRCAT_DEBIAN_MIRROR"; return; fi
  local m
  m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ')
  echo "${m:-http://deb.debian.org/debian}"
}

# Installs the toolchain when it is missing or does not run, and says what it
# installed and how long that took.
toolchain() {
  ((EUID == 0)) || { echo "the Swift toolchain needs root (debootstrap, mount, chroot); run as root" >&2; exit 1; }
  mkdir -p "$(dirname "$CHROOT")"
  if [[ -x "$CHROOT/usr/libexec/swift/bin/swift" ]] && chroot_run 'swift --version'; then
    if [[ ! -x "$CHROOT/usr/bin/zip" ]]; then
      echo "repairing: installing $EXTRA in the chroot"
      chroot_run "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends $EXTRA >/dev/null"
    fi
    echo "cached toolchain: $CHROOT"
    return
  fi
  [[ -e "$CHROOT" ]] && echo "the toolchain in $CHROOT is missing or broken: reinstalling"
  local t0=$SECONDS t1 t2 mirror new="$CHROOT.new"
  exec 9>"$CHROOT.lock"
  flock 9
  _unmount
  # Never delete through a mount (the repository is bind-mounted in there).
  if findmnt -rno TARGET | grep -qF "$CHROOT"; then echo "mounts remain under $CHROOT; not deleting it" >&2; exit 1; fi
  rm -rf --one-file-system "$CHROOT" "$new"
  if ! command -v debootstrap >/dev/null; then
    echo "installing debootstrap (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  mirror=$(debian_mirror)
  echo "debootstrap --variant=minbase trixie $new $mirror"
  debootstrap --variant=minbase trixie "$new" "$mirror" > "$ROOT/target/swift-debootstrap.log" 2>&1 \
    || { tail -20 "$ROOT/target/swift-debootstrap.log" >&2; exit 1; }
  t1=$SECONDS
  mount -t proc proc "$new/proc"
  trap "umount '$new/proc'" EXIT
  chroot "$new" bash -ec 'export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends swiftlang libc6-dev '"$EXTRA"' >/dev/null
    apt-get clean'
  umount "$new/proc"
  trap - EXIT
  t2=$SECONDS
  mv "$new" "$CHROOT"
  flock -u 9
  chroot_run 'swift --version'
  echo "installed: Debian trixie (minbase) + swiftlang $(chroot "$CHROOT" dpkg-query -W -f '${Version}' swiftlang)," \
    "$(du -sh "$CHROOT" | cut -f1) in $CHROOT; debootstrap $((t1 - t0)) s, swiftlang $((t2 - t1)) s"
}
step toolchain toolchain

# --- host side: the library, the table, generated files -------------------------
build_lib() {
  cargo build --release -p errcat-bindings
  mkdir -p "$WORK/lib"
  cp "$RELEASE/liberrcat_bindings.so" "$WORK/lib/"
  cargo run --release -q -p errcat-cli -- export --format json > "$WORK/table.json"
  ls -l "$WORK/lib/liberrcat_bindings.so" "$WORK/table.json"
}
step build-lib build_lib

fresh_uniffi() {
  local tmp
  tmp=$(mktemp -d)
  trap "rm -rf '$tmp'" EXIT
  bindings/generate.sh --only swift --swift-root "$tmp"
  diff -u swift/Sources/Errcat/Errcat.swift "$tmp/Sources/Errcat/Errcat.swift" >/dev/null \
    && diff -ru swift/Headers "$tmp/Headers" \
    || { echo "stale UniFFI Swift: run bindings/generate.sh --only swift and commit swift/" >&2; exit 1; }
  echo "swift/Sources/Errcat/Errcat.swift and swift/Headers are fresh"
}
step fresh-uniffi fresh_uniffi

fresh_nserror() {
  local out
  out=$(cargo run --release -q -p errcat-codegen -- check 2>&1 || true)
  if grep '^stale: swift/' <<<"$out"; then
    echo "run: cargo run --release -p errcat-codegen -- write" >&2
    exit 1
  fi
  grep -qE '^(stale: |all generated files are fresh)' <<<"$out" \
    || { echo "errcat-codegen check did not run:" >&2; echo "$out" >&2; exit 1; }
  echo "swift/Sources/Errcat/ErrcatNSError.swift and ErrcatAPI.swift are fresh"
}
step fresh-nserror fresh_nserror

step --count cargo rust-swift-generator cargo test --release -q -p errcat-codegen --lib swift::

# Every public function of the UniFFI output throws: UniFFI calls a
# non-throwing Rust function with `try!`, where a panic would trap the app.
# (uniffiEnsure…Initialized only checks the library's version at load.)
every_call_throws() {
  local bad
  bad=$(grep -E '^public func [a-z][A-Za-z]*\(' swift/Sources/Errcat/Errcat.swift \
    | grep -v '^public func uniffi' | grep -v 'throws' || true)
  [[ -z "$bad" ]] || { echo "public functions that do not throw:"; echo "$bad"; exit 1; }
  echo "every public function of Errcat.swift throws"
}
step every-call-throws every_call_throws

# docs/api.md against the public declarations (enum Errcat, EntryInfo, ErrorInfo, CatalogInfo).
step --count checks api-table python3 tests/api/check_api.py swift --sources swift/Sources/Errcat

# --- inside the chroot ----------------------------------------------------------
# One release build holds the library, the tests and the benchmark.
step swift-build chroot_run 'cd swift && swift build -c release --build-tests'
# The library again in Swift 6 language mode (complete concurrency checking:
# the lookup cache's shared state), warnings as errors; its own build
# directory in the chroot's /tmp, so the package's stays Swift 5 mode.
step swift6-mode chroot_run 'cd swift && swift build -c release --target Errcat --scratch-path /tmp/errcat-swift6 \
  -Xswiftc -swift-version -Xswiftc 6 -Xswiftc -warnings-as-errors'
# A deprecated entry (securechat 504) warns where its generated constant is
# named, with the shared deprecation message (codegen::deprecation_message);
# the same file names a plain constant and the UniFFI case, which must not.
deprecation_warning() {
  local log=$WORK/deprecated.log
  chroot_run "swiftc -typecheck -I swift/.build/release/Modules -I swift/Sources/ErrcatFFI \
    tests/swift/deprecation/UseDeprecated.swift" > "$log" 2>&1
  cat "$log"
  grep -q "UseDeprecated.swift:6:.*warning: 'usernameHasAlreadyBeenTaken' is deprecated: USERNAME_HAS_ALREADY_BEEN_TAKEN is deprecated\. Marked" "$log" \
    || { echo "no deprecation warning with the message for securechat 504's constant" >&2; exit 1; }
  [[ $(grep -cE '^[^ ].*:[0-9]+:[0-9]+: warning:' "$log") == 1 ]] || { echo "expected exactly one warning" >&2; exit 1; }
  echo "swiftc warns for the deprecated constant, with its message, and for nothing else"
}
step deprecation-warning deprecation_warning
# start_server: the shared fixture server (tests/http/server.py) on the host,
# for this step (the chroot has no Python; it shares the host's network). Sets
# HTTP_PORT. The server stops when the step ends: it is killed, and its stdin
# closes (--exit-on-eof).
start_server() {
  coproc SERVER { exec python3 tests/http/server.py --exit-on-eof; }
  trap "kill $SERVER_PID 2>/dev/null || true" EXIT
  HTTP_PORT=
  read -r -t 30 _ HTTP_PORT <&"${SERVER[0]}" || true
  [[ "$HTTP_PORT" =~ ^[0-9]+$ ]] || { echo "tests/http/server.py did not print its port" >&2; exit 1; }
  echo "tests/http/server.py on 127.0.0.1:$HTTP_PORT"
}
# The URLSession tests read the port from ERRCAT_HTTP_PORT, and fail without it.
swift_test() {
  start_server
  chroot_run "export ERRCAT_HTTP_PORT=$HTTP_PORT; cd swift && swift test -c release --skip-build"
}
step --count xctest swift-test swift_test
# The benchmark is built above; one short round checks both sides still agree.
step --count checks bench-agrees chroot_run 'swift/.build/release/ErrcatBench --check'

# SwiftPM readiness: the release step's package (a placeholder zip here: no
# XCFramework can be built on Linux), its manifest as Apple platforms and
# Linux read it, the checksum, and a consumer outside the repository.
step dist chroot_run "swift/dist.sh --placeholder --out $WORK/dist"
dist_check() {
  local d=$WORK/dist
  chroot_run "cd $d/errcat-swift && ERRCAT_SWIFT_FFI=xcframework swift package dump-package > ../dump-apple.json \
    && swift package dump-package > ../dump-linux.json \
    && swift package compute-checksum ../ErrcatFFI.xcframework.zip > ../checksum.txt"
  python3 tests/swift/check_dist.py "$d"
}
step --count checks dist-check dist_check

# A new app's package in the chroot's /tmp depends on that package by path;
# its code is the README's examples, byte for byte, and its output is checked
# (the URLSession example fetches from tests/http/server.py).
consumer() {
  local f
  for f in Example.swift Fetch.swift; do
    awk -v m="<!-- example: tests/swift/consumer/$f -->" '$0==m{f=1;next} f&&/^```swift$/{g=1;next} g&&/^```$/{exit} g' swift/README.md \
      | diff -u "tests/swift/consumer/$f" - \
      || { echo "swift/README.md's example differs from tests/swift/consumer/$f" >&2; exit 1; }
  done
  start_server
  chroot_run "export ERRCAT_HTTP_PORT=$HTTP_PORT; tests/swift/consumer/run.sh $WORK/dist/errcat-swift /tmp/errcat-consumer"
}
step --count checks consumer consumer


if [[ "$MODE" == --bench ]]; then
  step bench chroot_run 'swift/.build/release/ErrcatBench --report reports/bench-swift.md \
    --toolchain "$(swift --version 2>&1 | head -1), swiftlang $(dpkg-query -W -f "\${Version}" swiftlang)" && cat reports/bench-swift.md'
fi
