//! The CLI's localized output (`--locale`) and `errcat l10n export/import`.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
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
    let w = std::thread::spawn(move || {
        let _ = sin.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    w.join().unwrap();
    out
}

fn ok_in(args: &[&str], stdin: &[u8]) -> String {
    let o = errcat(args, stdin);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn ok(args: &[&str]) -> String {
    ok_in(args, b"")
}

/// Bad input: status 2 and one line on stderr.
fn fails(args: &[&str]) -> String {
    let o = errcat(args, b"");
    assert_eq!(
        o.status.code(),
        Some(2),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(
        err.starts_with("errcat: ") && !err.contains("panicked"),
        "{err}"
    );
    err
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("errcat-l10n-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn pseudo(text: &str) -> String {
    errcat::l10n::pseudo_localize(text)
}

#[test]
fn lookup_in_en_xa() {
    let e = errcat::lookup("spaces", "RATE_LIMITED").unwrap();
    let out = ok(&["lookup", "spaces", "RATE_LIMITED", "--locale", "en-XA"]);
    assert!(out.contains("  locale:      en-XA\n"), "{out}");
    assert!(
        out.contains(&format!("  message:     {}\n", pseudo(&e.message))),
        "{out}"
    );
    // A preference list: fr has no overlay, en-XA does.
    let out = ok(&["--locale", "fr-CA,en-XA", "lookup", "messenger", "203"]);
    assert!(out.contains("  locale:      en-XA\n"), "{out}");
    assert!(out.contains(&pseudo("Message is too long")), "{out}");
    // en stops at the base text, and says so.
    let out = ok(&[
        "lookup",
        "spaces",
        "RATE_LIMITED",
        "--locale",
        "en-US",
        "--locale",
        "en-XA",
    ]);
    assert!(out.contains("  locale:      en (base text)\n"), "{out}");
    assert!(
        out.contains(&format!("  message:     {}\n", e.message)),
        "{out}"
    );
    // Causes and reactions too.
    let rtc = errcat::lookup("rtc", "transport").unwrap();
    let out = ok(&["lookup", "rtc", "transport", "--locale", "en-XA"]);
    for c in rtc.causes.iter() {
        assert!(out.contains(&format!("    - {}\n", pseudo(c))), "{out}");
    }
    let j: Value = serde_json::from_str(&ok(&[
        "lookup",
        "messenger",
        "USER_LOGIN_FAILED",
        "--locale",
        "en-XA",
        "--json",
    ]))
    .unwrap();
    let m = errcat::lookup("messenger", "USER_LOGIN_FAILED").unwrap();
    assert_eq!(j["locale"], "en-XA");
    assert_eq!(j["localized"]["message"], pseudo(&m.message).as_str());
    assert_eq!(
        j["localized"]["reaction"],
        pseudo(m.reaction.as_deref().unwrap()).as_str()
    );
    assert_eq!(
        j["entry"]["message"],
        m.message.as_ref(),
        "the entry stays the base"
    );
}

#[test]
fn decode_in_en_xa() {
    let payload = br#"{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","missing_permission":"manage_messages"}}"#;
    let e = errcat::lookup("spaces", "FORBIDDEN").unwrap();
    let out = ok_in(&["decode", "spaces", "--locale", "en-XA"], payload);
    assert!(out.contains("  locale:      en-XA\n"), "{out}");
    assert!(
        out.contains(&format!("  message:     {}\n", pseudo(&e.message))),
        "{out}"
    );
    assert!(
        out.contains("  server text: You do not have permission"),
        "{out}"
    );
    assert!(out.contains("missing permission: manage_messages"), "{out}");
    let j: Value = serde_json::from_str(&ok_in(
        &["--locale", "en-XA", "decode", "spaces", "--json"],
        payload,
    ))
    .unwrap();
    assert_eq!(j["locale"], "en-XA");
    assert_eq!(j["localized"]["message"], pseudo(&e.message).as_str());
    // The plain fields do not change with --locale.
    assert_eq!(
        j["message"],
        "You do not have permission to perform this action."
    );
    // A minor code's detail through a decoded error.
    let out = ok_in(
        &["decode", "messenger", "--locale", "en-XA"],
        br#"{"error": {"code": 203, "minor": 32}}"#,
    );
    assert!(
        out.contains(&format!(
            "minor code:  32 {}",
            pseudo("Message is too long")
        )),
        "{out}"
    );
    // No overlay for the locale: the base text, said so.
    let out = ok_in(&["decode", "spaces", "--locale", "de"], payload);
    assert!(out.contains("  locale:      en (base text)\n"), "{out}");
    assert!(
        out.contains("  message:     You do not have permission"),
        "{out}"
    );
    // An HTTP response decodes in the locale too.
    let out = ok_in(
        &["decode", "spaces", "--status", "403", "--locale", "en-XA"],
        br#"{"error":{"code":"FORBIDDEN"}}"#,
    );
    assert!(out.contains(&pseudo(&e.message)), "{out}");
}

#[test]
fn l10n_export_import_round_trip_through_files() {
    let d = scratch("rt");
    for (format, ext) in [
        ("xcstrings", "xcstrings"),
        ("android", "xml"),
        ("xliff", "xlf"),
        ("json", "json"),
    ] {
        for c in errcat::CATALOG_IDS {
            let file = d.join(format!("{c}.{ext}"));
            let f = file.to_str().unwrap();
            ok(&[
                "l10n",
                "export",
                "--format",
                format,
                "--locale",
                "en-XA",
                "--catalog",
                c,
                "-o",
                f,
            ]);
            // Format from the extension; the overlay on stdout.
            let toml = ok(&["l10n", "import", f]);
            let want = errcat::l10n::pseudo_overlay(errcat::catalog(c).unwrap())
                .to_text(errcat::Format::Toml);
            assert_eq!(toml, want, "{format} {c}");
            // And to a file, which the core reads back.
            let out = d.join(format!("{c}.{ext}.toml"));
            ok(&[
                "l10n",
                "import",
                f,
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
            ]);
            let back = errcat::l10n::parse_overlay(
                &std::fs::read(&out).unwrap(),
                errcat::Format::Toml,
                "x",
            )
            .unwrap();
            assert_eq!(back.to_text(errcat::Format::Toml), want);
        }
        // Every catalog in one file: one overlay file each in a directory.
        let all = d.join(format!("all.{ext}"));
        ok(&[
            "l10n",
            "export",
            "--format",
            format,
            "--locale",
            "en-XA",
            "-o",
            all.to_str().unwrap(),
        ]);
        let err = fails(&["l10n", "import", all.to_str().unwrap()]);
        assert!(err.contains("give -o DIR"), "{err}");
        let dir = d.join(format!("all-{format}"));
        ok(&[
            "l10n",
            "import",
            all.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
        ]);
        for c in errcat::CATALOG_IDS {
            let got = std::fs::read_to_string(dir.join(format!("{c}.en-XA.toml"))).unwrap();
            let want = errcat::l10n::pseudo_overlay(errcat::catalog(c).unwrap())
                .to_text(errcat::Format::Toml);
            assert_eq!(got, want, "{format} {c}");
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn l10n_bad_input_is_status_2_and_changes_nothing() {
    let d = scratch("bad");
    let f = d.join("s.xlf");
    let fs = f.to_str().unwrap();
    ok(&[
        "l10n",
        "export",
        "--format",
        "xliff",
        "--locale",
        "en-XA",
        "--catalog",
        "spaces",
        "-o",
        fs,
    ]);
    let good = std::fs::read_to_string(&f).unwrap();
    let out = d.join("out.toml");
    let outs = out.to_str().unwrap();
    std::fs::write(&out, "untouched").unwrap();
    for (what, text, says) in [
        ("bad xml", good.replace("</xliff>", ""), "bad XML"),
        (
            "dtd",
            good.replacen(
                "<xliff",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xliff",
                1,
            ),
            "DTD",
        ),
        (
            "placeholder",
            good.replacen("[Ŕåţé", "{x}[Ŕåţé", 1),
            "placeholders",
        ),
        (
            "unknown key",
            good.replacen(".RATE_LIMITED.message", ".RATE_LIMITED.nope", 1),
            "unknown key",
        ),
    ] {
        std::fs::write(&f, &text).unwrap();
        let err = fails(&["l10n", "import", fs, "-o", outs]);
        assert!(err.contains(says), "{what}: {err}");
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "untouched",
            "{what}"
        );
    }
    // A huge file is refused without being read whole.
    std::fs::write(&f, vec![b' '; errcat::l10n::MAX_OVERLAY_BYTES + 100]).unwrap();
    assert!(fails(&["l10n", "import", fs]).contains("limit"));
    let err = fails(&["l10n", "import", d.join("x.txt").to_str().unwrap()]);
    assert!(err.contains("--format"), "{err}");
    fails(&["l10n", "import", d.join("missing.json").to_str().unwrap()]);
    assert!(fails(&["l10n", "export", "--format", "json"]).contains("--locale"));
    assert!(
        fails(&["l10n", "export", "--format", "json", "--locale", "fr,de"])
            .contains("one --locale")
    );
    assert!(
        fails(&["l10n", "export", "--format", "xliff", "--locale", "en"])
            .contains("source language")
    );
    assert!(fails(&[
        "l10n",
        "export",
        "--format",
        "json",
        "--locale",
        "fr",
        "--catalog",
        "nope"
    ])
    .contains("unknown catalog"));
    assert!(fails(&["lookup", "spaces", "BANNED", "--locale", "not a tag"]).contains("BCP 47"));
    let o = errcat(
        &["l10n", "export", "--format", "yaml", "--locale", "fr"],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&d);
}
