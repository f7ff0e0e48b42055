// Runtime support copied by `cargo xtask codegen`; edit codegen/runtime/, not the generated copy.
//! A successful call's value with its status and headers, and undoing a response's
//! `Content-Encoding`.

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_ENCODING};
use reqwest::StatusCode;

/// A decoded response with its HTTP status and headers (request ids, rate limits), from
/// an operation's `send_with_response()`.
///
/// `Debug` shows the headers' names, not their values, which may carry cookies or tokens.
#[derive(Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub value: T,
}

impl<T> Response<T> {
    /// The decoded body, without status and headers.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The same response with its value converted by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            value: f(self.value),
        }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(|name| name.as_str()).collect();
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &names)
            .field("value", &self.value)
            .finish()
    }
}

/// The `Accept-Encoding` this build sends: `gzip` with the `gzip` feature, else none
/// (the server then sends the body as it is).
pub(crate) fn accept_encoding() -> Option<HeaderValue> {
    if cfg!(feature = "gzip") {
        Some(HeaderValue::from_static("gzip"))
    } else {
        None
    }
}

/// The body with its `Content-Encoding` undone. Runs after the status is known, so that a
/// body that cannot be decoded still reaches the caller with its status and raw bytes.
pub(crate) fn decode_content(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Option<Vec<u8>>, std::io::Error> {
    let Some(encoding) = headers.get(CONTENT_ENCODING) else {
        return Ok(None);
    };
    let encoding = encoding.to_str().unwrap_or("").trim().to_ascii_lowercase();
    match encoding.as_str() {
        "" | "identity" => Ok(None),
        "gzip" | "x-gzip" => gunzip(body).map(Some),
        other => Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            format!("the response is encoded as `{other}`, which this client does not read"),
        )),
    }
}

#[cfg(feature = "gzip")]
fn gunzip(body: &[u8]) -> Result<Vec<u8>, std::io::Error> {
    use std::io::Read;
    let mut out = Vec::with_capacity(body.len() * 4);
    flate2::read::GzDecoder::new(body).read_to_end(&mut out)?;
    Ok(out)
}

#[cfg(not(feature = "gzip"))]
fn gunzip(_body: &[u8]) -> Result<Vec<u8>, std::io::Error> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "the response is gzip-encoded; build the SDK with its `gzip` feature to read it",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let response = Response {
            status: StatusCode::OK,
            headers,
            value: 1,
        };
        let shown = format!("{response:?}");
        assert!(shown.contains("set-cookie"), "{shown}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }

    #[test]
    fn response_maps_its_value() {
        let response = Response {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            value: 2,
        };
        assert_eq!(response.map(|v| v * 2).into_value(), 4);
    }
}
