// The README's examples (Example.swift and Fetch.swift, checked byte for byte
// against swift/README.md) run on a few server bodies, and on responses of
// tests/http/server.py (port in ERRCAT_HTTP_PORT); run.sh compares the output
// with expected_output.txt.
import Foundation

for body in [
    #"{"error":{"code":"RATE_LIMITED","message":"Slow down","retry_after_ms":1500}}"#,
    #"{"error":{"code":"FORBIDDEN","missing_permission":"manage_messages"}}"#,
    #"{"error":{"code":"SHINY_NEW_ERROR","message":"A newer server says hi"}}"#,
    "not json",
] {
    handle(Data(body.utf8))
}

let port = ProcessInfo.processInfo.environment["ERRCAT_HTTP_PORT"] ?? "0"
for name in ["ok-200-data", "spaces-envelope", "spaces-forbidden", "proxy-html-503-retry-after", "empty-401"] {
    await show(URL(string: "http://127.0.0.1:\(port)/\(name)")!)
}
