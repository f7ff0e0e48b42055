// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! Path parameters, encoded so that no value can change which path is requested.

use std::fmt::Write as _;

use super::error::Error;

/// Encodes `value` as one path segment: every byte outside the RFC 3986 unreserved set
/// (`A-Z a-z 0-9 - . _ ~`) is percent-encoded, so `/`, `?`, `#`, `%` and spaces cannot
/// add segments, start a query or fragment, or smuggle in an escape.
///
/// `""`, `"."` and `".."` are rejected with [`Error::InvalidRequest`] (parameter `name` is
/// named in the message): an empty segment or a dot segment would address another
/// resource once the URL is normalised, and a WHATWG URL parser treats even `%2E%2E` as
/// `..`, so they cannot be escaped away.
#[allow(dead_code)] // Not every spec has path parameters.
pub fn path_segment<E>(name: &'static str, value: &str) -> Result<String, Error<E>> {
    match value {
        "" => Err(Error::invalid(format!(
            "path parameter `{name}` must not be empty"
        ))),
        "." | ".." => Err(Error::invalid(format!(
            "path parameter `{name}` must not be `.` or `..`"
        ))),
        _ => Ok(encode_segment(value)),
    }
}

/// Percent-encodes every byte of `value` outside the RFC 3986 unreserved set.
pub fn encode_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}
