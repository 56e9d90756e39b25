// The README's example (Example.swift, checked byte for byte against
// swift/README.md) run on a few server bodies; run.sh compares the output
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
