// Runtime support copied by `cargo xtask codegen`; edit codegen/runtime/, not the generated copy.
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
pub(crate) fn path_segment<E>(name: &'static str, value: &str) -> Result<String, Error<E>> {
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
pub(crate) fn encode_segment(value: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(value: &str) -> Result<String, Error<()>> {
        path_segment("id", value)
    }

    #[test]
    fn plain_ids_pass_through() {
        assert_eq!(
            seg("web_123-abc.X~").ok().as_deref(),
            Some("web_123-abc.X~")
        );
    }

    #[test]
    fn reserved_characters_are_encoded() {
        assert_eq!(seg("../x").ok().as_deref(), Some("..%2Fx"));
        assert_eq!(seg("a/b?c").ok().as_deref(), Some("a%2Fb%3Fc"));
        assert_eq!(seg("a#b c%").ok().as_deref(), Some("a%23b%20c%25"));
        assert_eq!(seg("%2E%2E").ok().as_deref(), Some("%252E%252E"));
        assert_eq!(
            seg("é+&=;:@").ok().as_deref(),
            Some("%C3%A9%2B%26%3D%3B%3A%40")
        );
        assert_eq!(seg("...").ok().as_deref(), Some("..."));
    }

    #[test]
    fn dot_segments_and_empty_are_rejected() {
        for bad in ["", ".", ".."] {
            match seg(bad) {
                Err(Error::InvalidRequest { message }) => assert!(message.contains("`id`")),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn encoded_segments_survive_url_parsing() {
        for value in ["../x", "a/b?c", "..%2F", "x#y"] {
            let encoded = seg(value).expect("valid segment");
            let url = url::Url::parse(&format!("https://h.test/v1/things/{encoded}/pause"))
                .expect("valid URL");
            assert_eq!(url.path(), format!("/v1/things/{encoded}/pause"));
            assert_eq!(url.query(), None);
            assert_eq!(url.fragment(), None);
        }
    }
}
