//! `sibling_union!` expanded and tested here, in the runtime's own crate, under the path a
//! generated crate calls it by, with `model_serde!` parents that carry the unions.

mod nullable {
    pub use sdk_runtime::nullable::*;
}
#[path = "../src/sibling.rs"]
mod sibling;
#[allow(dead_code)] // the tests use some of its items
#[path = "../src/wire.rs"]
mod wire;

/// The path the macros name the runtime by.
mod runtime {
    pub(crate) use super::{nullable, sibling, wire};
}

use runtime::nullable::Nullable;
use runtime::sibling::SiblingUnion;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Http {
    url: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Cli {
    path: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Push {
    topic: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Email {
    to: String,
}

/// One variant of each presence of the value property; two share a payload type.
#[derive(Clone, Debug, PartialEq)]
enum Config {
    Http(Http),
    Cli(Option<Cli>),
    Mock(Option<Cli>),
    Push(Option<Push>),
    Email(Option<Email>),
    Sms(Nullable<String>),
    Unknown { tag: String, value: Option<Value> },
    Untagged { tag_null: bool, value: Value },
}

crate::runtime::sibling::sibling_union!(
    Config,
    Http = "HTTP" required from Http,
    Cli = "CLI" optional,
    Mock = "MOCK" optional,
    Push = "PUSH" optional from Push,
    Email = "EMAIL" required_nullable from Email,
    Sms = "SMS" optional_nullable from String,
);

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
    sibling_required(config, "type", "config"),
    sibling_optional_nullable(backup, "backup_type", "backup"),
);

/// Decodes `json` as a destination, checks it re-encodes unchanged, and gives its config.
fn config_of(json: Value) -> Config {
    let decoded: Destination = serde_json::from_value(json.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), json);
    decoded.config
}

#[test]
fn each_tag_decodes_its_value_as_its_variant_and_round_trips() {
    let http = json!({"name": "a", "type": "HTTP", "config": {"url": "https://x.test"}});
    assert_eq!(
        config_of(http),
        Config::Http(Http {
            url: "https://x.test".into()
        })
    );
    let cli = json!({"name": "a", "type": "CLI", "config": {"path": "/hooks"}});
    assert_eq!(
        config_of(cli),
        Config::Cli(Some(Cli {
            path: "/hooks".into()
        }))
    );
    // The same payload shape under another tag is that tag's variant: never guessed.
    let mock = json!({"name": "a", "type": "MOCK", "config": {"path": "/hooks"}});
    assert_eq!(
        config_of(mock),
        Config::Mock(Some(Cli {
            path: "/hooks".into()
        }))
    );
    let email = json!({"name": "a", "type": "EMAIL", "config": null});
    assert_eq!(config_of(email), Config::Email(None));
    let push = json!({"name": "a", "type": "PUSH", "config": {"topic": "t"}});
    assert_eq!(
        config_of(push),
        Config::Push(Some(Push { topic: "t".into() }))
    );
    let backup =
        json!({"name": "a", "type": "PUSH", "backup_type": "HTTP", "backup": {"url": "u"}});
    assert_eq!(config_of(backup), Config::Push(None));
    let sms = json!({"name": "a", "type": "SMS", "config": null});
    assert_eq!(config_of(sms), Config::Sms(Nullable::Null));
}

#[test]
fn a_value_left_out_is_absent_where_the_variant_allows_it() {
    assert_eq!(
        config_of(json!({"name": "a", "type": "CLI"})),
        Config::Cli(None)
    );
    assert_eq!(
        config_of(json!({"name": "a", "type": "SMS"})),
        Config::Sms(Nullable::Absent)
    );
    assert_eq!(Config::decode_absent("EMAIL"), Some(Config::Email(None)));
    // A required value cannot be left out.
    assert_eq!(Config::decode_absent("HTTP"), None);
    let error = serde_json::from_value::<Destination>(json!({"name": "a", "type": "HTTP"}))
        .expect_err("the value is required");
    assert!(error.to_string().contains("config"), "{error}");
}

#[test]
fn an_unknown_tag_and_a_missing_tag_keep_the_value_as_sent() {
    let unknown = json!({"name": "a", "type": "PIGEON", "config": {"coop": 3}});
    assert_eq!(
        config_of(unknown),
        Config::Unknown {
            tag: "PIGEON".into(),
            value: Some(json!({"coop": 3}))
        }
    );
    let bare = json!({"name": "a", "type": "PIGEON"});
    assert_eq!(
        config_of(bare),
        Config::Unknown {
            tag: "PIGEON".into(),
            value: None
        }
    );
    let untagged = json!({
        "name": "a", "type": "CLI", "backup_type": null, "backup": {"url": "u"}
    });
    let decoded: Destination = serde_json::from_value(untagged.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), untagged);
    let backup = Config::Untagged {
        tag_null: true,
        value: json!({"url": "u"}),
    };
    assert_eq!(decoded.backup, Nullable::Value(backup.clone()));
    assert_eq!(backup.untagged_tag(), Some(true));
    let left_out = json!({"name": "a", "type": "CLI", "backup": [1]});
    let decoded: Destination = serde_json::from_value(left_out.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), left_out);
    let Nullable::Value(backup) = decoded.backup else {
        panic!("the value is kept");
    };
    assert_eq!(backup.untagged_tag(), Some(false));
}

#[test]
fn tags_and_conversions_follow_the_variants() {
    assert_eq!(Config::Http(Http::default()).tag(), "HTTP");
    assert_eq!(Config::Sms(Nullable::Absent).tag(), "SMS");
    assert_eq!(
        Config::Unknown {
            tag: "X".into(),
            value: None
        }
        .tag(),
        "X"
    );
    assert_eq!(
        Config::Untagged {
            tag_null: false,
            value: json!(1)
        }
        .tag(),
        ""
    );
    assert_eq!(SiblingUnion::tag(&Config::Cli(None)), "CLI");
    assert_eq!(
        Config::from(Http { url: "u".into() }),
        Config::Http(Http { url: "u".into() })
    );
    assert_eq!(
        Config::from("hi".to_string()),
        Config::Sms(Nullable::Value("hi".into()))
    );
    assert_eq!(
        Config::from(Push::default()),
        Config::Push(Some(Push::default()))
    );
    assert_eq!(
        Config::from(Email::default()),
        Config::Email(Some(Email::default()))
    );
}
