//! Decode → encode of responses the spec allows gives back the same JSON (date-times
//! compared as instants, numbers by value), and decoding picks union variants by their
//! discriminator. Instances are built from the spec itself, so a new source type or auth
//! variant is covered the day it appears.

use hookdeck::types::{
    Connection, ConnectionPaginatedResult, Destination, DestinationConfig,
    DestinationConfigHttpAuth, RetryStrategy, Rule, SeekPagination, Source, SourceConfig,
    SourceConfigWebhookAuth,
};
use hookdeck::{Nullable, OneOrMany};
use integration_tests::instances::{round_trip, spec, Instances, Mode};
use serde_json::{json, Value};

const MODES: [Mode; 2] = [Mode::Full, Mode::Nulls];

#[test]
fn every_source_type_with_its_config_decodes_as_that_type() {
    let root = spec();
    let spec = Instances::new(&root);
    let variants = spec.variants("SourceConfig");
    assert!(
        variants.len() >= 140,
        "the spec has 140 source types, found {}",
        variants.len()
    );
    for (tag, schema) in variants {
        let tag = tag.expect("every SourceConfig variant names its type");
        for mode in MODES {
            let config = spec.object(schema, mode, &[]);
            for overrides in [
                vec![("type", json!(tag)), ("config", config.clone())],
                vec![("type", json!(tag))],
            ] {
                let input = spec.object(spec.schema("Source"), mode, &overrides);
                let source: Source = round_trip(&input);
                assert_eq!(source.config.tag(), tag);
                assert!(
                    !matches!(source.config, SourceConfig::Unknown { .. }),
                    "{tag} decoded as Unknown"
                );
            }
        }
    }
}

#[test]
fn a_stripe_config_is_never_taken_for_another_provider() {
    let input = json!({
        "id": "src_1", "name": "stripe", "description": null, "team_id": "tm_1",
        "url": "https://hkdk.events/abc", "type": "STRIPE", "authenticated": true,
        "config": {"auth": {"webhook_secret_key": "whsec_123"}},
        "disabled_at": null, "updated_at": "2024-01-01T00:00:00Z", "created_at": "2024-01-01T00:00:00Z"
    });
    let source: Source = round_trip(&input);
    let SourceConfig::Stripe(Some(config)) = &source.config else {
        panic!("not Stripe: {:?}", source.config)
    };
    let Nullable::Value(auth) = &config.auth else {
        panic!("auth lost: {config:?}")
    };
    assert_eq!(auth.webhook_secret_key, "whsec_123");
}

#[test]
fn every_webhook_and_http_source_auth_variant() {
    let root = spec();
    let spec = Instances::new(&root);
    for (source_type, config_schema, union) in [
        (
            "WEBHOOK",
            "SourceTypeConfigWEBHOOK",
            "SourceConfigWebhookAuth",
        ),
        ("HTTP", "SourceTypeConfigHTTP", "SourceConfigHTTPAuth"),
    ] {
        let mut seen = 0;
        for (auth_type, auth_schema) in spec.variants(union) {
            let Some(auth_type) = auth_type else { continue }; // the "no auth" variant
            for mode in MODES {
                let auth = spec.object(auth_schema, mode, &[]);
                let config = spec.object(
                    spec.schema(config_schema),
                    mode,
                    &[("auth_type", json!(auth_type)), ("auth", auth.clone())],
                );
                let input = spec.object(
                    spec.schema("Source"),
                    mode,
                    &[("type", json!(source_type)), ("config", config)],
                );
                let source: Source = round_trip(&input);
                let tag = match &source.config {
                    SourceConfig::Webhook(Some(c)) => c.auth.value().map(|a| a.tag().to_string()),
                    SourceConfig::Http(Some(c)) => c.auth.value().map(|a| a.tag().to_string()),
                    other => panic!("{source_type} decoded as {other:?}"),
                };
                assert_eq!(tag.as_deref(), Some(auth_type.as_str()));
                // `Unknown` keeps the tag and re-encodes unchanged too: only the variant
                // shows that the auth decoded as its own type.
                assert_no_unknown(&source, &format!("{source_type} {auth_type}"));
                seen += 1;
            }
        }
        assert!(seen > 0);
    }
    // No auth: the tag null (and the value left out) survives as null.
    let input = json!({"auth_type": null, "allowed_http_methods": ["POST"]});
    let config: hookdeck::types::SourceTypeConfigWebhook = round_trip(&input);
    assert!(config.auth.is_null());
}

#[test]
fn webhook_auth_decodes_when_the_value_comes_before_its_tag() {
    let input = json!({"auth": {"webhook_secret_key": "k"}, "auth_type": "STRIPE"});
    let config: hookdeck::types::SourceTypeConfigWebhook = round_trip(&input);
    assert!(
        matches!(
            config.auth,
            Nullable::Value(SourceConfigWebhookAuth::Stripe(Some(_)))
        ),
        "{config:?}"
    );
}

#[test]
fn every_destination_type_and_every_auth_variant() {
    let root = spec();
    let spec = Instances::new(&root);
    let mut seen = 0;
    for (dest_type, config_schema) in spec.variants("DestinationConfig") {
        let dest_type = dest_type.expect("every DestinationConfig variant names its type");
        let auth_union = config_schema["properties"]["auth"]["$ref"]
            .as_str()
            .expect("destination configs have auth");
        let auth_union = auth_union.rsplit('/').next().unwrap_or_default();
        for (auth_type, auth_schema) in spec.variants(auth_union) {
            for mode in MODES {
                let mut overrides = vec![];
                if let Some(auth_type) = &auth_type {
                    overrides.push(("auth_type", json!(auth_type)));
                    overrides.push(("auth", spec.object(auth_schema, mode, &[])));
                }
                let config = spec.object(config_schema, mode, &overrides);
                let input = spec.object(
                    spec.schema("Destination"),
                    mode,
                    &[("type", json!(dest_type)), ("config", config)],
                );
                let destination: Destination = round_trip(&input);
                assert_eq!(destination.config.tag(), dest_type);
                let what = format!("{dest_type} {}", auth_type.as_deref().unwrap_or("no auth"));
                // The config and its auth each decoded as their own variant.
                assert_no_unknown(&destination, &what);
                if let Some(auth_type) = &auth_type {
                    let shown = format!("{:?}", destination.config);
                    assert!(
                        shown.contains(&format!("auth: Value({}", variant_name(auth_type))),
                        "{what}: the auth is not the `{auth_type}` variant in {shown}"
                    );
                }
                seen += 1;
            }
        }
    }
    assert!(seen > 40, "only {seen} destination and auth pairs");
}

/// No union anywhere in the value fell back to its `Unknown` variant.
fn assert_no_unknown(value: &impl std::fmt::Debug, what: &str) {
    let shown = format!("{value:?}");
    assert!(
        !shown.contains("Unknown"),
        "{what} decoded with an Unknown variant: {shown}"
    );
}

/// The Rust variant name a tag value gets (`BEARER_TOKEN` → `BearerToken`).
fn variant_name(tag: &str) -> String {
    tag.split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn connection(spec: &Instances<'_>, mode: Mode, rules: Value) -> Value {
    let source = spec.object(spec.schema("Source"), mode, &[("type", json!("GITHUB"))]);
    let destination = spec.object(
        spec.schema("Destination"),
        mode,
        &[
            ("type", json!("HTTP")),
            ("config", json!({"url": "https://example.com"})),
        ],
    );
    spec.object(
        spec.schema("Connection"),
        mode,
        &[
            ("source", source),
            ("destination", destination),
            ("rules", rules),
        ],
    )
}

#[test]
fn every_rule_kind_with_nulls_where_allowed() {
    let root = spec();
    let spec = Instances::new(&root);
    let rule_schemas = spec.schema("Rule")["anyOf"]
        .as_array()
        .expect("Rule is an anyOf")
        .clone();
    for mode in MODES {
        let rules: Vec<Value> = rule_schemas
            .iter()
            .map(|r| spec.object(r, mode, &[]))
            .collect();
        let connection: Connection = round_trip(&connection(&spec, mode, json!(rules)));
        let rules = connection.rules.expect("rules present");
        assert!(matches!(rules[0], Rule::Retry(_)));
        assert!(matches!(rules[1], Rule::Filter(_)));
        assert!(matches!(rules[2], Rule::Transform(_)));
        assert!(matches!(rules[3], Rule::Delay(_)));
        assert!(matches!(rules[4], Rule::Deduplicate(_)));
    }
    // Every shape a filter takes, and null.
    for body in [
        json!("text"),
        json!(3.5),
        json!(false),
        json!({"amount": {"$gte": 100}}),
        Value::Null,
    ] {
        let rule = json!({"type": "filter", "body": body, "headers": {"x-kind": "a"}});
        let decoded: Rule = round_trip(&rule);
        assert!(matches!(decoded, Rule::Filter(_)), "{decoded:?}");
    }
    // A connection with no rules at all.
    let _: Connection = round_trip(&connection(&spec, Mode::Nulls, Value::Null));
}

#[test]
fn pagination_in_both_sort_shapes() {
    let root = spec();
    let spec = Instances::new(&root);
    let model = connection(&spec, Mode::Full, json!([]));
    for (order_by, dir, many) in [
        (json!("created_at"), json!("asc"), false),
        (
            json!(["full_name", "created_at"]),
            json!(["asc", "DESC"]),
            true,
        ),
    ] {
        let page = json!({
            "pagination": {"order_by": order_by, "dir": dir, "limit": 100, "next": "cur_2", "prev": "cur_0"},
            "count": 1,
            "models": [model.clone()]
        });
        let decoded: ConnectionPaginatedResult = round_trip(&page);
        let SeekPagination { order_by, dir, .. } = decoded.pagination.expect("pagination");
        // Each shape decodes as itself: one value as `One`, a list as `Many`.
        match (many, order_by, dir) {
            (false, Some(OneOrMany::One(order)), Some(OneOrMany::One(_))) => {
                assert_eq!(order, "created_at")
            }
            (true, Some(OneOrMany::Many(orders)), Some(OneOrMany::Many(dirs))) => {
                assert_eq!(orders, ["full_name", "created_at"]);
                assert_eq!(dirs.len(), 2);
            }
            (many, order_by, dir) => panic!("many: {many}, got {order_by:?} and {dir:?}"),
        }
    }
}

#[test]
fn unknown_enum_values_and_tags_are_kept() {
    // A source type this SDK does not know, with a config.
    let source = json!({
        "id": "src_1", "name": "new", "team_id": "tm_1", "url": "https://hkdk.events/x",
        "type": "BRAND_NEW_PROVIDER", "config": {"auth": {"token": "t"}, "extra": [1, 2]},
        "authenticated": false, "disabled_at": null,
        "updated_at": "2024-01-01T00:00:00Z", "created_at": "2024-01-01T00:00:00Z"
    });
    let decoded: Source = round_trip(&source);
    assert!(
        matches!(&decoded.config, SourceConfig::Unknown { tag, value: Some(_) } if tag == "BRAND_NEW_PROVIDER")
    );

    // A rule kind this SDK does not know keeps the whole object.
    let rule = json!({"type": "throttle", "per_second": 5});
    assert!(matches!(round_trip::<Rule>(&rule), Rule::Unknown(_)));

    // An enum value this SDK does not know.
    let retry = json!({"type": "retry", "strategy": "fibonacci", "count": 3, "interval": null});
    match round_trip::<Rule>(&retry) {
        Rule::Retry(r) => assert_eq!(r.strategy, RetryStrategy::Unknown("fibonacci".into())),
        other => panic!("{other:?}"),
    }

    // An auth type this SDK does not know, on a destination.
    let destination = json!({
        "id": "des_1", "name": "d", "team_id": "tm_1", "type": "HTTP", "disabled_at": null,
        "config": {"url": "https://e.com", "auth_type": "QUANTUM_SIGNATURE", "auth": {"q": 1}},
        "updated_at": "2024-01-01T00:00:00Z", "created_at": "2024-01-01T00:00:00Z"
    });
    let decoded: Destination = round_trip(&destination);
    let DestinationConfig::Http(Some(config)) = &decoded.config else {
        panic!("an HTTP destination: {decoded:?}")
    };
    assert!(
        matches!(config.auth.value(), Some(DestinationConfigHttpAuth::Unknown { tag, value: Some(v) })
            if tag == "QUANTUM_SIGNATURE" && *v == json!({"q": 1})),
        "{config:?}"
    );

    // A destination type this SDK does not know, with its config kept.
    let mut pigeon = destination.clone();
    pigeon["type"] = json!("CARRIER_PIGEON");
    pigeon["config"] = json!({"loft": "north", "birds": 3});
    let decoded: Destination = round_trip(&pigeon);
    assert!(
        matches!(&decoded.config, DestinationConfig::Unknown { tag, value: Some(v) }
            if tag == "CARRIER_PIGEON" && v["birds"] == 3),
        "{decoded:?}"
    );

    // A webhook source's auth type this SDK does not know.
    let webhook = json!({"auth_type": "QUANTUM_SIGNATURE", "auth": {"q": 2}});
    let config: hookdeck::types::SourceTypeConfigWebhook = round_trip(&webhook);
    assert!(
        matches!(config.auth.value(), Some(SourceConfigWebhookAuth::Unknown { tag, value: Some(v) })
            if tag == "QUANTUM_SIGNATURE" && v["q"] == 2),
        "{config:?}"
    );
}

#[test]
fn properties_the_server_adds_do_not_break_decoding() {
    let input = json!({"type": "delay", "delay": 1000, "added_later": {"x": 1}});
    let rule: Rule = serde_json::from_value(input).expect("decodes despite the new property");
    assert!(matches!(rule, Rule::Delay(ref d) if d.delay == 1000));
}

#[test]
fn date_times_keep_their_instant_across_offsets() {
    let input = json!({"type": "GITHUB", "id": "s", "name": "n", "team_id": "t", "url": "u", "authenticated": true,
        "disabled_at": "2024-06-01T12:00:00+02:00", "updated_at": "2024-06-01T10:00:00.123456Z",
        "created_at": "2024-06-01T10:00:00Z"});
    let source: Source = round_trip(&input);
    assert_eq!(
        source.disabled_at.expect("set").to_rfc3339(),
        "2024-06-01T10:00:00+00:00"
    );
}

#[test]
fn tags_that_come_after_their_values_still_pick_the_variant() {
    // A rule whose `type` comes last decodes in a second pass, tag first.
    let rule = json!({"delay": 1000, "type": "delay"});
    assert!(matches!(round_trip::<Rule>(&rule), Rule::Delay(ref d) if d.delay == 1000));
    let rule = json!({"window": 1000, "include_fields": ["a"], "type": "deduplicate"});
    assert!(matches!(round_trip::<Rule>(&rule), Rule::Deduplicate(_)));

    // An unknown kind with its tag last is kept in the order received.
    let rule = json!({"per_second": 5, "type": "throttle"});
    match round_trip::<Rule>(&rule) {
        Rule::Unknown(value) => {
            assert_eq!(value.to_string(), r#"{"per_second":5,"type":"throttle"}"#)
        }
        other => panic!("{other:?}"),
    }

    // A source whose config comes before its type.
    let source = json!({
        "id": "src_1", "name": "s", "team_id": "tm_1", "url": "https://hkdk.events/x",
        "config": {"auth": {"webhook_secret_key": "whsec"}}, "type": "STRIPE",
        "authenticated": true, "disabled_at": null,
        "updated_at": "2024-01-01T00:00:00Z", "created_at": "2024-01-01T00:00:00Z"
    });
    let decoded: Source = round_trip(&source);
    assert!(
        matches!(decoded.config, SourceConfig::Stripe(_)),
        "{decoded:?}"
    );
}
