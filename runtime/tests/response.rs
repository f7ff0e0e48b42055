//! Tests of the runtime's `response` module.

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_ENCODING};
use reqwest::StatusCode;

use sdk_runtime::response::*;

fn encoded(encoding: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_ENCODING, HeaderValue::from_str(encoding).unwrap());
    headers
}

#[test]
fn plain_bodies_pass_and_unknown_encodings_are_refused() {
    assert_eq!(decode_content(&HeaderMap::new(), b"{}").unwrap(), None);
    assert_eq!(decode_content(&encoded("identity"), b"{}").unwrap(), None);
    let error = decode_content(&encoded("br"), b"\x0b\x01").unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::Unsupported);
    assert!(error.to_string().contains("`br`"), "{error}");
}

#[test]
fn debug_shows_header_names_not_values() {
    let mut headers = HeaderMap::new();
    headers.insert("set-cookie", HeaderValue::from_static("session=s3cr3t"));
    let response = Response::new(StatusCode::OK, headers, 1);
    let shown = format!("{response:?}");
    assert!(shown.contains("set-cookie"), "{shown}");
    assert!(!shown.contains("s3cr3t"), "{shown}");
}

#[test]
fn response_maps_its_value() {
    let response = Response::new(StatusCode::OK, HeaderMap::new(), 2);
    assert_eq!(response.map(|v| v * 2).into_value(), 4);
}
