//! Contract tests: the generated client against Prism, a mock server nobody here wrote,
//! serving the spec normalised by `xtask::normalize::for_prism` so that it really checks
//! request bodies (`tests/prism_rejects.rs` proves that in the same run).
//!
//! - Every one of the 13 operations, called with realistic inputs (inline sources with typed
//!   configs, destinations with auth, rules of every kind, filters, pagination), passes
//!   Prism's request validation and its 2xx answer decodes into the typed value.
//! - At least 200 dynamic responses, each with its own `Prefer: seed=N`, across list, get,
//!   create, upsert, update and count, decode without error. A failure prints the seed, the
//!   operation, the error and the raw body, so that it can be replayed.
//! - The declared error statuses, asked for with `Prefer: code=N`, arrive as
//!   `Error::Api` with an `ApiErrorResponse` body.
//!
//! Run with `cargo xtask test` (or `cargo xtask test -p integration-tests --test contract`),
//! which starts Prism with dynamic responses and sets `PRISM_URL`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::future::Future;
use std::time::{Duration, Instant};

use futures::future::{BoxFuture, FutureExt};
use futures::stream::{self, StreamExt};

use hookdeck::serde_json::{self, json, Map, Value};
use hookdeck::types::{
    ApiErrorResponse, Connection, ConnectionPaginatedResult, CreateConnectionBody, DeduplicateRule,
    DelayRule, DestinationConfig, DestinationConfigAuthApiKeyTo, DestinationConfigHttpAuth,
    DestinationConfigHttpAuthApiKey, DestinationConfigHttpAuthBasicAuth,
    DestinationConfigHttpAuthBearerToken, DestinationInput, DestinationTypeConfigHttp,
    DestinationTypeConfigHttpMethod, DestinationTypeConfigRateLimitPeriod, FilterRule,
    FilterRuleProperty, ListConnectionsDir, ListConnectionsOrderBy, Operators, RetryRule,
    RetryStrategy, Rule, SourceAllowedHttpMethodItem, SourceConfig, SourceConfigAuthHmacAlgorithm,
    SourceConfigAuthHmacEncoding, SourceConfigStripeAuth, SourceConfigWebhookAuth,
    SourceConfigWebhookAuthApiKey, SourceConfigWebhookAuthHmac, SourceCustomResponse,
    SourceCustomResponseContentType, SourceInput, SourceTypeConfig, SourceTypeConfigStripe,
    SourceTypeConfigWebhook, TransformRule, TransformRuleTransformation, UpdateConnectionBody,
    UpsertConnectionBody, VerificationConfig,
};
use hookdeck::{Client, Error, Nullable, Response};
use integration_tests::prism::{self, prism_url, send_raw, API_KEY};
use integration_tests::utc;
use reqwest::Method;

/// Prism compiles an operation's schemas on its first request (2–5 s, more on a busy machine).
const TIMEOUT: Duration = Duration::from_secs(120);
/// Requests in flight at once: enough to keep Prism busy, few enough for a 2-core machine.
const CONCURRENCY: usize = 8;
/// A connection id for the operations on one connection (Prism accepts any id).
const CONNECTION_ID: &str = "web_8bG2kQz4Lx";

/// The generated client pointed at Prism. No retries: a failure must show as it happened.
///
/// No idle connections are kept either. Prism (Node) closes a keep-alive connection after
/// 5 s of idleness, and while it spends a second or two generating a large dynamic response
/// its event loop is blocked, so a pooled connection the client picks up just then is reset
/// under the request it has written (`Connection reset by peer`, `Error::Transport`). A fresh
/// connection per request keeps that race, which says nothing about the contract, out.
fn client() -> Client {
    let http = hookdeck::reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .connect_timeout(Duration::from_secs(10))
        .build()
        .expect("a reqwest client");
    Client::builder(API_KEY)
        .base_url(prism_url())
        .http_client(http)
        .timeout(TIMEOUT)
        .max_retries(0)
        .build()
        .expect("a valid client configuration")
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not a JSON object: {other}"),
    }
}

// ---------------------------------------------------------------------------------------
// Realistic inputs
// ---------------------------------------------------------------------------------------

/// A Stripe source: its typed config with the signing secret, allowed methods and a custom
/// response.
fn stripe_source() -> SourceInput {
    SourceInput::new("stripe-prod")
        .with_config(SourceTypeConfig::Stripe(Some(
            SourceTypeConfigStripe::default()
                .with_auth(SourceConfigStripeAuth::new("whsec_5f2b8c1d9e"))
                .with_allowed_http_methods(vec![SourceAllowedHttpMethodItem::Post])
                .with_custom_response(SourceCustomResponse::new(
                    SourceCustomResponseContentType::Json,
                    r#"{"received":true}"#,
                )),
        )))
        .with_description("Stripe account events")
}

/// A generic WEBHOOK source verified with an HMAC signature (the `auth_type`/`auth` union).
fn hmac_webhook_source() -> SourceInput {
    SourceInput::new("partner-webhooks").with_config(SourceTypeConfig::Webhook(Some(
        SourceTypeConfigWebhook::default()
            .with_allowed_http_methods(vec![
                SourceAllowedHttpMethodItem::Post,
                SourceAllowedHttpMethodItem::Put,
            ])
            .with_custom_response(SourceCustomResponse::new(
                SourceCustomResponseContentType::Text,
                "ok",
            ))
            .with_auth(SourceConfigWebhookAuth::Hmac(Some(
                SourceConfigWebhookAuthHmac::new(
                    SourceConfigAuthHmacAlgorithm::Sha256,
                    SourceConfigAuthHmacEncoding::Hex,
                    "x-partner-signature",
                    "partner-signing-secret",
                ),
            ))),
    )))
}

/// A WEBHOOK source that checks an API key header.
fn api_key_webhook_source() -> SourceInput {
    SourceInput::new("internal-jobs")
        .with_config(SourceTypeConfig::Webhook(Some(
            SourceTypeConfigWebhook::default().with_auth(SourceConfigWebhookAuth::ApiKey(Some(
                SourceConfigWebhookAuthApiKey::new("x-api-key", "key_2c9f"),
            ))),
        )))
        .with_description("Jobs from the internal scheduler")
}

/// An HTTP destination with a bearer token, a rate limit and a method.
fn bearer_http_destination() -> DestinationInput {
    DestinationInput::new("orders-api")
        .with_config(VerificationConfig::Http(
            DestinationTypeConfigHttp::new("https://orders.example.com/webhooks/stripe")
                .with_rate_limit(10.0)
                .with_rate_limit_period(DestinationTypeConfigRateLimitPeriod::Second)
                .with_http_method(DestinationTypeConfigHttpMethod::Post)
                .with_auth(DestinationConfigHttpAuth::BearerToken(Some(
                    DestinationConfigHttpAuthBearerToken::default().with_token("tok_orders_123"),
                ))),
        ))
        .with_description("Orders service")
}

/// An HTTP destination with basic auth.
fn basic_auth_http_destination() -> DestinationInput {
    DestinationInput::new("partner-sink").with_config(VerificationConfig::Http(
        DestinationTypeConfigHttp::new("https://sink.example.com/in")
            .with_http_method(DestinationTypeConfigHttpMethod::Put)
            .with_path_forwarding_disabled(true)
            .with_auth(DestinationConfigHttpAuth::BasicAuth(Some(
                DestinationConfigHttpAuthBasicAuth::default()
                    .with_username("hookdeck")
                    .with_password("s3cret"),
            ))),
    ))
}

/// An HTTP destination that sends an API key in the query, with no rate limit (`null`).
fn api_key_http_destination() -> DestinationInput {
    let mut config = DestinationTypeConfigHttp::new("https://jobs.example.com/run").with_auth(
        DestinationConfigHttpAuth::ApiKey(Some(
            DestinationConfigHttpAuthApiKey::default()
                .with_key("token")
                .with_api_key("runner-key")
                .with_to(DestinationConfigAuthApiKeyTo::Query),
        )),
    );
    config.rate_limit = Nullable::Null;
    config.rate_limit_period = Nullable::Null;
    DestinationInput::new("jobs-runner")
        .with_config(VerificationConfig::Http(config))
        .with_description("Job runner")
}

/// One rule of every kind, with their optional fields filled.
fn every_rule() -> Vec<Rule> {
    let mut env = BTreeMap::new();
    env.insert(
        "ORDERS_API".to_owned(),
        "https://orders.example.com".to_owned(),
    );
    let mut filter = FilterRule::default()
        .with_body(FilterRuleProperty::Object(object(json!({
            "type": "invoice.paid",
            "data": {"object": {"amount_paid": {"$gte": 1000}}}
        }))))
        .with_headers(FilterRuleProperty::Object(object(
            json!({"stripe-signature": {"$exist": true}}),
        )))
        .with_path(FilterRuleProperty::String("/webhooks/stripe".into()));
    filter.query = Nullable::Null;
    vec![
        Rule::Retry(
            RetryRule::new(RetryStrategy::Exponential)
                .with_count(5)
                .with_interval(60_000)
                .with_response_status_codes(vec!["500-599".into(), ">=429".into(), "!501".into()]),
        ),
        Rule::Filter(filter),
        Rule::Transform(
            TransformRule::default().with_transformation(
                TransformRuleTransformation::new(
                    "add-order-id",
                    "addHandler('transform', (request, context) => request);",
                )
                .with_env(env),
            ),
        ),
        Rule::Delay(DelayRule::new(30_000)),
        Rule::Deduplicate(
            DeduplicateRule::new(60_000)
                .with_include_fields(vec!["body.id".into(), "body.items[*].sku".into()]),
        ),
    ]
}

/// A few rules of the other shapes: a linear retry without optional fields, a transform
/// by id, a deduplicate rule with excluded fields, a boolean header filter.
fn other_rules() -> Vec<Rule> {
    vec![
        RetryRule::new(RetryStrategy::Linear).into(),
        TransformRule::default()
            .with_transformation_id("trs_7Yb2cQ")
            .into(),
        DeduplicateRule::new(1_000)
            .with_exclude_fields(vec!["headers".into()])
            .into(),
        FilterRule::default()
            .with_headers(FilterRuleProperty::Boolean(true))
            .into(),
    ]
}

/// Inline Stripe source, bearer-token HTTP destination, every kind of rule.
fn stripe_create_body() -> CreateConnectionBody {
    CreateConnectionBody::default()
        .with_name("stripe-to-orders")
        .with_description("Stripe invoices to the orders API")
        .with_source(stripe_source())
        .with_destination(bearer_http_destination())
        .with_rules(every_rule())
}

/// Inline HMAC webhook source, basic-auth HTTP destination, the other rule shapes.
fn webhook_create_body() -> CreateConnectionBody {
    let mut body = CreateConnectionBody::default()
        .with_name("partner-to-sink")
        .with_source(hmac_webhook_source())
        .with_destination(basic_auth_http_destination())
        .with_rules(other_rules());
    body.description = Nullable::Null;
    body
}

/// An existing source and destination, referenced by id.
fn by_reference_create_body() -> CreateConnectionBody {
    CreateConnectionBody::default()
        .with_name("reuse-existing")
        .with_source_id("src_4kL9pW2")
        .with_destination_id("des_9Hq3xT1")
        .with_rules(vec![DelayRule::new(1_000).into()])
}

/// Upsert by name with an inline API-key source and destination.
fn api_key_upsert_body() -> UpsertConnectionBody {
    UpsertConnectionBody::default()
        .with_name("jobs")
        .with_description("Scheduler to runner")
        .with_source(api_key_webhook_source())
        .with_destination(api_key_http_destination())
        .with_rules(every_rule())
}

/// Upsert by name, changing only the rules of a connection between existing resources.
fn by_reference_upsert_body() -> UpsertConnectionBody {
    UpsertConnectionBody::default()
        .with_name("reuse-existing")
        .with_source_id("src_4kL9pW2")
        .with_destination_id("des_9Hq3xT1")
        .with_rules(other_rules())
}

/// The same Stripe connection sent to upsert.
fn stripe_upsert_body() -> UpsertConnectionBody {
    let body = stripe_create_body();
    let mut upsert = UpsertConnectionBody::default();
    upsert.name = body.name;
    upsert.description = body.description;
    upsert.source = body.source;
    upsert.destination = body.destination;
    upsert.rules = body.rules;
    upsert
}

/// A rename with every kind of rule.
fn update_body() -> UpdateConnectionBody {
    UpdateConnectionBody::default()
        .with_name("stripe-to-orders-v2")
        .with_description("Stripe invoices, deduplicated")
        .with_rules(every_rule())
}

/// Clears the description and removes every rule.
fn clearing_update_body() -> UpdateConnectionBody {
    let mut body = UpdateConnectionBody::default().with_rules(Vec::new());
    body.description = Nullable::Null;
    body
}

// ---------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------

/// An error with everything needed to tell why: the variant, `Display`, the cause, the
/// status and the whole raw body.
fn describe(error: &Error) -> String {
    let variant = match error {
        Error::Api(_) => "Api",
        Error::UnexpectedStatus { .. } => "UnexpectedStatus",
        Error::Decode { .. } => "Decode",
        Error::Timeout { .. } => "Timeout",
        Error::Transport { .. } => "Transport",
        Error::InvalidRequest { .. } => "InvalidRequest",
        _ => "(another variant)",
    };
    let mut text = format!("Error::{variant}: {error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(text, "; caused by: {cause}");
        source = cause.source();
    }
    match error.status() {
        Some(status) => {
            let _ = write!(text, "; status {status}");
        }
        None => text.push_str("; no response"),
    }
    if let Some(body) = error.body_text() {
        let _ = write!(text, "; raw body: {body}");
    }
    text
}

/// The same request sent raw, to show Prism's `sl-violations` header in a failure message
/// with the body that was sent (its log, `target/prism/prism.log`, has them too).
struct Replay {
    method: Method,
    path: String,
    body: Option<Value>,
}

impl Replay {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Replay {
            method,
            path: path.into(),
            body: None,
        }
    }

    fn with_body(method: Method, path: impl Into<String>, body: &impl serde::Serialize) -> Self {
        Replay {
            body: Some(serde_json::to_value(body).expect("the body serialises")),
            ..Replay::new(method, path)
        }
    }

    async fn prism_says(&self) -> String {
        let sent = self
            .body
            .as_ref()
            .map_or_else(|| "(none)".to_owned(), Value::to_string);
        match send_raw(self.method.clone(), &self.path, self.body.as_ref()).await {
            Ok(answer) => format!(
                "sent raw again: {} {} -> {}; body sent: {sent}",
                self.method,
                self.path,
                answer.describe()
            ),
            Err(e) => format!("sending it raw again failed: {e}; body sent: {sent}"),
        }
    }
}

/// One request of the first test: what it is, and the check, which yields a line for the
/// log or a failure message.
type Check<'a> = BoxFuture<'a, Result<String, String>>;

/// Sends `request` and expects a 2xx decoded into `T` that Prism found nothing wrong
/// with; `summary` says what came back. Prism answers some invalid requests with a 2xx and
/// says so only in its `sl-violations` header, so every answer's headers are read.
fn expect_accepted<'a, T, F>(
    what: impl Into<String>,
    request: F,
    replay: Option<Replay>,
    summary: impl FnOnce(&T) -> String + Send + 'a,
) -> Check<'a>
where
    F: Future<Output = Result<Response<T>, Error>> + Send + 'a,
    T: Send + 'a,
{
    let what = what.into();
    async move {
        let started = Instant::now();
        match request.await {
            Ok(response) => without_violations(&what, response).map(|value| {
                format!(
                    "ok   {what} ({} ms): {}",
                    started.elapsed().as_millis(),
                    summary(&value)
                )
            }),
            Err(error) => {
                let mut message = format!("FAIL {what}: {}", describe(&error));
                if let Some(replay) = replay {
                    let _ = write!(message, "\n     {}", replay.prism_says().await);
                }
                Err(message)
            }
        }
    }
    .boxed()
}

/// The value of a 2xx that Prism reported no violation for.
fn without_violations<T>(what: &str, response: Response<T>) -> Result<T, String> {
    match response.headers.get(prism::VIOLATIONS_HEADER) {
        Some(violations) => Err(format!(
            "FAIL {what}: Prism answered {} but reports violations: {}",
            response.status,
            violations.to_str().unwrap_or("(not text)")
        )),
        None => Ok(response.value),
    }
}

fn connection_summary(connection: &Connection) -> String {
    format!(
        "connection {:?}, source {}, destination {}, {} rule(s)",
        connection.id,
        connection.source.config.tag(),
        connection.destination.config.tag(),
        connection.rules.as_ref().map_or(0, Vec::len)
    )
}

fn page_summary(page: &ConnectionPaginatedResult) -> String {
    format!(
        "{} connection(s), next cursor {:?}",
        page.models.as_ref().map_or(0, Vec::len),
        page.pagination.as_ref().and_then(|p| p.next.as_deref())
    )
}

/// Runs the checks `CONCURRENCY` at a time, prints each outcome and a count, and fails
/// with every failure message when there is any. `passed` and `failed` finish the
/// sentences "N of M ..." in the summary.
async fn run_checks(checks: Vec<Check<'_>>, passed: &str, failed: &str) {
    let started = Instant::now();
    let outcomes: Vec<Result<String, String>> = stream::iter(checks)
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let total = outcomes.len();
    let mut failures = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(line) => println!("{line}"),
            Err(message) => {
                println!("{message}");
                failures.push(message);
            }
        }
    }
    println!(
        "{} of {total} {passed} in {} ms",
        total - failures.len(),
        started.elapsed().as_millis()
    );
    assert!(
        failures.is_empty(),
        "{} of {total} {failed}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// 1. Every operation, realistic inputs, accepted by Prism
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn every_operation_with_realistic_inputs_passes_prism_validation() {
    let client = client();
    let c = &client;
    let id = CONNECTION_ID;
    let connection_path = format!("/connections/{id}");
    let mut checks: Vec<Check<'_>> = Vec::new();

    // Create: inline typed sources and destinations, or references; rules of every kind.
    for (what, body) in [
        (
            "create: Stripe source, bearer HTTP destination, every rule",
            stripe_create_body(),
        ),
        (
            "create: HMAC webhook source, basic-auth destination, other rules",
            webhook_create_body(),
        ),
        (
            "create: source and destination by id",
            by_reference_create_body(),
        ),
    ] {
        let replay = Replay::with_body(Method::POST, "/connections", &body);
        checks.push(expect_accepted(
            what,
            c.create_connection(body).send_with_response(),
            Some(replay),
            connection_summary,
        ));
    }

    // Upsert by name.
    for (what, body) in [
        (
            "upsert: Stripe source, bearer HTTP destination, every rule",
            stripe_upsert_body(),
        ),
        (
            "upsert: API-key webhook source, API-key destination",
            api_key_upsert_body(),
        ),
        (
            "upsert: rules only, source and destination by id",
            by_reference_upsert_body(),
        ),
    ] {
        let replay = Replay::with_body(Method::PUT, "/connections", &body);
        checks.push(expect_accepted(
            what,
            c.upsert_connection(body).send_with_response(),
            Some(replay),
            connection_summary,
        ));
    }

    // List: every filter, sorting, limits, and the cursors.
    checks.push(expect_accepted(
        "list: no filter",
        c.list_connections().send_with_response(),
        None,
        page_summary,
    ));
    checks.push(expect_accepted(
        "list: one id, limit 10",
        c.list_connections().id(id).limit(10).send_with_response(),
        None,
        page_summary,
    ));
    checks.push(expect_accepted(
        "list: several ids, destination and source ids, disabled",
        c.list_connections()
            .id(vec![id, "web_2Qd9mNc7Ty", "web_5Rr1aZp0Ue"])
            .destination_id(vec!["des_9Hq3xT1", "des_1Vw8kLs2"])
            .source_id("src_4kL9pW2")
            .disabled(true)
            .send_with_response(),
        None,
        page_summary,
    ));
    checks.push(expect_accepted(
        "list: paused_at between two instants (operators), disabled_at any",
        c.list_connections()
            .paused_at(
                Operators::default()
                    .with_gte(utc("2024-01-01T00:00:00Z"))
                    .with_lte(utc("2024-01-31T23:59:59.500Z")),
            )
            .disabled_at(Operators::default().with_any(true))
            .send_with_response(),
        None,
        page_summary,
    ));
    checks.push(expect_accepted(
        "list: paused_at at an instant, name, full_name",
        c.list_connections()
            .paused_at(utc("2024-03-05T08:30:00Z"))
            .name("stripe-to-orders")
            .full_name("stripe-prod -> stripe-to-orders")
            .send_with_response(),
        None,
        page_summary,
    ));
    checks.push(expect_accepted(
        "list: order_by created_at desc, limit 255",
        c.list_connections()
            .order_by(ListConnectionsOrderBy::CreatedAt)
            .dir(ListConnectionsDir::Desc)
            .limit(255)
            .send_with_response(),
        None,
        page_summary,
    ));
    checks.push(expect_accepted(
        "list: two sort keys and two directions, limit 0",
        c.list_connections()
            .order_by((
                ListConnectionsOrderBy::SourcesUpdatedAt,
                ListConnectionsOrderBy::FullName,
            ))
            .dir((ListConnectionsDir::Asc, ListConnectionsDir::Desc))
            .limit(0)
            .send_with_response(),
        None,
        page_summary,
    ));
    checks.push(
        async move {
            // Pagination: the next page with the cursor the first page returned (Prism's
            // cursors are random strings; a fixed one stands in when it sends none).
            let started = Instant::now();
            let first = c
                .list_connections()
                .limit(2)
                .order_by(ListConnectionsOrderBy::UpdatedAt)
                .dir(ListConnectionsDir::Asc)
                .send_with_response()
                .await
                .map_err(|e| format!("FAIL list: first page for the cursor: {}", describe(&e)))
                .and_then(|r| without_violations("list: first page", r))?;
            let cursor = first
                .pagination
                .as_ref()
                .and_then(|p| p.next.clone())
                .filter(|cursor| !cursor.is_empty() && cursor.len() <= 255)
                .unwrap_or_else(|| id.to_owned());
            let second = c
                .list_connections()
                .limit(2)
                .order_by(ListConnectionsOrderBy::UpdatedAt)
                .dir(ListConnectionsDir::Asc)
                .next(cursor.clone())
                .send_with_response()
                .await
                .map_err(|e| format!("FAIL list: next={cursor:?}: {}", describe(&e)))
                .and_then(|r| without_violations("list: next page", r))?;
            let previous = c
                .list_connections()
                .limit(2)
                .prev(cursor.clone())
                .send_with_response()
                .await
                .map_err(|e| format!("FAIL list: prev={cursor:?}: {}", describe(&e)))
                .and_then(|r| without_violations("list: previous page", r))?;
            Ok(format!(
                "ok   list: first page, next={cursor:?}, prev={cursor:?} ({} ms): {}; {}; {}",
                started.elapsed().as_millis(),
                page_summary(&first),
                page_summary(&second),
                page_summary(&previous)
            ))
        }
        .boxed(),
    );

    // Count, with its filters.
    checks.push(expect_accepted(
        "count: no filter",
        c.count_connections().send_with_response(),
        None,
        |count: &f64| format!("count {count}"),
    ));
    checks.push(expect_accepted(
        "count: destination ids, source id, disabled, paused_at and disabled_at operators",
        c.count_connections()
            .destination_id(vec!["des_9Hq3xT1", "des_1Vw8kLs2"])
            .source_id("src_4kL9pW2")
            .disabled(false)
            .paused_at(Operators::default().with_gt(utc("2024-06-01T12:00:00+02:00")))
            .disabled_at(utc("2024-02-29T00:00:00Z"))
            .send_with_response(),
        None,
        |count: &f64| format!("count {count}"),
    ));

    // One connection: get, update, delete and the six state changes.
    checks.push(expect_accepted(
        "get",
        c.get_connection(id).send_with_response(),
        None,
        connection_summary,
    ));
    for (what, body) in [
        ("update: rename with every kind of rule", update_body()),
        (
            "update: clear the description and the rules",
            clearing_update_body(),
        ),
    ] {
        let replay = Replay::with_body(Method::PUT, connection_path.clone(), &body);
        checks.push(expect_accepted(
            what,
            c.update_connection(id, body).send_with_response(),
            Some(replay),
            connection_summary,
        ));
    }
    checks.push(expect_accepted(
        "delete",
        c.delete_connection(id).send_with_response(),
        Some(Replay::new(Method::DELETE, connection_path.clone())),
        |deleted: &String| format!("deleted {deleted:?}"),
    ));
    type StateChange<'c> = BoxFuture<'c, Result<Response<Connection>, Error>>;
    let state_changes: [(&str, StateChange<'_>); 6] = [
        (
            "disable",
            c.disable_connection(id).send_with_response().boxed(),
        ),
        (
            "archive",
            c.archive_connection(id).send_with_response().boxed(),
        ),
        (
            "enable",
            c.enable_connection(id).send_with_response().boxed(),
        ),
        (
            "unarchive",
            c.unarchive_connection(id).send_with_response().boxed(),
        ),
        ("pause", c.pause_connection(id).send_with_response().boxed()),
        (
            "unpause",
            c.unpause_connection(id).send_with_response().boxed(),
        ),
    ];
    for (action, request) in state_changes {
        checks.push(expect_accepted(
            action,
            request,
            Some(Replay::new(
                Method::PUT,
                format!("{connection_path}/{action}"),
            )),
            connection_summary,
        ));
    }

    run_checks(checks, "requests accepted", "requests were not accepted").await;
}

// ---------------------------------------------------------------------------------------
// 2. Dynamic responses decode
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    List,
    Get,
    Create,
    Upsert,
    Update,
    Count,
}

const DECODED_OPS: [Op; 6] = [
    Op::List,
    Op::Get,
    Op::Create,
    Op::Upsert,
    Op::Update,
    Op::Count,
];

/// What the decoded responses held, to show the unions were really exercised.
#[derive(Default)]
struct Tally {
    connections: usize,
    sources: BTreeMap<String, usize>,
    destinations: BTreeMap<String, usize>,
    rules: BTreeMap<&'static str, usize>,
    /// Sources and destinations whose config decoded as `Unknown`.
    unknown_configs: usize,
}

impl Tally {
    fn add(&mut self, connection: &Connection) {
        self.connections += 1;
        self.unknown_configs += usize::from(matches!(
            connection.source.config,
            SourceConfig::Unknown { .. }
        ));
        self.unknown_configs += usize::from(matches!(
            connection.destination.config,
            DestinationConfig::Unknown { .. }
        ));
        *self
            .sources
            .entry(connection.source.config.tag().to_owned())
            .or_default() += 1;
        *self
            .destinations
            .entry(connection.destination.config.tag().to_owned())
            .or_default() += 1;
        for rule in connection.rules.iter().flatten() {
            let kind = match rule {
                Rule::Retry(_) => "retry",
                Rule::Filter(_) => "filter",
                Rule::Transform(_) => "transform",
                Rule::Delay(_) => "delay",
                Rule::Deduplicate(_) => "deduplicate",
                Rule::Unknown(_) => "unknown",
                _ => "(another variant)",
            };
            *self.rules.entry(kind).or_default() += 1;
        }
    }
}

/// A decoded response: the connections it held (none for a count).
enum Decoded {
    Connections(Vec<Connection>),
    Count,
}

/// Sends `op` with `Prefer: seed=<seed>`, varying the inputs with the seed; a failure, or
/// a 2xx Prism reports violations for, is described.
async fn seeded(client: &Client, op: Op, seed: u64) -> Result<Decoded, String> {
    let prefer = format!("seed={seed}");
    let prefer = prefer.as_str();
    let id = format!("web_seed{seed}");
    let one = |connection: Connection| Decoded::Connections(vec![connection]);
    match op {
        Op::List => {
            let request = client.list_connections().limit((seed % 50) as u8 + 1);
            let request = if seed.is_multiple_of(2) {
                request.order_by(ListConnectionsOrderBy::CreatedAt)
            } else {
                request.id(vec![id.clone(), format!("web_other{seed}")])
            };
            request
                .header("Prefer", prefer)
                .send_with_response()
                .await
                .map_err(|e| describe(&e))
                .and_then(|r| without_violations("seeded request", r))
                .map(|page| Decoded::Connections(page.models.unwrap_or_default()))
        }
        Op::Get => client
            .get_connection(id)
            .header("Prefer", prefer)
            .send_with_response()
            .await
            .map_err(|e| describe(&e))
            .and_then(|r| without_violations("seeded request", r))
            .map(one),
        Op::Create => {
            let body = match seed % 3 {
                0 => stripe_create_body(),
                1 => webhook_create_body(),
                _ => by_reference_create_body(),
            };
            client
                .create_connection(body)
                .header("Prefer", prefer)
                .send_with_response()
                .await
                .map_err(|e| describe(&e))
                .and_then(|r| without_violations("seeded request", r))
                .map(one)
        }
        Op::Upsert => {
            let body = match seed % 3 {
                0 => stripe_upsert_body(),
                1 => api_key_upsert_body(),
                _ => by_reference_upsert_body(),
            };
            client
                .upsert_connection(body)
                .header("Prefer", prefer)
                .send_with_response()
                .await
                .map_err(|e| describe(&e))
                .and_then(|r| without_violations("seeded request", r))
                .map(one)
        }
        Op::Update => {
            let body = if seed.is_multiple_of(2) {
                update_body()
            } else {
                clearing_update_body()
            };
            client
                .update_connection(id, body)
                .header("Prefer", prefer)
                .send_with_response()
                .await
                .map_err(|e| describe(&e))
                .and_then(|r| without_violations("seeded request", r))
                .map(one)
        }
        Op::Count => client
            .count_connections()
            .header("Prefer", prefer)
            .send_with_response()
            .await
            .map_err(|e| describe(&e))
            .and_then(|r| without_violations("seeded request", r))
            .map(|_count| Decoded::Count),
    }
}

/// Requests per operation: 6 × 40 = 240 responses, each with its own seed.
const SEEDED_PER_OP: u64 = 40;
const MIN_DECODED: usize = 200;

#[tokio::test]
async fn dynamic_responses_with_a_seed_per_request_decode() {
    let client = client();
    let jobs: Vec<(Op, u64)> = (0..SEEDED_PER_OP)
        .flat_map(|round| {
            DECODED_OPS
                .iter()
                .enumerate()
                .map(move |(i, op)| (*op, 1 + round * DECODED_OPS.len() as u64 + i as u64))
        })
        .collect();
    let started = Instant::now();
    let results: Vec<(Op, u64, Result<Decoded, String>)> = stream::iter(jobs)
        .map(|(op, seed)| {
            let client = &client;
            async move { (op, seed, seeded(client, op, seed).await) }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed();

    let mut decoded = 0;
    let mut per_op: BTreeMap<Op, usize> = BTreeMap::new();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for (op, seed, result) in results {
        match result {
            Ok(value) => {
                decoded += 1;
                *per_op.entry(op).or_default() += 1;
                if let Decoded::Connections(connections) = value {
                    connections.iter().for_each(|c| tally.add(c));
                }
            }
            Err(error) => failures.push((seed, op, error)),
        }
    }
    failures.sort();
    for (seed, op, error) in &failures {
        println!("FAIL {op:?} with Prefer: seed={seed}: {error}");
    }
    println!(
        "{decoded} responses decoded, {} failed, in {} ms; per operation: {per_op:?}",
        failures.len(),
        elapsed.as_millis()
    );
    println!(
        "they held {} connections; source types {:?}; destination types {:?}; rules {:?}",
        tally.connections, tally.sources, tally.destinations, tally.rules
    );
    assert!(
        failures.is_empty(),
        "{} seeded responses did not decode (replay one with `Prefer: seed=N`):\n{}",
        failures.len(),
        failures
            .iter()
            .map(|(seed, op, error)| format!("{op:?} seed={seed}: {error}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        decoded >= MIN_DECODED,
        "only {decoded} responses decoded; at least {MIN_DECODED} expected"
    );
    assert!(
        tally.connections > 0,
        "no response held a connection, so the decoding of connections was not exercised"
    );
    // Prism writes only the spec's values: every config and rule decodes as a variant of
    // its own, none falls back to `Unknown`, and the unions are exercised in breadth.
    assert_eq!(tally.unknown_configs, 0, "configs decoded as Unknown");
    assert_eq!(tally.rules.get("unknown"), None, "rules decoded as Unknown");
    assert_eq!(tally.rules.get("(another variant)"), None);
    assert!(
        tally.sources.len() >= 5,
        "source types seen: {:?}",
        tally.sources
    );
    assert!(
        tally.destinations.len() >= 3,
        "destination types seen: {:?}",
        tally.destinations
    );
    assert!(tally.rules.len() >= 5, "rule kinds seen: {:?}", tally.rules);
}

#[tokio::test]
async fn a_seed_makes_the_response_reproducible() {
    // The failures above are only worth reporting with their seed if a seed pins Prism's
    // answer: the same seed twice gives the same connection, another seed another one.
    let client = client();
    let get = |seed: u64| {
        client
            .get_connection(CONNECTION_ID)
            .header("Prefer", &format!("seed={seed}"))
            .send()
    };
    let first = get(4242)
        .await
        .unwrap_or_else(|e| panic!("seed 4242: {}", describe(&e)));
    let again = get(4242)
        .await
        .unwrap_or_else(|e| panic!("seed 4242: {}", describe(&e)));
    let other = get(4243)
        .await
        .unwrap_or_else(|e| panic!("seed 4243: {}", describe(&e)));
    assert_eq!(first, again, "the same seed gave two different connections");
    assert_ne!(first, other, "two seeds gave the same connection");
}

// ---------------------------------------------------------------------------------------
// 3. Declared errors arrive typed
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn declared_errors_arrive_as_typed_api_errors() {
    let client = client();
    let c = &client;
    let id = CONNECTION_ID;
    let prefer = |code: u16| format!("code={code}");
    // Every operation's declared error statuses.
    let mut checks: Vec<Check<'_>> = Vec::new();
    for code in [400, 422] {
        let p = prefer(code);
        checks.extend([
            expect_api_error(
                "list",
                code,
                c.list_connections().limit(5).header("Prefer", &p).send(),
            ),
            expect_api_error(
                "create",
                code,
                c.create_connection(stripe_create_body())
                    .header("Prefer", &p)
                    .send(),
            ),
            expect_api_error(
                "upsert",
                code,
                c.upsert_connection(api_key_upsert_body())
                    .header("Prefer", &p)
                    .send(),
            ),
            expect_api_error(
                "count",
                code,
                c.count_connections().header("Prefer", &p).send(),
            ),
        ]);
    }
    for code in [400, 404, 422] {
        checks.push(expect_api_error(
            "update",
            code,
            c.update_connection(id, update_body())
                .header("Prefer", &prefer(code))
                .send(),
        ));
    }
    for code in [404, 410] {
        checks.push(expect_api_error(
            "get",
            code,
            c.get_connection(id).header("Prefer", &prefer(code)).send(),
        ));
    }
    let p404 = prefer(404);
    checks.extend([
        expect_api_error(
            "delete",
            404,
            c.delete_connection(id).header("Prefer", &p404).send(),
        ),
        expect_api_error(
            "disable",
            404,
            c.disable_connection(id).header("Prefer", &p404).send(),
        ),
        expect_api_error(
            "archive",
            404,
            c.archive_connection(id).header("Prefer", &p404).send(),
        ),
        expect_api_error(
            "enable",
            404,
            c.enable_connection(id).header("Prefer", &p404).send(),
        ),
        expect_api_error(
            "unarchive",
            404,
            c.unarchive_connection(id).header("Prefer", &p404).send(),
        ),
        expect_api_error(
            "pause",
            404,
            c.pause_connection(id).header("Prefer", &p404).send(),
        ),
        expect_api_error(
            "unpause",
            404,
            c.unpause_connection(id).header("Prefer", &p404).send(),
        ),
    ]);
    run_checks(
        checks,
        "declared errors arrived typed",
        "declared errors did not arrive as Error::Api",
    )
    .await;
}

/// Sends `request`, which asks Prism for a declared error status, and expects that error
/// back as `Error::Api` (see [`check_api_error`]); the value of a success is dropped.
fn expect_api_error<'a, T: Send + 'a>(
    what: &'static str,
    code: u16,
    request: impl Future<Output = Result<T, Error>> + Send + 'a,
) -> Check<'a> {
    async move {
        match request.await {
            Ok(_) => Err(format!(
                "FAIL {what} with Prefer: code={code}: succeeded instead of failing"
            )),
            Err(error) => check_api_error(what, code, &error),
        }
    }
    .boxed()
}

/// `error` is `Error::Api` with status `code` and an `ApiErrorResponse` body that is the
/// raw body decoded.
fn check_api_error(what: &str, code: u16, error: &Error) -> Result<String, String> {
    let fail = |why: &str| {
        Err(format!(
            "FAIL {what} with Prefer: code={code}: {why}; {}",
            describe(error)
        ))
    };
    let Error::Api(api) = error else {
        return fail("not Error::Api");
    };
    if api.status.as_u16() != code {
        return fail(&format!("status {} instead of {code}", api.status));
    }
    if error.is_retryable() {
        return fail("a 4xx reported as retryable");
    }
    let body: &ApiErrorResponse = &api.body;
    let raw: Value = match serde_json::from_slice(&api.raw) {
        Ok(raw) => raw,
        Err(e) => return fail(&format!("the raw body is not JSON: {e}")),
    };
    if raw.get("code").and_then(Value::as_str) != Some(body.code.as_str())
        || raw.get("message").and_then(Value::as_str) != Some(body.message.as_str())
    {
        return fail(&format!(
            "the decoded body {body:?} does not match the raw body"
        ));
    }
    Ok(format!(
        "ok   {what} with Prefer: code={code}: Error::Api {} with code {:?}",
        api.status, body.code
    ))
}
