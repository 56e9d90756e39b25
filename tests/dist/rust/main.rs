//! A program outside the repository that depends on the released crate
//! (the unpacked `errcat-<v>.crate`, by path): built-in catalogs compiled
//! from the catalogs inside the package, a lookup and a decode.
fn main() {
    let mut passed = 0;
    let ids: Vec<String> = errcat::catalogs().map(|c| c.id.to_string()).collect();
    let want: usize = std::env::var("ERRCAT_CATALOGS").unwrap().parse().unwrap();
    assert_eq!(ids.len(), want, "catalogs in the package: {ids:?}");
    passed += 1;

    let e = errcat::lookup("spaces", "RATE_LIMITED").unwrap();
    assert_eq!((e.code, e.kind), (42901, errcat::Kind::ResourceExhausted));
    assert_eq!(errcat::rtc::Code::UserNotFound.entry().code, 102);
    passed += 1;

    let body = br#"{"error":{"code":"RATE_LIMITED","message":"Slow down","retry_after_ms":1500}}"#;
    let err = errcat::decode("spaces", body).unwrap();
    assert_eq!((err.code(), err.retry_after_ms()), (42901, Some(1500)));
    assert_eq!(err.to_string(), "Slow down");
    passed += 1;

    println!("catalogs: {}", ids.join(" "));
    println!("rust-consumer: {passed} passed, 0 failed");
}
