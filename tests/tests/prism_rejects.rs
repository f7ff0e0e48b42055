//! The harness can fail: Prism, serving the normalised spec, rejects bad requests and
//! accepts good ones. Requests are sent raw (reqwest), not through the generated client, so
//! that these tests judge the mock server and the normalisation, nothing else.
//!
//! Run with `cargo xtask test`, which provides `PRISM_URL`.

use integration_tests::prism::{send_raw, Answer};
use reqwest::Method;
use serde_json::{json, Value};

async fn send(method: Method, path_and_query: &str, body: Option<Value>) -> Answer {
    send_raw(method.clone(), path_and_query, body.as_ref())
        .await
        .unwrap_or_else(|e| panic!("{method} {path_and_query}: Prism did not answer: {e}"))
}

/// A connection with an inline Stripe source, an HTTP destination and one rule of each kind.
fn valid_connection() -> Value {
    json!({
        "name": "contract-test",
        "description": "created by prism_rejects",
        "source": {
            "name": "stripe-in",
            "type": "STRIPE",
            "config": {"auth": {"webhook_secret_key": "whsec"}}
        },
        "destination": {
            "name": "http-out",
            "type": "HTTP",
            "config": {"url": "https://example.com"}
        },
        "rules": [
            {"type": "retry", "strategy": "exponential", "count": 3, "interval": 60000,
             "response_status_codes": ["500-599", "!501"]},
            {"type": "filter", "body": {"amount": {"$gte": 100}}, "headers": {"x-kind": "order"}},
            {"type": "transform", "transformation": {"name": "strip-pii", "code": "addHandler('transform', (r) => r)"}},
            {"type": "delay", "delay": 1000},
            {"type": "deduplicate", "window": 5000, "include_fields": ["body.id"]}
        ]
    })
}

#[tokio::test]
async fn a_valid_create_body_is_accepted() {
    send(Method::POST, "/connections", Some(valid_connection()))
        .await
        .assert_accepted("a connection with a Stripe source, an HTTP destination and five rules");
}

#[tokio::test]
async fn a_valid_upsert_body_is_accepted() {
    send(Method::PUT, "/connections", Some(valid_connection()))
        .await
        .assert_accepted("the same connection sent to upsert");
}

#[tokio::test]
async fn a_source_config_of_the_wrong_shape_is_rejected() {
    let mut body = valid_connection();
    body["source"]["config"] = json!({"auth": {"webhook_secret_key": 42}, "unknown": true});
    send(Method::POST, "/connections", Some(body))
        .await
        .assert_rejected("a Stripe config with a numeric secret and an unknown property");
}

#[tokio::test]
async fn a_config_meant_for_another_source_type_is_rejected() {
    // Valid for some source types (a token), not for STRIPE: only the discriminated
    // normalisation (`type` selects the config variant) catches this.
    let mut body = valid_connection();
    body["source"]["config"] = json!({"auth": {"token": "abc"}});
    send(Method::POST, "/connections", Some(body))
        .await
        .assert_rejected("a STRIPE source with another type's config");
}

#[tokio::test]
async fn an_unknown_property_or_a_wrong_type_is_rejected() {
    let mut unknown = valid_connection();
    unknown["colour"] = json!("blue");
    send(Method::POST, "/connections", Some(unknown))
        .await
        .assert_rejected("an unknown top-level property");

    let mut wrong_type = valid_connection();
    wrong_type["destination"]["config"]["url"] = json!(123);
    send(Method::POST, "/connections", Some(wrong_type))
        .await
        .assert_rejected("a numeric destination URL");

    let mut bad_rule = valid_connection();
    bad_rule["rules"] = json!([{"type": "delay"}]);
    send(Method::POST, "/connections", Some(bad_rule))
        .await
        .assert_rejected("a delay rule without its delay");
}

#[tokio::test]
async fn an_out_of_range_limit_is_rejected() {
    let answer = send(Method::GET, "/connections?limit=999", None).await;
    answer.assert_rejected("limit=999 (the spec allows 0..=255)");
    assert!(
        answer.violations.as_deref().unwrap_or("").contains("limit"),
        "the violation should name `limit`: {}",
        answer.describe()
    );
}

#[tokio::test]
async fn an_in_range_limit_and_a_bracket_operator_are_accepted() {
    send(Method::GET, "/connections?limit=255", None)
        .await
        .assert_accepted("limit=255");
    send(
        Method::GET,
        "/connections?paused_at[gte]=2024-01-01T00:00:00Z",
        None,
    )
    .await
    .assert_accepted("a bracket-form operator query (paused_at[gte]=...)");
}

#[tokio::test]
async fn a_malformed_bracket_operator_is_rejected() {
    // The Prism copy reads operator objects in bracket form (`deepObject`), so their values
    // are checked. (An operator the object lacks, `paused_at[between]`, still passes:
    // Prism 5.14 does not apply `additionalProperties: false` to query objects.)
    for (query, what) in [
        (
            "paused_at[gte]=yesterday",
            "a date operator that is not a date-time",
        ),
        (
            "disabled_at[any]=maybe",
            "a boolean operator that is not a boolean",
        ),
    ] {
        let answer = send(Method::GET, &format!("/connections?{query}"), None).await;
        answer.assert_rejected(what);
        let name = query.split('[').next().unwrap_or(query);
        assert!(
            answer.violations.as_deref().unwrap_or("").contains(name),
            "the violation should name `{name}`: {}",
            answer.describe()
        );
    }
}
