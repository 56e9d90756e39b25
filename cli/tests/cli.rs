//! The CLI end to end: the README's commands, exit statuses, bad input,
//! and the shared decode vectors through `errcat decode --json`.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn errcat(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut sin = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Write on a thread: the CLI may stop reading early (size limit).
    let w = std::thread::spawn(move || {
        let _ = sin.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    w.join().unwrap();
    out
}

fn ok(args: &[&str]) -> String {
    let o = errcat(args, b"");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Bad input: exactly one line on stderr, status 2, no panic text.
fn fails(args: &[&str], stdin: &[u8]) -> String {
    let o = errcat(args, stdin);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    err
}

#[test]
fn lookup_rtc_102() {
    let out = ok(&["lookup", "rtc", "102"]);
    assert!(out.starts_with("rtc 102  userNotFound\n"), "{out}");
    assert!(out.contains("kind:        not_found"));
    assert!(out.contains("Addressing client that is not in the Session"));
}

#[test]
fn lookup_spaces_rate_limited() {
    let out = ok(&["lookup", "spaces", "RATE_LIMITED"]);
    assert!(
        out.contains("spaces 42901  RATE_LIMITED")
            && out.contains("http status: 429\n")
            && out.contains("retryable:   yes"),
        "{out}"
    );
    let j: Value =
        serde_json::from_str(&ok(&["lookup", "spaces", "rate-limited", "--json"])).unwrap();
    assert_eq!(j["entry"]["symbol"], "RATE_LIMITED");
    assert_eq!(j["entry"]["kind"], "resource_exhausted");
}

#[test]
fn lookup_messenger_203_with_minor_codes() {
    let out = ok(&["lookup", "messenger", "203"]);
    assert!(out.contains("CHAT_SEND_MESSAGE_BAD_PAYLOAD"));
    assert!(out.contains("minor codes:"));
    assert!(out.contains(" 32  Message is too long"), "{out}");
    assert!(out.contains(" 29  Both replyTo and forwardFrom are set"));
}

#[test]
fn decode_documented_envelope() {
    let payload = br#"{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","retry_after_ms":null,"missing_permission":"manage_messages"}}"#;
    let o = errcat(&["decode", "spaces"], payload);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("spaces 40301  FORBIDDEN")
            && out.contains("missing permission: manage_messages"),
        "{out}"
    );
    let o = errcat(
        &["decode", "spaces", "--json"],
        br#"{"error":{"code":"BRAND_NEW","message":"hi"}}"#,
    );
    assert!(o.status.success(), "unknown code is not an error");
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (
            j["known"].as_bool(),
            j["raw_code"].as_str(),
            j["message"].as_str()
        ),
        (Some(false), Some("BRAND_NEW"), Some("hi"))
    );
}

#[test]
fn decode_runs_the_shared_vectors() {
    let mut n = 0;
    for file in ["decode.json", "hostile.json"] {
        let path = format!("{}/../tests/vectors/{file}", env!("CARGO_MANIFEST_DIR"));
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for case in doc["decodes"].as_array().unwrap() {
            let payload = payload(case);
            let cat = case["catalog"].as_str().unwrap();
            n += 1;
            if case.get("expect_error").is_some() {
                let err = fails(&["decode", cat, "--json"], &payload);
                assert_eq!(err.lines().count(), 1, "{}: {err}", case["name"]);
                continue;
            }
            let o = errcat(&["decode", cat, "--json"], &payload);
            assert!(
                o.status.success(),
                "{}: {}",
                case["name"],
                String::from_utf8_lossy(&o.stderr)
            );
            let got: Value = serde_json::from_slice(&o.stdout).unwrap();
            for (k, want) in case["expect"].as_object().unwrap() {
                assert_eq!(&got[k], want, "{}: {k}", case["name"]);
            }
            if let Some(ns) = case.get("expect_ns_error") {
                assert_eq!(&got["ns_error"], ns, "{}", case["name"]);
            }
        }
    }
    assert!(n > 80, "{n} cases");
}

/// A vector's payload bytes: `payload`, `payload_hex` or `payload_gen`.
fn payload(case: &Value) -> Vec<u8> {
    if let Some(p) = case.get("payload") {
        return p.as_str().unwrap().as_bytes().to_vec();
    }
    if let Some(h) = case.get("payload_hex") {
        let h = h.as_str().unwrap();
        return (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
            .collect();
    }
    let g = &case["payload_gen"];
    let mut v = g["prefix"].as_str().unwrap().as_bytes().to_vec();
    v.extend(
        g["repeat"]
            .as_str()
            .unwrap()
            .repeat(g["count"].as_u64().unwrap() as usize)
            .into_bytes(),
    );
    v.extend(g["suffix"].as_str().unwrap_or("").as_bytes());
    v
}

#[test]
fn export_json_has_the_documented_shape() {
    let j: Value = serde_json::from_str(&ok(&["export", "--format", "json"])).unwrap();
    let cats = j["catalogs"].as_array().unwrap();
    assert_eq!(cats.len(), 5);
    let total: usize = cats
        .iter()
        .map(|c| c["entries"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 34 + 141 + 51 + 21 + 116);
    for c in cats {
        for k in ["id", "name", "domain", "entries"] {
            assert!(c.get(k).is_some(), "catalog lacks {k}");
        }
        for e in c["entries"].as_array().unwrap() {
            for k in [
                "code",
                "symbol",
                "message",
                "category",
                "kind",
                "http_status",
                "retryable",
                "deprecated",
                "minor",
            ] {
                assert!(e.get(k).is_some(), "entry lacks {k}: {e}");
            }
        }
    }
    let md = ok(&["export", "--format", "markdown"]);
    assert!(md.contains("| 42901 | `RATE_LIMITED` |"));
}

#[test]
fn check_against_detects_breaking_changes() {
    let dir = std::env::temp_dir().join(format!("errcat-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base = dir.join("base.json");
    let base_s = base.to_str().unwrap();
    ok(&["export", "--format", "json", "-o", base_s]);
    // The built-in table against its own export: no breaking change.
    assert!(ok(&["check", "--against", base_s]).contains("no breaking changes"));
    // A catalog file with a code renumbered, one renamed and one removed.
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/catalogs/rtc.toml"
    ))
    .unwrap();
    let cut = src.find("[[entry]]\ncode = 1105\n").expect("rtc has 1105");
    let changed = src[..cut]
        .replace("code = 102\n", "code = 1102000\n")
        .replace("symbol = \"userClosedError\"", "symbol = \"userClosed\"");
    let f = dir.join("rtc.toml");
    std::fs::write(&f, changed).unwrap();
    let o = errcat(&["check", f.to_str().unwrap(), "--against", base_s], b"");
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("breaking: rtc: userNotFound renumbered from 102 to 1102000"),
        "{out}"
    );
    assert!(
        out.contains("breaking: rtc: code 103 renamed from userClosedError to userClosed"),
        "{out}"
    );
    assert!(
        out.contains("breaking: rtc: code 1105 (invalidStunServer) removed"),
        "{out}"
    );
    // An invalid file: problems named, status 2.
    std::fs::write(&f, src.replace("code = 102\n", "code = 101\n")).unwrap();
    let err = fails(&["check", f.to_str().unwrap()], b"");
    assert!(
        err.contains("entry #2 (code 101, userNotFound): duplicate code 101"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_is_one_line_and_status_2() {
    assert!(fails(&["lookup", "nope", "1"], b"").contains("unknown catalog \"nope\""));
    assert!(fails(&["lookup", "rtc", "4242"], b"").contains("rtc has no code or symbol \"4242\""));
    assert!(fails(&["lookup", "rtc"], b"").contains("Usage"));
    assert!(fails(&["decode", "rtc"], b"{\"code\":").contains("malformed payload"));
    assert!(fails(&["decode", "rtc"], b"\xff\xfe").contains("not valid UTF-8"));
    assert!(fails(&["decode", "rtc"], b"").contains("payload is empty"));
    let huge = vec![b' '; 3 * 1024 * 1024];
    assert!(fails(&["decode", "rtc"], &huge).contains("the limit is"));
    let deep = "[".repeat(100_000);
    assert!(fails(&["decode", "rtc"], deep.as_bytes()).contains("malformed"));
    assert!(fails(&["check", "/nonexistent/x.toml"], b"").contains("cannot read"));
    assert!(fails(&["export", "--format", "html"], b"").contains("needs -o"));
}

#[test]
fn list_and_search() {
    let out = ok(&["list"]);
    for id in ["securechat", "messenger", "spaces", "rtc", "chatapi"] {
        assert!(out.contains(id));
    }
    assert!(ok(&["list", "rtc"]).contains("invalidStunServer"));
    let s = ok(&["search", "expired"]);
    assert!(s.contains("AUTH_EXPIRED") && s.contains("ERR_SUBSCRIPTION_EXPIRED"));
    let j: Value = serde_json::from_str(&ok(&["search", "--json", "too", "many"])).unwrap();
    assert!(j["hits"].as_array().unwrap().len() >= 3);
}

#[test]
fn user_catalog_file_in_every_command() {
    let dir = std::env::temp_dir().join(format!("errcat-cli-user-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("acme.json");
    std::fs::write(&f, r#"{"catalog":{"id":"acme","name":"Acme","wire":"int"},"category":[{"id":"a","name":"A"}],"entry":[{"code":7,"symbol":"SEVEN","message":"Seven","category":"a","kind":"not_found"}]}"#).unwrap();
    let fp = f.to_str().unwrap();
    assert!(ok(&["--catalog-file", fp, "lookup", "acme", "seven"]).contains("acme 7  SEVEN"));
    let o = errcat(&["--catalog-file", fp, "decode", "acme"], b"{\"code\":7}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("acme 7  SEVEN"));
    std::fs::remove_dir_all(&dir).ok();
}

// ---------------------------------------------------------------------------
// HTTP responses (issue 14): `decode --status/--header` and `decode --http`.

fn http_vectors() -> Vec<Value> {
    let path = format!("{}/../tests/vectors/http.json", env!("CARGO_MANIFEST_DIR"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["responses"].as_array().unwrap().clone()
}

fn http_body(case: &Value) -> Vec<u8> {
    let mut c = case.clone();
    for (from, to) in [
        ("body", "payload"),
        ("body_hex", "payload_hex"),
        ("body_gen", "payload_gen"),
    ] {
        if let Some(v) = case.get(from) {
            c[to] = v.clone();
        }
    }
    payload(&c)
}

/// Compares `errcat decode --json` output with a vector's `expect`.
fn check_http(case: &Value, o: &Output) {
    let name = case["name"].as_str().unwrap();
    assert!(
        o.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let got: Value = serde_json::from_slice(&o.stdout).unwrap();
    for (k, want) in case["expect"].as_object().unwrap() {
        assert_eq!(&got[k], want, "{name}: {k}");
    }
}

#[test]
fn decode_status_and_headers_runs_the_http_vectors() {
    let cases = http_vectors();
    for case in &cases {
        let now = case["now"].to_string();
        let status = case["status"].to_string();
        let mut args = vec![
            "decode",
            case["catalog"].as_str().unwrap(),
            "--json",
            "--status",
            &status,
            "--now",
            &now,
        ];
        let headers: Vec<String> = case["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| format!("{}: {}", h[0].as_str().unwrap(), h[1].as_str().unwrap()))
            .collect();
        for h in &headers {
            args.extend(["--header", h]);
        }
        check_http(case, &errcat(&args, &http_body(case)));
    }
    assert!(cases.len() >= 50, "{} cases", cases.len());
}

/// The shared fixture server (tests/http/server.py), stopped on drop.
struct Server {
    child: std::process::Child,
    port: u16,
}

impl Server {
    fn start() -> Server {
        let script = format!("{}/../tests/http/server.py", env!("CARGO_MANIFEST_DIR"));
        let mut child = Command::new("python3")
            .arg(&script)
            .arg("--exit-on-eof")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start python3 {script}: {e}"));
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().unwrap()),
            &mut line,
        )
        .unwrap();
        let port = line
            .trim()
            .strip_prefix("port ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("server.py printed {line:?}, not `port N`"));
        Server { child, port }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn decode_http_reads_what_curl_received_for_every_vector() {
    let version = Command::new("curl").arg("--version").output();
    assert!(
        matches!(&version, Ok(o) if o.status.success()),
        "curl is required by this test (it pipes `curl -si` into `errcat decode --http`) and was not found: {version:?}"
    );
    let server = Server::start();
    let cases = http_vectors();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let url = format!("http://127.0.0.1:{}/{name}", server.port);
        let got = Command::new("curl")
            .args(["-si", "--max-time", "30", &url])
            .output()
            .unwrap();
        assert!(
            got.status.success(),
            "{name}: curl failed: {}",
            String::from_utf8_lossy(&got.stderr)
        );
        let now = case["now"].to_string();
        let o = errcat(
            &[
                "decode",
                case["catalog"].as_str().unwrap(),
                "--http",
                "--json",
                "--now",
                &now,
            ],
            &got.stdout,
        );
        check_http(case, &o);
    }
    assert!(cases.len() >= 50);
}

#[test]
fn decode_http_raw_forms() {
    // HTTP/2 as curl prints it, an interim 100 Continue, LF-only lines, a
    // folded header, a line that is not a header.
    let raw = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/2 503 \r\ncontent-type: text/html\r\nx-junk\r\nretry-after:\r\n 9\r\n\r\n<p>down</p>";
    let o = errcat(&["decode", "spaces", "--http", "--json"], raw);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "unavailable");
    assert_eq!(v["retry_after_ms"], 9000);
    assert_eq!(v["body_excerpt"], "<p>down</p>");
    let raw =
        b"HTTP/1.1 200 Connection established\n\nHTTP/1.1 401 Unauthorized\nContent-Length: 0\n\n";
    let o = errcat(&["decode", "rtc", "--http", "--json"], raw);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["kind"].as_str(), v["body_len"].as_u64()),
        (Some("unauthenticated"), Some(0))
    );
    // No error: exit 0, and the text says so.
    let o = errcat(&["decode", "rtc", "--http"], b"HTTP/1.1 200 OK\r\n\r\n{}");
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "no error (HTTP 200)\n"
    );
}

#[test]
fn decode_http_text_output_escapes_what_the_server_sent() {
    let o = errcat(
        &[
            "decode",
            "spaces",
            "--status",
            "502",
            "--header",
            "Content-Type: text/html\x1b[31m",
        ],
        b"<h1>Bad\x1b[2J Gateway</h1>\n",
    );
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.starts_with("spaces HTTP_502  (the body has no error code"),
        "{out}"
    );
    assert!(
        out.contains("  body:        <h1>Bad\\u{1b}[2J Gateway</h1>\\n\n"),
        "{out}"
    );
    assert!(out.contains("content type text/html\\u{1b}[31m"), "{out}");
    assert!(!out.contains('\x1b'));
}

#[test]
fn decode_http_bad_input_is_one_line_and_status_2() {
    for (args, stdin, says) in [
        (
            &["decode", "spaces", "--http"][..],
            &b"<html>not a response</html>"[..],
            "status line",
        ),
        (&["decode", "spaces", "--http"][..], &b""[..], "status line"),
        (
            &[
                "decode",
                "spaces",
                "--status",
                "503",
                "--header",
                "Retry-After 5",
            ][..],
            &b""[..],
            "Name: value",
        ),
        (
            &["decode", "spaces", "--status", "600"][..],
            &b""[..],
            "outside 100-599",
        ),
        (
            &["decode", "nope", "--status", "503"][..],
            &b""[..],
            "unknown catalog",
        ),
    ] {
        let err = fails(args, stdin);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // Usage errors (clap): --header needs --status; --http and --status conflict.
    fails(&["decode", "spaces", "--header", "A: b"], b"");
    fails(&["decode", "spaces", "--http", "--status", "503"], b"");
    let huge = vec![b'a'; 16 * 1024 * 1024 + 10];
    let err = fails(&["decode", "spaces", "--status", "503"], &huge);
    assert!(err.contains("over 16777216 bytes"), "{err}");
}

#[test]
fn doc_urls_and_deprecations_are_shown_and_the_base_is_chosen_at_export() {
    let text = ok(&["lookup", "spaces", "RATE_LIMITED"]);
    assert!(text.contains("  docs:        https://"), "{text}");
    assert!(text.contains("#spaces-42901\n"), "{text}");
    let text = ok(&["lookup", "securechat", "504"]);
    assert!(text.contains("  deprecated:  "), "{text}");
    let base = "https://docs.example/ref/";
    let j: Value = serde_json::from_str(&ok(&["export", "--doc-base-url", base])).unwrap();
    for c in j["catalogs"].as_array().unwrap() {
        for e in c["entries"].as_array().unwrap() {
            let want = format!("{base}#{}-{}", c["id"].as_str().unwrap(), e["code"]);
            assert_eq!(e["doc_url"].as_str(), Some(want.as_str()));
        }
    }
    assert!(
        fails(&["export", "--doc-base-url", "javascript:alert(1)"], b"")
            .contains("not an http(s) URL")
    );
}
