//! JSON pointers (RFC 6901), the way every [`Error`](crate::Error) and
//! [`Warning`](crate::error::Warning) names the spec node it is about: `/paths/~1a~1{id}/get`
//! is the `get` operation of the path `/a/{id}`.
//!
//! ```
//! use codegen::pointer::{child, percent_decode};
//!
//! let path = child("/paths", "/a/{id}");
//! assert_eq!(path, "/paths/~1a~1{id}");
//! assert_eq!(child(&path, "get"), "/paths/~1a~1{id}/get");
//! // A `$ref` may percent-encode its fragment.
//! assert_eq!(percent_decode("/paths/~1a~1%7Bid%7D"), path);
//! ```

/// One reference token (a map key, say) escaped for a JSON pointer: `~` becomes `~0` and
/// `/` becomes `~1`, so `/a/{id}` becomes `~1a~1{id}`.
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The pointer to the child `token` of the node at `pointer` (the token escaped):
/// `child("/paths", "/a")` is `/paths/~1a`, and `child("", "info")` is `/info`.
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    out.push('/');
    if token.contains(['~', '/']) {
        out.push_str(&escape_token(token));
    } else {
        out.push_str(token);
    }
    out
}

/// A pointer taken from a URI fragment (a `$ref`'s `#/...`) with its percent-escapes
/// decoded: `%7B` becomes `{`. An escape that is not two hex digits stays as it is, and so
/// does the whole text when the decoded bytes are not UTF-8.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}
