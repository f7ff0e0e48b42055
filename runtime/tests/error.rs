//! Tests of the runtime's `error` module.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use sdk_runtime::error::*;

#[derive(Debug)]
struct Body {
    code: String,
}

fn api(status: u16) -> Error<Body> {
    Error::Api(Box::new(ApiError {
        status: StatusCode::from_u16(status).expect("valid status"),
        headers: HeaderMap::new(),
        body: Body {
            code: "NOT_FOUND".into(),
        },
        raw: br#"{"code":"NOT_FOUND"}"#.to_vec(),
    }))
}

#[test]
fn status_and_body_accessors() {
    let e = api(404);
    assert_eq!(e.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(e.raw_body(), Some(&br#"{"code":"NOT_FOUND"}"#[..]));
    assert_eq!(e.body_text().as_deref(), Some(r#"{"code":"NOT_FOUND"}"#));
    assert_eq!(
        e.api_error().map(|a| a.body.code.as_str()),
        Some("NOT_FOUND")
    );
    let invalid: Error<Body> = Error::invalid("bad");
    assert_eq!(invalid.status(), None);
    assert_eq!(invalid.raw_body(), None);
}

#[test]
fn retryable_classes() {
    assert!(!api(404).is_retryable());
    assert!(api(429).is_retryable());
    assert!(api(408).is_retryable());
    let unexpected: Error<Body> = Error::UnexpectedStatus {
        status: StatusCode::BAD_GATEWAY,
        headers: Box::default(),
        body: Vec::new(),
    };
    assert!(unexpected.is_retryable());
    let timeout: Error<Body> = Error::Timeout { source: None };
    assert!(timeout.is_retryable());
    assert!(timeout.is_timeout());
    assert!(!Error::<Body>::invalid("x").is_retryable());
}

#[test]
fn display_is_one_line_and_bounded() {
    let body = format!("<html>\n<body>{}</body></html>", "x".repeat(1000));
    let e: Error<Body> = Error::UnexpectedStatus {
        status: StatusCode::BAD_GATEWAY,
        headers: Box::default(),
        body: body.into_bytes(),
    };
    let shown = e.to_string();
    assert!(shown.starts_with("unexpected HTTP status 502 Bad Gateway: <html> <body>"));
    assert!(!shown.contains('\n'));
    assert!(shown.chars().count() < 300);
}

#[test]
fn non_utf8_bodies_do_not_panic() {
    let e: Error<Body> = Error::UnexpectedStatus {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        headers: Box::default(),
        body: vec![0xff, 0xfe, b'a'],
    };
    assert_eq!(e.body_text().as_deref(), Some("\u{fffd}\u{fffd}a"));
    let _ = e.to_string();
    let _ = format!("{e:?}");
}

#[test]
fn decode_exposes_source() {
    let source = serde_json::from_slice::<u32>(b"{").expect_err("truncated");
    let e: Error<Body> = Error::Decode {
        status: StatusCode::OK,
        headers: Box::default(),
        body: b"{".to_vec(),
        source,
    };
    assert!(std::error::Error::source(&e).is_some());
    assert!(format!("{e:?}").contains("body: \"{\""));
}

#[test]
fn map_api_converts_the_body() {
    let mapped = api(410).map_api(|b| b.code.len());
    assert_eq!(mapped.api_error().map(|a| a.body), Some(9));
    assert_eq!(mapped.status(), Some(StatusCode::GONE));
}
