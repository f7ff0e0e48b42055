//! `string_enum!` expanded and tested here, in the runtime's own crate, under the path a
//! generated crate calls it by (`crate::runtime::string_enum`).

#[path = "../src/string_enum.rs"]
mod string_enum;

/// The path the macro names the runtime by.
mod runtime {
    pub(crate) use super::string_enum;
    pub use sdk_runtime::{query, wire};
}

use runtime::query::{Query, QueryStyle, QueryValue};
use serde_json::{json, Value};

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Status {
    Failed,
    Successful,
    Unknown(String),
}

crate::runtime::string_enum::string_enum!(Status, Failed = "FAILED", Successful = "SUCCESSFUL");

/// A string enum that query parameters hold.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Dir {
    Asc,
    Desc,
    Unknown(String),
}

crate::runtime::string_enum::string_enum!(Dir + QueryValue, Asc = "asc", Desc = "desc",);

#[test]
fn each_value_decodes_into_its_variant_and_encodes_as_sent() {
    for (text, variant) in [
        ("FAILED", Status::Failed),
        ("SUCCESSFUL", Status::Successful),
    ] {
        let decoded: Status = serde_json::from_value(json!(text)).expect("decodes");
        assert_eq!(decoded, variant);
        assert_eq!(
            serde_json::to_value(&decoded).expect("encodes"),
            json!(text)
        );
        // Borrowed input takes the same path.
        let borrowed: Status = serde_json::from_str(&format!("\"{text}\"")).expect("decodes");
        assert_eq!(borrowed, variant);
    }
}

#[test]
fn a_value_this_version_does_not_know_is_kept_as_sent() {
    // Another spelling of a known value is not that value.
    for text in ["PAUSED", "failed", ""] {
        let decoded: Status = serde_json::from_value(json!(text)).expect("decodes");
        assert_eq!(decoded, Status::Unknown(text.to_string()));
        assert_eq!(
            serde_json::to_value(&decoded).expect("encodes"),
            json!(text)
        );
    }
}

#[test]
fn only_a_string_decodes() {
    for bad in [json!(1), json!(null), json!(["FAILED"]), json!({})] {
        let error = serde_json::from_value::<Status>(bad.clone()).expect_err("not a string");
        assert!(error.to_string().contains("a string"), "{bad}: {error}");
    }
}

#[test]
fn text_conversions_agree_with_the_wire() {
    assert_eq!(Status::Failed.as_str(), "FAILED");
    assert_eq!(Status::Unknown("X".into()).as_str(), "X");
    assert_eq!(Status::Successful.to_string(), "SUCCESSFUL");
    assert_eq!(Status::from("FAILED"), Status::Failed);
    assert_eq!("SUCCESSFUL".parse::<Status>(), Ok(Status::Successful));
    assert_eq!("new".parse::<Status>(), Ok(Status::Unknown("new".into())));
}

#[test]
fn with_query_value_it_is_written_as_its_wire_text() {
    let mut query = Query::new();
    Dir::Desc.write_query("dir", QueryStyle::Form { explode: true }, &mut query);
    Dir::Unknown("sideways".into()).write_query("dir", QueryStyle::Brackets, &mut query);
    assert_eq!(query.encode(), "dir=desc&dir=sideways");
    let value: Value = serde_json::to_value(Dir::Asc).expect("encodes");
    assert_eq!(value, json!("asc"));
}
