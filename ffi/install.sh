#!/usr/bin/env bash
# Installs the C API under a prefix: include/errcat.h, lib/liberrcat.{a,so}
# and lib/pkgconfig/errcat{,-static}.pc. Build first:
#   cargo build --release -p errcat-ffi
#   ffi/install.sh /usr/local            # or any prefix
# Then: pkg-config --cflags --libs errcat (shared) or errcat-static.
set -euo pipefail
prefix="${1:?usage: ffi/install.sh PREFIX [LIBDIR-OF-BUILD]}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${2:-$here/../target/release}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/../Cargo.toml" | head -n1)"
mkdir -p "$prefix/include" "$prefix/lib/pkgconfig"
prefix="$(cd "$prefix" && pwd)"
install -m 0644 "$here/include/errcat.h" "$prefix/include/errcat.h"
install -m 0644 "$build/liberrcat.a" "$prefix/lib/liberrcat.a"
install -m 0755 "$build/liberrcat.so" "$prefix/lib/liberrcat.so"
for pc in errcat errcat-static; do
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" "$here/$pc.pc.in" >"$prefix/lib/pkgconfig/$pc.pc"
done
echo "installed errcat $version C API under $prefix"
