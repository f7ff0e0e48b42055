//! Tests of the runtime's `path` module.

use sdk_runtime::error::Error;
use sdk_runtime::path::*;

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
