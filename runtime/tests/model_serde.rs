//! `model_serde!` expanded and tested here, in the runtime's own crate. The macro names
//! the runtime as `crate::runtime`, as in a generated crate: this test crate compiles the
//! runtime's `wire.rs` and names it, with the modules it uses, by that path.

// The macro is the crate's own (`pub(crate)`), so `wire.rs` is compiled into this test
// crate; the modules it uses are the runtime crate's.
mod nullable {
    pub use sdk_runtime::nullable::*;
}
mod sibling {
    pub use sdk_runtime::sibling::*;
}
#[allow(dead_code)] // the tests use some of its items
#[path = "../src/wire.rs"]
mod wire;

/// The path the macro names the runtime by.
mod runtime {
    pub(crate) use super::{nullable, sibling, wire};
}

use runtime::nullable::Nullable;
use runtime::sibling::SiblingUnion;
use serde::ser::SerializeMap;
use serde_json::{json, Value};

#[derive(Debug, PartialEq)]
struct Plain {
    id: String,
    note: Option<String>,
    paused_at: Option<chrono::DateTime<chrono::Utc>>,
    label: Nullable<String>,
    at: chrono::DateTime<chrono::Utc>,
}

crate::runtime::wire::model_serde!(
    Plain,
    "a Plain object",
    required(id, "id"),
    optional(note, "note"),
    required_nullable_time(paused_at, "paused_at"),
    optional_nullable(label, "the-label"),
    required_time(at, "at"),
);

/// The presences `Plain` leaves out.
#[derive(Debug, PartialEq)]
struct Times {
    count: Option<u32>,
    seen_at: Option<chrono::DateTime<chrono::Utc>>,
    done_at: Nullable<chrono::DateTime<chrono::Utc>>,
}

crate::runtime::wire::model_serde!(
    Times,
    "a Times object",
    required_nullable(count, "count"),
    optional_time(seen_at, "seen_at"),
    optional_nullable_time(done_at, "done_at"),
);

#[derive(Debug, PartialEq)]
struct Delay {
    delay: u32,
}

crate::runtime::wire::model_serde!(Delay where "type" = "delay", "a Delay object", required(delay, "delay"));

/// A sibling union: `kind` names the variant of `config`.
#[derive(Debug, PartialEq)]
enum Config {
    Http(Value),
    Cli,
    /// A value sent without its tag: (whether the tag was `null`, the value).
    Untagged(bool, Value),
}

impl SiblingUnion for Config {
    fn tag(&self) -> &str {
        match self {
            Config::Http(_) => "HTTP",
            Config::Cli => "CLI",
            Config::Untagged(..) => "",
        }
    }
    fn serialize_value<M: SerializeMap>(
        &self,
        key: &'static str,
        map: &mut M,
    ) -> Result<(), M::Error> {
        match self {
            Config::Http(value) | Config::Untagged(_, value) => map.serialize_entry(key, value),
            Config::Cli => Ok(()),
        }
    }
    fn decode_value<'de, D: serde::Deserializer<'de>>(
        tag: &str,
        value: D,
    ) -> Result<Self, D::Error> {
        match tag {
            "HTTP" => serde::Deserialize::deserialize(value).map(Config::Http),
            _ => Err(serde::de::Error::custom(format_args!("unknown tag {tag}"))),
        }
    }
    fn decode_absent(tag: &str) -> Option<Self> {
        (tag == "CLI").then_some(Config::Cli)
    }
    fn untagged(tag_null: bool, value: Value) -> Self {
        Config::Untagged(tag_null, value)
    }
    fn untagged_tag(&self) -> Option<bool> {
        match self {
            Config::Untagged(tag_null, _) => Some(*tag_null),
            _ => None,
        }
    }
}

#[derive(Debug, PartialEq)]
struct Destination {
    name: String,
    config: Config,
    backup: Nullable<Config>,
}

crate::runtime::wire::model_serde!(
    Destination,
    "a Destination object",
    required(name, "name"),
    sibling_required(config, "kind", "config"),
    sibling_optional_nullable(backup, "backup_kind", "backup"),
);

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), value);
    decoded
}

#[test]
fn plain_fields_by_presence_and_wire_name() {
    let plain: Plain = round_trip(json!({
        "id": "a", "note": "n", "paused_at": null, "the-label": null,
        "at": "2024-01-02T03:04:05Z"
    }));
    assert_eq!(plain.label, Nullable::Null);
    assert_eq!(plain.paused_at, None);
    // Left out: optional fields stay out; unknown keys are skipped.
    let plain: Plain =
        serde_json::from_value(json!({"id": "b", "at": "2024-01-02T03:04:05+02:00", "x": [1]}))
            .expect("decodes");
    assert_eq!(plain.label, Nullable::Absent);
    assert_eq!(plain.at.to_rfc3339(), "2024-01-02T01:04:05+00:00");
    assert_eq!(
        serde_json::to_value(&plain).expect("encodes"),
        json!({"id": "b", "paused_at": null, "at": "2024-01-02T01:04:05Z"})
    );
    let missing = serde_json::from_value::<Plain>(json!({"at": "2024-01-02T03:04:05Z"}));
    assert!(missing
        .expect_err("id is required")
        .to_string()
        .contains("`id`"));
}

#[test]
fn nullable_and_date_time_fields_keep_absent_null_and_value_apart() {
    let time = "2024-01-02T03:04:05Z"
        .parse::<chrono::DateTime<chrono::Utc>>()
        .expect("a time");
    let times: Times = round_trip(json!({
        "count": 3, "seen_at": "2024-01-02T03:04:05Z", "done_at": "2024-01-02T03:04:05Z"
    }));
    assert_eq!(
        times,
        Times {
            count: Some(3),
            seen_at: Some(time),
            done_at: Nullable::Value(time)
        }
    );
    // `null`: the required nullable and the nullable are written back as `null`; the
    // optional one, `null` read as `None`, is left out.
    let times: Times =
        serde_json::from_value(json!({"count": null, "seen_at": null, "done_at": null}))
            .expect("decodes");
    assert_eq!(
        times,
        Times {
            count: None,
            seen_at: None,
            done_at: Nullable::Null
        }
    );
    assert_eq!(
        serde_json::to_value(&times).expect("encodes"),
        json!({"count": null, "done_at": null})
    );
    // Left out: a required nullable field reads as `null`, the others stay out.
    let times: Times = serde_json::from_value(json!({})).expect("decodes");
    assert_eq!(
        times,
        Times {
            count: None,
            seen_at: None,
            done_at: Nullable::Absent
        }
    );
    assert_eq!(
        serde_json::to_value(&times).expect("encodes"),
        json!({"count": null})
    );
}

#[test]
fn a_constant_tag_is_written_first_and_skipped_when_read() {
    let delay: Delay = round_trip(json!({"type": "delay", "delay": 5}));
    assert_eq!(delay, Delay { delay: 5 });
    assert_eq!(
        serde_json::to_string(&delay).expect("encodes"),
        r#"{"type":"delay","delay":5}"#
    );
}

#[test]
fn a_sibling_pair_is_read_in_either_order_and_written_together() {
    let value = json!({"name": "d", "kind": "HTTP", "config": {"url": "u"}, "backup_kind": null});
    let destination: Destination = round_trip(value);
    assert_eq!(destination.config, Config::Http(json!({"url": "u"})));
    assert_eq!(destination.backup, Nullable::Null);
    // The value before its tag, and a variant without a value.
    let late: Destination = serde_json::from_value(
        json!({"config": {"url": "v"}, "name": "e", "kind": "HTTP", "backup_kind": "CLI"}),
    )
    .expect("decodes");
    assert_eq!(late.config, Config::Http(json!({"url": "v"})));
    assert_eq!(late.backup, Nullable::Value(Config::Cli));
    let no_tag = serde_json::from_value::<Destination>(json!({"name": "f"}));
    assert!(no_tag
        .expect_err("the tag is required")
        .to_string()
        .contains("`kind`"));
}

#[test]
fn a_value_without_its_tag_is_kept_and_written_back() {
    // A null tag beside a value: kept, and written back with the null tag.
    let value =
        json!({"name": "g", "kind": "HTTP", "config": {}, "backup_kind": null, "backup": {}});
    let destination: Destination = round_trip(value);
    assert_eq!(
        destination.backup,
        Nullable::Value(Config::Untagged(true, json!({})))
    );
    // No tag at all beside a value: kept, and written back without a tag.
    let value = json!({"name": "h", "kind": "HTTP", "config": {}, "backup": null});
    let destination: Destination = round_trip(value);
    assert_eq!(
        destination.backup,
        Nullable::Value(Config::Untagged(false, Value::Null))
    );
    // A required tag cannot be left out, even with a value beside it.
    let error = serde_json::from_value::<Destination>(json!({"name": "i", "config": {}}))
        .expect_err("the tag is required");
    assert!(error.to_string().contains("`kind`"), "{error}");
}
