#!/bin/sh
# Starts the shared fixture server (tests/http/server.py), saves what
# `curl -si` receives for every HTTP vector as <dir>/<name>.http, stops the
# server, then runs the given command with <dir> appended.
#   fetch_http.sh <vector-dir> <command> [args...]
set -eu
vectors=$1
shift
command -v curl >/dev/null 2>&1 || { echo "fetch_http.sh: curl is required (the C HTTP test decodes what curl received) and was not found" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "fetch_http.sh: python3 is required to run tests/http/server.py" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
fifo="$dir/server.out"
mkfifo "$fifo"
python3 "$here/../http/server.py" --vectors "$vectors/http.json" >"$fifo" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
read -r word port <"$fifo"
[ "$word" = port ] || { echo "fetch_http.sh: server.py printed '$word $port', not 'port N'" >&2; exit 1; }
names=$(python3 -c 'import json,sys; print("\n".join(c["name"] for c in json.load(open(sys.argv[1]))["responses"]))' "$vectors/http.json")
n=0
for name in $names; do
  curl -si --max-time 30 -o "$dir/$name.http" "http://127.0.0.1:$port/$name"
  n=$((n + 1))
done
echo "fetch_http.sh: curl fetched $n responses from 127.0.0.1:$port"
"$@" "$dir"
