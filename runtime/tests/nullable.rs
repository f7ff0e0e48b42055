//! Tests of the runtime's `nullable` module.

use sdk_runtime::nullable::Nullable;

#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct Patch {
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    name: Nullable<String>,
}

#[test]
fn absent_null_and_value_round_trip() {
    for text in [r#"{}"#, r#"{"name":null}"#, r#"{"name":"x"}"#] {
        let patch: Patch = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&patch).unwrap(), text);
    }
}
