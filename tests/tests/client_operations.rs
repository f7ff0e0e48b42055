//! Every operation of the generated client, sent to an in-process mock server: the exact
//! method, path, query string, JSON body and `Authorization` header on the wire, and the
//! decoding of a realistic response.

use std::collections::BTreeMap;

use hookdeck::chrono::{DateTime, TimeZone, Utc};
use hookdeck::serde_json::{self, json, Value};
use hookdeck::types::{
    CreateConnectionBody, DeduplicateRule, DelayRule, DestinationConfig, DestinationConfigHttpAuth,
    DestinationConfigHttpAuthBearerToken, DestinationInput, DestinationTypeConfigHttp,
    DestinationTypeConfigHttpMethod, DestinationTypeConfigRateLimitPeriod, FilterRule,
    FilterRuleProperty, ListConnectionsDir, ListConnectionsOrderBy, Operators, RetryRule,
    RetryStrategy, Rule, SourceAllowedHttpMethodItem, SourceConfig, SourceConfigStripeAuth,
    SourceCustomResponse, SourceCustomResponseContentType, SourceInput, SourceTypeConfig,
    SourceTypeConfigStripe, TransformRule, TransformRuleTransformation, UpdateConnectionBody,
    UpsertConnectionBody, VerificationConfig,
};
use hookdeck::{Client, Error, Nullable, DEFAULT_USER_AGENT};
use integration_tests::mock_server::{MockServer, Recorded, Reply};
use integration_tests::utc;

const KEY: &str = "sk_test_ops_SECRET_1f3a";
/// `base64("sk_test_ops_SECRET_1f3a:")`: the key as user name, empty password.
const BASIC_WITH_KEY: &str = "Basic c2tfdGVzdF9vcHNfU0VDUkVUXzFmM2E6";

fn client(server: &MockServer) -> Client {
    Client::builder(KEY)
        .base_url(server.url())
        .build()
        .expect("valid client configuration")
}

/// A mock server that answers the next `n` requests with an empty page of connections.
async fn empty_pages(n: usize) -> MockServer {
    let empty = json!({"models": []}).to_string();
    MockServer::start(vec![Reply::json(200, empty); n]).await
}

/// The single request the server received (fails the test if there were more or fewer).
fn only_request(server: &MockServer) -> Recorded {
    let mut requests = server.requests();
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request: {requests:#?}"
    );
    requests.remove(0)
}

/// Asserts the headers every request carries: bearer auth, JSON accept, the user agent.
fn assert_common_headers(request: &Recorded) {
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(request.header("user-agent"), Some(DEFAULT_USER_AGENT));
}

/// Asserts a request without a body.
fn assert_no_body(request: &Recorded) {
    assert!(
        request.body.is_empty(),
        "unexpected body: {:?}",
        request.body
    );
    assert_eq!(request.header("content-type"), None);
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A connection as the API returns it: a Stripe source, an HTTP destination with bearer
/// auth, and one rule of each kind.
fn connection_json(id: &str, paused_at: Option<&str>, disabled_at: Option<&str>) -> Value {
    json!({
        "id": id,
        "name": "stripe-to-orders",
        "full_name": "stripe-prod -> stripe-to-orders",
        "description": "Stripe invoices to the orders API",
        "team_id": "tm_8bfa6sG1Ls4c",
        "destination": {
            "id": "des_Lq5vMhX9xI3c",
            "name": "orders-api",
            "description": null,
            "team_id": "tm_8bfa6sG1Ls4c",
            "type": "HTTP",
            "config": {
                "url": "https://orders.example.com/webhooks/stripe",
                "rate_limit": 10,
                "rate_limit_period": "second",
                "path_forwarding_disabled": false,
                "http_method": "POST",
                "auth_type": "BEARER_TOKEN",
                "auth": {"token": "tok_orders_123"}
            },
            "disabled_at": null,
            "updated_at": "2024-03-01T09:30:00.000Z",
            "created_at": "2024-03-01T09:30:00.000Z"
        },
        "source": {
            "id": "src_0nD1a9qvQzKp",
            "name": "stripe-prod",
            "description": null,
            "team_id": "tm_8bfa6sG1Ls4c",
            "url": "https://hkdk.events/0nd1a9qvqzkp",
            "type": "STRIPE",
            "authenticated": true,
            "config": {
                "auth": {"webhook_secret_key": "whsec_abc123"},
                "allowed_http_methods": ["POST"],
                "custom_response": null
            },
            "disabled_at": null,
            "updated_at": "2024-03-01T09:29:00.000Z",
            "created_at": "2024-03-01T09:29:00.000Z"
        },
        "rules": [
            {"type": "retry", "strategy": "exponential", "count": 5, "interval": 60000,
             "response_status_codes": ["500-599", "!401"]},
            {"type": "filter", "body": {"type": "invoice.paid"}, "headers": null},
            {"type": "transform", "transformation_id": "trs_ZK0e4o3mUuG2"},
            {"type": "delay", "delay": 30000},
            {"type": "deduplicate", "window": 60000, "include_fields": ["body.id"]}
        ],
        "disabled_at": disabled_at,
        "paused_at": paused_at,
        "updated_at": "2024-03-02T12:00:00.000Z",
        "created_at": "2024-03-01T09:31:00.000Z"
    })
}

fn connection_reply(id: &str) -> Reply {
    Reply::json(200, connection_json(id, None, None).to_string())
}

/// Asserts everything [`connection_json`] carries decoded into the typed model.
fn assert_decoded_connection(connection: &hookdeck::types::Connection, id: &str) {
    assert_eq!(connection.id, id);
    assert_eq!(connection.name.as_deref(), Some("stripe-to-orders"));
    assert_eq!(
        connection.full_name.as_deref(),
        Some("stripe-prod -> stripe-to-orders")
    );
    assert_eq!(connection.team_id, "tm_8bfa6sG1Ls4c");
    assert_eq!(connection.created_at, utc("2024-03-01T09:31:00Z"));
    assert_eq!(connection.updated_at, utc("2024-03-02T12:00:00Z"));

    let source = &connection.source;
    assert_eq!(source.id, "src_0nD1a9qvQzKp");
    assert_eq!(source.url, "https://hkdk.events/0nd1a9qvqzkp");
    assert!(source.authenticated);
    assert_eq!(source.description, Nullable::Null);
    match &source.config {
        SourceConfig::Stripe(Some(config)) => {
            assert_eq!(
                config.auth.value().map(|a| a.webhook_secret_key.as_str()),
                Some("whsec_abc123")
            );
            assert_eq!(
                config.allowed_http_methods,
                Some(vec![SourceAllowedHttpMethodItem::Post])
            );
            assert_eq!(config.custom_response, Nullable::Null);
        }
        other => panic!("expected a STRIPE source config, got {other:?}"),
    }

    let destination = &connection.destination;
    assert_eq!(destination.id, "des_Lq5vMhX9xI3c");
    match &destination.config {
        DestinationConfig::Http(Some(config)) => {
            assert_eq!(config.url, "https://orders.example.com/webhooks/stripe");
            assert_eq!(config.rate_limit, Nullable::Value(10.0));
            assert_eq!(
                config.rate_limit_period,
                Nullable::Value(DestinationTypeConfigRateLimitPeriod::Second)
            );
            assert_eq!(config.path_forwarding_disabled, Some(false));
            assert_eq!(
                config.auth,
                Nullable::Value(DestinationConfigHttpAuth::BearerToken(Some(
                    DestinationConfigHttpAuthBearerToken::default().with_token("tok_orders_123")
                )))
            );
        }
        other => panic!("expected an HTTP destination config, got {other:?}"),
    }

    let rules = connection.rules.as_deref().expect("rules");
    assert_eq!(rules.len(), 5);
    match &rules[0] {
        Rule::Retry(rule) => {
            assert_eq!(rule.strategy, RetryStrategy::Exponential);
            assert_eq!(rule.count, Nullable::Value(5));
            assert_eq!(rule.interval, Nullable::Value(60000));
            assert_eq!(
                rule.response_status_codes,
                Nullable::Value(vec!["500-599".to_owned(), "!401".to_owned()])
            );
        }
        other => panic!("expected a retry rule, got {other:?}"),
    }
    match &rules[1] {
        Rule::Filter(rule) => {
            let mut body = serde_json::Map::new();
            body.insert("type".into(), json!("invoice.paid"));
            assert_eq!(rule.body, Nullable::Value(FilterRuleProperty::Object(body)));
            assert_eq!(rule.headers, Nullable::Null);
            assert_eq!(rule.query, Nullable::Absent);
        }
        other => panic!("expected a filter rule, got {other:?}"),
    }
    match &rules[2] {
        Rule::Transform(rule) => {
            assert_eq!(
                rule.transformation_id,
                Nullable::Value("trs_ZK0e4o3mUuG2".to_owned())
            );
        }
        other => panic!("expected a transform rule, got {other:?}"),
    }
    assert_eq!(rules[3], Rule::Delay(DelayRule::new(30000)));
    assert_eq!(
        rules[4],
        Rule::Deduplicate(
            DeduplicateRule::new(60000).with_include_fields(vec!["body.id".to_owned()])
        )
    );
}

// ---------------------------------------------------------------------------------------
// GET /connections
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn list_connections_without_filters_sends_a_bare_get_and_decodes_the_page() {
    let page = json!({
        "pagination": {"order_by": "created_at", "dir": "desc", "limit": 100,
                       "next": "eyJpZCI6IndlYl8yIn0"},
        "count": 2,
        "models": [connection_json("web_1", None, None),
                   connection_json("web_2", Some("2024-05-01T10:00:00.000Z"), None)]
    });
    let server = MockServer::start(vec![Reply::json(200, page.to_string())]).await;

    let result = client(&server)
        .list_connections()
        .send()
        .await
        .expect("list succeeds");

    let request = only_request(&server);
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/connections");
    assert_eq!(request.query, None);
    assert_common_headers(&request);
    assert_no_body(&request);

    assert_eq!(result.count, Some(2));
    let pagination = result.pagination.expect("pagination");
    assert_eq!(pagination.next.as_deref(), Some("eyJpZCI6IndlYl8yIn0"));
    assert_eq!(pagination.limit, Some(100));
    let models = result.models.expect("models");
    assert_eq!(models.len(), 2);
    assert_decoded_connection(&models[0], "web_1");
    assert_decoded_connection(&models[1], "web_2");
    assert_eq!(models[1].paused_at, Some(utc("2024-05-01T10:00:00Z")));
    assert_eq!(models[0].paused_at, None);
}

#[tokio::test]
async fn list_connections_sends_one_id_or_repeats_the_key_for_many() {
    let server = empty_pages(3).await;
    let client = client(&server);

    client
        .list_connections()
        .id("web_a")
        .send()
        .await
        .expect("one id");
    client
        .list_connections()
        .id(vec!["web_a", "web_b"])
        .send()
        .await
        .expect("two ids");
    client
        .list_connections()
        .source_id(vec!["src_1".to_owned(), "src_2".to_owned()])
        .destination_id("des_1")
        .send()
        .await
        .expect("source and destination ids");

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].query.as_deref(), Some("id=web_a"));
    assert_eq!(requests[1].query.as_deref(), Some("id=web_a&id=web_b"));
    assert_eq!(
        requests[1].query_pairs(),
        pairs(&[("id", "web_a"), ("id", "web_b")])
    );
    // Parameters go out in the spec's order: destination_id before source_id.
    assert_eq!(
        requests[2].query.as_deref(),
        Some("destination_id=des_1&source_id=src_1&source_id=src_2")
    );
}

#[tokio::test]
async fn list_connections_sends_operators_in_the_bracket_form_the_api_reads() {
    let server = empty_pages(2).await;
    let client = client(&server);

    client
        .list_connections()
        .paused_at(
            Operators::default()
                .with_gte(utc("2024-01-01T00:00:00Z"))
                .with_lte(utc("2024-01-31T23:59:59.500Z")),
        )
        .send()
        .await
        .expect("paused_at operators");
    client
        .list_connections()
        .disabled_at(Operators::default().with_any(true))
        .send()
        .await
        .expect("disabled_at[any]");

    let requests = server.requests();
    assert_eq!(
        requests[0].query_pairs(),
        pairs(&[
            ("paused_at[gte]", "2024-01-01T00:00:00Z"),
            ("paused_at[lte]", "2024-01-31T23:59:59.500Z"),
        ])
    );
    assert_eq!(
        requests[0].query.as_deref(),
        Some(
            "paused_at%5Bgte%5D=2024-01-01T00%3A00%3A00Z\
             &paused_at%5Blte%5D=2024-01-31T23%3A59%3A59.500Z"
        )
    );
    assert_eq!(
        requests[1].query_pairs(),
        pairs(&[("disabled_at[any]", "true")])
    );
    assert_eq!(
        requests[1].query.as_deref(),
        Some("disabled_at%5Bany%5D=true")
    );
}

#[tokio::test]
async fn list_connections_date_with_an_offset_is_sent_as_the_same_instant() {
    let server = empty_pages(1).await;
    // A caller holding a local time with an offset. The query types take
    // `DateTime<Utc>`, so the caller converts; the instant must survive.
    let local = DateTime::parse_from_rfc3339("2024-01-01T00:00:00+02:00").expect("valid date");

    client(&server)
        .list_connections()
        .disabled_at(local.with_timezone(&Utc))
        .send()
        .await
        .expect("disabled_at date");

    let request = only_request(&server);
    assert_eq!(
        request.query_pairs(),
        pairs(&[("disabled_at", "2023-12-31T22:00:00Z")])
    );
    assert_eq!(
        request.query.as_deref(),
        Some("disabled_at=2023-12-31T22%3A00%3A00Z")
    );
}

#[tokio::test]
async fn list_connections_percent_encodes_plus_space_and_reserved_characters() {
    let server = empty_pages(1).await;
    // A text with a `+02:00` offset, a base64 cursor (`+`, `/`, `=`) and the `->` that
    // joins source and connection names.
    client(&server)
        .list_connections()
        .full_name("stripe -> at 2024-01-01T00:00:00+02:00 & more")
        .next("YWJj+ZGVm/Z2hp==")
        .send()
        .await
        .expect("list succeeds");

    let request = only_request(&server);
    assert_eq!(
        request.query_pairs(),
        pairs(&[
            ("full_name", "stripe -> at 2024-01-01T00:00:00+02:00 & more"),
            ("next", "YWJj+ZGVm/Z2hp=="),
        ])
    );
    assert_eq!(
        request.query.as_deref(),
        Some(
            "full_name=stripe+-%3E+at+2024-01-01T00%3A00%3A00%2B02%3A00+%26+more\
             &next=YWJj%2BZGVm%2FZ2hp%3D%3D"
        )
    );
}

#[tokio::test]
async fn list_connections_sends_order_by_and_dir_once_or_twice_and_limit() {
    let server = empty_pages(2).await;
    let client = client(&server);

    client
        .list_connections()
        .order_by(ListConnectionsOrderBy::CreatedAt)
        .dir(ListConnectionsDir::Desc)
        .limit(50)
        .send()
        .await
        .expect("one sort key");
    client
        .list_connections()
        .disabled(true)
        .order_by((
            ListConnectionsOrderBy::FullName,
            ListConnectionsOrderBy::SourcesUpdatedAt,
        ))
        .dir((ListConnectionsDir::Asc, ListConnectionsDir::Desc))
        .limit(255)
        .prev("cur_prev")
        .send()
        .await
        .expect("two sort keys");

    let requests = server.requests();
    assert_eq!(
        requests[0].query.as_deref(),
        Some("order_by=created_at&dir=desc&limit=50")
    );
    assert_eq!(
        requests[1].query.as_deref(),
        Some(
            "disabled=true&order_by=full_name&order_by=sources.updated_at\
             &dir=asc&dir=desc&limit=255&prev=cur_prev"
        )
    );
}

#[tokio::test]
async fn list_connections_with_every_filter_sends_them_in_spec_order() {
    let server = empty_pages(1).await;

    client(&server)
        .list_connections()
        .id(vec!["web_1", "web_2"])
        .name("orders")
        .destination_id("des_1")
        .source_id("src_1")
        .disabled(false)
        .disabled_at(Operators::default().with_any(false))
        .full_name("stripe-prod -> orders")
        .paused_at(
            Operators::default().with_gt(Utc.with_ymd_and_hms(2024, 2, 29, 12, 0, 0).unwrap()),
        )
        .order_by(ListConnectionsOrderBy::UpdatedAt)
        .dir(ListConnectionsDir::Asc)
        .limit(10)
        .next("cur_next")
        .send()
        .await
        .expect("list succeeds");

    let request = only_request(&server);
    assert_eq!(
        request.query_pairs(),
        pairs(&[
            ("id", "web_1"),
            ("id", "web_2"),
            ("name", "orders"),
            ("destination_id", "des_1"),
            ("source_id", "src_1"),
            ("disabled", "false"),
            ("disabled_at[any]", "false"),
            ("full_name", "stripe-prod -> orders"),
            ("paused_at[gt]", "2024-02-29T12:00:00Z"),
            ("order_by", "updated_at"),
            ("dir", "asc"),
            ("limit", "10"),
            ("next", "cur_next"),
        ])
    );
}

// ---------------------------------------------------------------------------------------
// POST /connections, PUT /connections
// ---------------------------------------------------------------------------------------

/// A create body with an inline STRIPE source, an HTTP destination and one rule of each
/// kind, written the way a user would.
fn inline_create_body() -> CreateConnectionBody {
    let mut filter_body = serde_json::Map::new();
    filter_body.insert("type".into(), json!("invoice.paid"));
    filter_body.insert(
        "data".into(),
        json!({"object": {"amount_paid": {"$gte": 1000}}}),
    );
    let mut filter_headers = serde_json::Map::new();
    filter_headers.insert("stripe-signature".into(), json!({"$exist": true}));

    let mut env = BTreeMap::new();
    env.insert(
        "ORDERS_API".to_owned(),
        "https://orders.example.com".to_owned(),
    );

    CreateConnectionBody::default()
        .with_name("stripe-to-orders")
        .with_description("Stripe invoices to the orders API")
        .with_source(
            SourceInput::new("stripe-prod").with_config(SourceTypeConfig::Stripe(Some(
                SourceTypeConfigStripe::default()
                    .with_auth(SourceConfigStripeAuth::new("whsec_abc123"))
                    .with_allowed_http_methods(vec![SourceAllowedHttpMethodItem::Post])
                    .with_custom_response(SourceCustomResponse::new(
                        SourceCustomResponseContentType::Json,
                        r#"{"received":true}"#,
                    )),
            ))),
        )
        .with_destination(
            DestinationInput::new("orders-api")
                .with_config(VerificationConfig::Http(
                    DestinationTypeConfigHttp::new("https://orders.example.com/webhooks/stripe")
                        .with_rate_limit(10.0)
                        .with_rate_limit_period(DestinationTypeConfigRateLimitPeriod::Second)
                        .with_http_method(DestinationTypeConfigHttpMethod::Post)
                        .with_auth(DestinationConfigHttpAuth::BearerToken(Some(
                            DestinationConfigHttpAuthBearerToken::default()
                                .with_token("tok_orders_123"),
                        ))),
                ))
                .with_description("Orders service"),
        )
        .with_rules(vec![
            Rule::Retry(
                RetryRule::new(RetryStrategy::Exponential)
                    .with_count(5)
                    .with_interval(60000)
                    .with_response_status_codes(vec!["500-599".into(), "!401".into()]),
            ),
            Rule::Filter(
                FilterRule::default()
                    .with_body(FilterRuleProperty::Object(filter_body))
                    .with_headers(FilterRuleProperty::Object(filter_headers)),
            ),
            Rule::Transform(
                TransformRule::default().with_transformation(
                    TransformRuleTransformation::new(
                        "add-order-id",
                        "addHandler('transform', (request) => request);",
                    )
                    .with_env(env),
                ),
            ),
            DelayRule::new(30000).into(),
            Rule::Deduplicate(
                DeduplicateRule::new(60000).with_include_fields(vec!["body.id".into()]),
            ),
        ])
}

fn inline_create_json() -> Value {
    json!({
        "name": "stripe-to-orders",
        "description": "Stripe invoices to the orders API",
        "source": {
            "name": "stripe-prod",
            "type": "STRIPE",
            "config": {
                "auth": {"webhook_secret_key": "whsec_abc123"},
                "allowed_http_methods": ["POST"],
                "custom_response": {"content_type": "json", "body": "{\"received\":true}"}
            }
        },
        "destination": {
            "name": "orders-api",
            "type": "HTTP",
            "config": {
                "url": "https://orders.example.com/webhooks/stripe",
                "rate_limit": 10.0,
                "rate_limit_period": "second",
                "http_method": "POST",
                "auth_type": "BEARER_TOKEN",
                "auth": {"token": "tok_orders_123"}
            },
            "description": "Orders service"
        },
        "rules": [
            {"type": "retry", "strategy": "exponential", "interval": 60000, "count": 5,
             "response_status_codes": ["500-599", "!401"]},
            {"type": "filter",
             "headers": {"stripe-signature": {"$exist": true}},
             "body": {"type": "invoice.paid", "data": {"object": {"amount_paid": {"$gte": 1000}}}}},
            {"type": "transform",
             "transformation": {"name": "add-order-id",
                                "code": "addHandler('transform', (request) => request);",
                                "env": {"ORDERS_API": "https://orders.example.com"}}},
            {"type": "delay", "delay": 30000},
            {"type": "deduplicate", "window": 60000, "include_fields": ["body.id"]}
        ]
    })
}

#[tokio::test]
async fn create_connection_posts_inline_source_destination_and_all_five_rule_kinds() {
    let server = MockServer::start(vec![connection_reply("web_new")]).await;

    let connection = client(&server)
        .create_connection(inline_create_body())
        .send()
        .await
        .expect("create succeeds");

    let request = only_request(&server);
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/connections");
    assert_eq!(request.query, None);
    assert_common_headers(&request);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.json(), inline_create_json());
    // The tag travels beside the config, never inside it.
    let body = request.json();
    assert!(body["source"]["config"].get("type").is_none());
    assert!(body["destination"]["config"].get("type").is_none());

    assert_decoded_connection(&connection, "web_new");
}

#[tokio::test]
async fn create_connection_with_existing_source_and_destination_ids() {
    let server = MockServer::start(vec![connection_reply("web_ids")]).await;

    client(&server)
        .create_connection(
            CreateConnectionBody::default()
                .with_name("reuse")
                .with_source_id("src_0nD1a9qvQzKp")
                .with_destination_id("des_Lq5vMhX9xI3c"),
        )
        .send()
        .await
        .expect("create succeeds");

    let request = only_request(&server);
    assert_eq!(
        request.json(),
        json!({"name": "reuse", "source_id": "src_0nD1a9qvQzKp",
               "destination_id": "des_Lq5vMhX9xI3c"})
    );
}

#[tokio::test]
async fn upsert_connection_puts_the_body_to_the_collection() {
    let server = MockServer::start(vec![connection_reply("web_up")]).await;

    let mut upsert = UpsertConnectionBody::default()
        .with_name("stripe-to-orders")
        .with_source_id("src_0nD1a9qvQzKp")
        .with_destination(DestinationInput::new("orders-api-v2").with_config(
            VerificationConfig::Http(DestinationTypeConfigHttp::new(
                "https://orders.example.com/v2",
            )),
        ))
        .with_rules(vec![Rule::Delay(DelayRule::new(1000))]);
    upsert.description = Nullable::Null;
    let connection = client(&server)
        .upsert_connection(upsert)
        .send()
        .await
        .expect("upsert succeeds");

    let request = only_request(&server);
    assert_eq!(request.method, "PUT");
    assert_eq!(request.path, "/connections");
    assert_eq!(request.query, None);
    assert_common_headers(&request);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.json(),
        json!({
            "name": "stripe-to-orders",
            "description": null,
            "source_id": "src_0nD1a9qvQzKp",
            "destination": {"name": "orders-api-v2", "type": "HTTP",
                            "config": {"url": "https://orders.example.com/v2"}},
            "rules": [{"type": "delay", "delay": 1000}]
        })
    );
    assert_decoded_connection(&connection, "web_up");
}

// ---------------------------------------------------------------------------------------
// GET /connections/count
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn count_connections_returns_the_number_and_sends_its_filters() {
    let server = MockServer::start(vec![Reply::json(200, r#"{"count":42}"#)]).await;

    let count = client(&server)
        .count_connections()
        .source_id("src_1")
        .destination_id(vec!["des_1", "des_2"])
        .disabled(true)
        .paused_at(Operators::default().with_any(true))
        .send()
        .await
        .expect("count succeeds");

    assert_eq!(count, 42.0);
    let request = only_request(&server);
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/connections/count");
    assert_eq!(
        request.query.as_deref(),
        Some("destination_id=des_1&destination_id=des_2&source_id=src_1&disabled=true&paused_at%5Bany%5D=true")
    );
    assert_common_headers(&request);
    assert_no_body(&request);
}

// ---------------------------------------------------------------------------------------
// /connections/{id}
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn get_connection_fetches_one_and_decodes_every_part() {
    let server = MockServer::start(vec![Reply::json(
        200,
        connection_json(
            "web_UfM7bHhgHTgo",
            Some("2024-05-01T10:00:00.000Z"),
            Some("2024-05-02T08:15:30.250+02:00"),
        )
        .to_string(),
    )])
    .await;

    let connection = client(&server)
        .get_connection("web_UfM7bHhgHTgo")
        .send()
        .await
        .expect("get succeeds");

    let request = only_request(&server);
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/connections/web_UfM7bHhgHTgo");
    assert_eq!(request.query, None);
    assert_common_headers(&request);
    assert_no_body(&request);

    assert_decoded_connection(&connection, "web_UfM7bHhgHTgo");
    assert_eq!(connection.paused_at, Some(utc("2024-05-01T10:00:00Z")));
    assert_eq!(
        connection.disabled_at,
        Some(utc("2024-05-02T06:15:30.250Z"))
    );
}

#[tokio::test]
async fn update_connection_clears_with_null_and_leaves_absent_fields_out() {
    let server =
        MockServer::start(vec![connection_reply("web_1"), connection_reply("web_1")]).await;
    let client = client(&server);

    let mut update = UpdateConnectionBody::default()
        .with_description("now described")
        .with_rules(vec![]);
    update.name = Nullable::Null;
    client
        .update_connection("web_1", update)
        .send()
        .await
        .expect("update with a cleared name");
    client
        .update_connection("web_1", UpdateConnectionBody::default())
        .send()
        .await
        .expect("update with nothing set");

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.method, "PUT");
        assert_eq!(request.path, "/connections/web_1");
        assert_eq!(request.query, None);
        assert_common_headers(request);
        assert_eq!(request.header("content-type"), Some("application/json"));
    }
    assert_eq!(
        requests[0].json(),
        json!({"name": null, "description": "now described", "rules": []})
    );
    assert_eq!(requests[1].body, b"{}");
}

#[tokio::test]
async fn delete_connection_returns_the_deleted_id() {
    let server = MockServer::start(vec![Reply::json(200, r#"{"id":"web_gone"}"#)]).await;

    let id = client(&server)
        .delete_connection("web_gone")
        .send()
        .await
        .expect("delete succeeds");

    assert_eq!(id, "web_gone");
    let request = only_request(&server);
    assert_eq!(request.method, "DELETE");
    assert_eq!(request.path, "/connections/web_gone");
    assert_eq!(request.query, None);
    assert_common_headers(&request);
    assert_no_body(&request);
}

/// One test per state change: `PUT /connections/{id}/<suffix>` with no body, answered
/// with the connection in its new state.
macro_rules! state_change_test {
    ($test:ident, $method:ident, $suffix:literal, paused: $paused:expr, disabled: $disabled:expr) => {
        #[tokio::test]
        async fn $test() {
            let paused: Option<&str> = $paused;
            let disabled: Option<&str> = $disabled;
            let body = connection_json("web_1", paused, disabled).to_string();
            let server = MockServer::start(vec![Reply::json(200, body)]).await;

            let connection = client(&server)
                .$method("web_1")
                .send()
                .await
                .expect("state change succeeds");

            let request = only_request(&server);
            assert_eq!(request.method, "PUT");
            assert_eq!(request.path, concat!("/connections/web_1/", $suffix));
            assert_eq!(request.query, None);
            assert_common_headers(&request);
            assert_no_body(&request);
            assert_decoded_connection(&connection, "web_1");
            assert_eq!(connection.paused_at, paused.map(utc));
            assert_eq!(connection.disabled_at, disabled.map(utc));
        }
    };
}

state_change_test!(disable_connection_puts_to_disable, disable_connection, "disable",
    paused: None, disabled: Some("2024-06-01T00:00:00Z"));
state_change_test!(archive_connection_puts_to_archive, archive_connection, "archive",
    paused: None, disabled: Some("2024-06-01T00:00:00Z"));
state_change_test!(enable_connection_puts_to_enable, enable_connection, "enable",
    paused: None, disabled: None);
state_change_test!(unarchive_connection_puts_to_unarchive, unarchive_connection, "unarchive",
    paused: None, disabled: None);
state_change_test!(pause_connection_puts_to_pause, pause_connection, "pause",
    paused: Some("2024-06-01T00:00:00Z"), disabled: None);
state_change_test!(unpause_connection_puts_to_unpause, unpause_connection, "unpause",
    paused: None, disabled: None);

// ---------------------------------------------------------------------------------------
// Path parameters
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn path_injection_ids_stay_one_encoded_segment() {
    let server = MockServer::start(vec![
        connection_reply("x"),
        connection_reply("x"),
        connection_reply("x"),
        Reply::json(200, r#"{"id":"x"}"#),
    ])
    .await;
    let client = client(&server);

    client
        .get_connection("../x")
        .send()
        .await
        .expect("get ../x");
    client
        .pause_connection("a/b?c")
        .send()
        .await
        .expect("pause a/b?c");
    client
        .update_connection("web_1#frag %2F", UpdateConnectionBody::default())
        .send()
        .await
        .expect("update with # and %");
    client
        .delete_connection("../../sources/src_1")
        .send()
        .await
        .expect("delete ../../sources/src_1");

    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/connections/..%2Fx",
            "/connections/a%2Fb%3Fc/pause",
            "/connections/web_1%23frag%20%252F",
            "/connections/..%2F..%2Fsources%2Fsrc_1",
        ]
    );
    assert!(server.requests().iter().all(|r| r.query.is_none()));
}

#[tokio::test]
async fn dot_segments_and_empty_ids_are_refused_before_sending() {
    let server = MockServer::start(vec![]).await;
    let client = client(&server);

    let results = [
        client.get_connection("..").send().await.map(|_| ()),
        client.get_connection(".").send().await.map(|_| ()),
        client.delete_connection("").send().await.map(|_| ()),
        client.unpause_connection("..").send().await.map(|_| ()),
        client
            .update_connection("..", UpdateConnectionBody::default())
            .send()
            .await
            .map(|_| ()),
    ];

    for result in results {
        match result {
            Err(Error::InvalidRequest { message }) => {
                assert!(
                    message.contains("`id`"),
                    "message names the parameter: {message}"
                );
            }
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }
    assert!(server.requests().is_empty(), "nothing may be sent");
}

// ---------------------------------------------------------------------------------------
// Authentication and client configuration
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn basic_auth_sends_the_key_as_user_name() {
    let server = MockServer::start(vec![Reply::json(200, r#"{"count":0}"#)]).await;
    let client = Client::builder(KEY)
        .base_url(server.url())
        .basic_auth()
        .build()
        .expect("valid configuration");

    let count = client.count_connections().send().await.expect("count");

    assert_eq!(count, 0.0);
    let request = only_request(&server);
    assert_eq!(request.header("authorization"), Some(BASIC_WITH_KEY));
    assert_eq!(request.path, "/connections/count");
}

#[tokio::test]
async fn basic_auth_credentials_replace_the_key() {
    let server = MockServer::start(vec![Reply::json(200, r#"{"id":"web_1"}"#)]).await;
    let client = Client::builder(KEY)
        .base_url(server.url())
        .basic_auth_credentials("team_user", "p@ss w0rd")
        .build()
        .expect("valid configuration");

    client
        .delete_connection("web_1")
        .send()
        .await
        .expect("delete");

    let request = only_request(&server);
    // base64("team_user:p@ss w0rd")
    assert_eq!(
        request.header("authorization"),
        Some("Basic dGVhbV91c2VyOnBAc3MgdzByZA==")
    );
    assert!(request.headers.iter().all(|(_, v)| !v.contains(KEY)));
}

#[tokio::test]
async fn a_base_url_with_a_version_path_prefixes_every_operation() {
    use hookdeck::types::{UpdateConnectionBody, UpsertConnectionBody};
    // Every operation of the client, with the method and path it must reach.
    let expected = [
        ("GET", "/connections"),
        ("POST", "/connections"),
        ("PUT", "/connections"),
        ("GET", "/connections/count"),
        ("GET", "/connections/web_1"),
        ("PUT", "/connections/web_1"),
        ("DELETE", "/connections/web_1"),
        ("PUT", "/connections/web_1/archive"),
        ("PUT", "/connections/web_1/unarchive"),
        ("PUT", "/connections/web_1/disable"),
        ("PUT", "/connections/web_1/enable"),
        ("PUT", "/connections/web_1/pause"),
        ("PUT", "/connections/web_1/unpause"),
    ];
    let replies = expected.iter().map(|_| connection_reply("web_1")).collect();
    let server = MockServer::start(replies).await;
    let client = Client::builder(KEY)
        .base_url(format!("{}/2025-07-01/", server.url()))
        .user_agent("orders-service/3.1")
        .retry_policy(hookdeck::RetryPolicy::default().with_max_retries(0))
        .build()
        .expect("valid configuration");

    // Only where each request goes matters here: a reply that is not the operation's
    // type gives a decode error, which is fine.
    let _ = client.list_connections().send().await;
    let _ = client
        .create_connection(CreateConnectionBody::default())
        .send()
        .await;
    let _ = client
        .upsert_connection(UpsertConnectionBody::default())
        .send()
        .await;
    let _ = client.count_connections().send().await;
    let _ = client.get_connection("web_1").send().await;
    let _ = client
        .update_connection("web_1", UpdateConnectionBody::default())
        .send()
        .await;
    let _ = client.delete_connection("web_1").send().await;
    let _ = client.archive_connection("web_1").send().await;
    let _ = client.unarchive_connection("web_1").send().await;
    let _ = client.disable_connection("web_1").send().await;
    let _ = client.enable_connection("web_1").send().await;
    let _ = client.pause_connection("web_1").send().await;
    let _ = client.unpause_connection("web_1").send().await;

    let requests = server.requests();
    let sent: Vec<(String, String)> = requests
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    let wanted: Vec<(String, String)> = expected
        .iter()
        .map(|(method, path)| (method.to_string(), format!("/2025-07-01{path}")))
        .collect();
    assert_eq!(sent, wanted);
    for request in &requests {
        assert_eq!(request.header("user-agent"), Some("orders-service/3.1"));
    }
}

#[test]
fn the_default_base_url_is_the_spec_server() {
    let client = Client::new(KEY);
    assert_eq!(client.base_url(), "https://api.hookdeck.com/2025-07-01");
    assert_eq!(
        hookdeck::DEFAULT_USER_AGENT,
        concat!("hookdeck-rust/", "0.3.0")
    );
}
