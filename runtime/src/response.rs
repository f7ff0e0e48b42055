// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
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
    /// A response with this status, headers and value (for tests of code that takes one).
    pub fn new(status: StatusCode, headers: HeaderMap, value: T) -> Self {
        Response {
            status,
            headers,
            value,
        }
    }

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
pub fn accept_encoding() -> Option<HeaderValue> {
    if cfg!(feature = "gzip") {
        Some(HeaderValue::from_static("gzip"))
    } else {
        None
    }
}

/// The body with its `Content-Encoding` undone. Runs after the status is known, so that a
/// body that cannot be decoded still reaches the caller with its status and raw bytes.
pub fn decode_content(headers: &HeaderMap, body: &[u8]) -> Result<Option<Vec<u8>>, std::io::Error> {
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
