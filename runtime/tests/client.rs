//! Tests of the runtime's `client` module, against the shared scripted server.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use sdk_runtime::client::*;
use sdk_runtime::error::*;
use sdk_runtime::operation::{Operation, RequestParts};
use sdk_runtime::path::path_segment;
use sdk_runtime::query::{Query, QueryStyle};
use sdk_runtime::response::Response;
use sdk_runtime::retry::RetryPolicy;
use test_server::{MockServer as TestServer, Recorded, Reply};

/// What a generated crate would pass in.
const DEFAULTS: Defaults = Defaults {
    base_url: "https://api.example.com/v1",
    user_agent: "sdk-runtime-tests/0.0.0",
    auth: DefaultAuth::Bearer,
};

/// The request target as sent: the path and the query.
fn target(request: &Recorded) -> String {
    match &request.query {
        Some(query) => format!("{}?{query}", request.path),
        None => request.path.clone(),
    }
}

const KEY: &str = "sk_test_SECRET_4242";

#[derive(Debug, serde::Deserialize, PartialEq)]
struct ApiBody {
    code: String,
    message: String,
}

type R<T> = Result<T, Error<ApiBody>>;

const GET: Operation = Operation {
    id: "getThing",
    method: Method::GET,
    path_template: "/things/{id}",
    idempotent: true,
    error_statuses: &[400, 404, 410],
};

const CREATE: Operation = Operation {
    id: "createThing",
    method: Method::POST,
    path_template: "/things",
    idempotent: false,
    error_statuses: &[400, 422],
};

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_millis(40))
}

fn client_for(server: &TestServer) -> Client {
    ClientBuilder::with_defaults(KEY, &DEFAULTS)
        .base_url(format!("{}/v1/", server.url()))
        .retry_policy(fast_retries())
        .build()
        .expect("valid configuration")
}

fn get_parts(id: &str) -> RequestParts {
    let id = path_segment::<()>("id", id).expect("valid id");
    RequestParts {
        path: format!("/things/{id}"),
        ..RequestParts::default()
    }
}

fn post_parts() -> RequestParts {
    RequestParts {
        path: "/things".into(),
        query: Query::new(),
        body: Some(br#"{"name":"a"}"#.to_vec()),
    }
}

async fn get(client: &Client) -> R<serde_json::Value> {
    client
        .execute(&GET, get_parts("t_1"), &RequestOptions::default())
        .await
        .map(Response::into_value)
}

async fn post(client: &Client) -> R<serde_json::Value> {
    client
        .execute(&CREATE, post_parts(), &RequestOptions::default())
        .await
        .map(Response::into_value)
}

#[tokio::test]
async fn sends_bearer_auth_user_agent_accept_and_no_content_type_without_body() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"id":"t_1"}"#)]).await;
    let client = client_for(&server);
    let value = get(&client).await.expect("success");
    assert_eq!(value, serde_json::json!({"id": "t_1"}));
    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(target(&seen[0]), "/v1/things/t_1");
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(seen[0].header("user-agent"), Some(DEFAULTS.user_agent));
    assert_eq!(seen[0].header("accept"), Some("application/json"));
    assert_eq!(seen[0].header("content-type"), None);
}

#[tokio::test]
async fn sends_basic_auth_with_the_key_or_explicit_credentials() {
    let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let with_key = ClientBuilder::with_defaults("key123", &DEFAULTS)
        .base_url(server.url())
        .basic_auth()
        .build()
        .expect("valid configuration");
    get(&with_key).await.expect("success");
    let explicit = ClientBuilder::with_defaults("unused", &DEFAULTS)
        .base_url(server.url())
        .basic_auth_credentials("user", "p@ss word")
        .user_agent("my-service/2.0")
        .build()
        .expect("valid configuration");
    get(&explicit).await.expect("success");
    let seen = server.requests();
    // base64("key123:") and base64("user:p@ss word")
    assert_eq!(seen[0].header("authorization"), Some("Basic a2V5MTIzOg=="));
    assert_eq!(
        seen[1].header("authorization"),
        Some("Basic dXNlcjpwQHNzIHdvcmQ=")
    );
    assert_eq!(seen[1].header("user-agent"), Some("my-service/2.0"));
}

#[tokio::test]
async fn sends_body_and_encoded_query() {
    let server = TestServer::start(vec![Reply::json(201, r#"{"id":"t_2"}"#)]).await;
    let client = client_for(&server);
    let mut parts = post_parts();
    parts
        .query
        .push("at", "2024-01-01T00:00:00+02:00", QueryStyle::DEFAULT);
    parts.query.push("id", &vec!["a", "b"], QueryStyle::DEFAULT);
    parts.query.push_pair("paused_at[gte]".into(), "x y".into());
    let value: serde_json::Value = client
        .execute::<_, ApiBody>(&CREATE, parts, &RequestOptions::default())
        .await
        .expect("success")
        .into_value();
    assert_eq!(value["id"], "t_2");
    let seen = server.requests();
    assert_eq!(seen[0].method, "POST");
    assert_eq!(
        target(&seen[0]),
        "/v1/things?at=2024-01-01T00%3A00%3A00%2B02%3A00&id=a&id=b&paused_at%5Bgte%5D=x+y"
    );
    assert_eq!(seen[0].body, br#"{"name":"a"}"#);
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn path_injection_stays_in_one_segment() {
    let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let client = client_for(&server);
    for id in ["../x", "a/b?c#d"] {
        client
            .execute::<serde_json::Value, ApiBody>(&GET, get_parts(id), &RequestOptions::default())
            .await
            .expect("success");
    }
    let seen = server.requests();
    assert_eq!(target(&seen[0]), "/v1/things/..%2Fx");
    assert_eq!(target(&seen[1]), "/v1/things/a%2Fb%3Fc%23d");
}

#[tokio::test]
async fn empty_success_body_decodes_as_unit() {
    let server = TestServer::start(vec![Reply::status(204)]).await;
    let client = client_for(&server);
    let unit: R<()> = client
        .execute(&GET, get_parts("t"), &RequestOptions::default())
        .await
        .map(Response::into_value);
    assert!(unit.is_ok(), "{unit:?}");
}

#[tokio::test]
async fn retries_429_honouring_retry_after() {
    let server = TestServer::start(vec![
        Reply::json(429, r#"{"code":"RATE","message":"slow down"}"#).header("Retry-After", "1"),
        Reply::json(200, r#"{"ok":true}"#),
    ])
    .await;
    let client = client_for(&server);
    let value = get(&client).await.expect("success after retry");
    assert_eq!(value["ok"], true);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    let waited = seen[1].at.duration_since(seen[0].at);
    // The computed backoff is at most 40 ms here; Retry-After asked for 1 s.
    assert!(waited >= Duration::from_millis(900), "waited {waited:?}");
    assert!(waited < Duration::from_secs(10), "waited {waited:?}");
}

#[tokio::test]
async fn ignores_a_retry_after_beyond_the_maximum() {
    let server = TestServer::start(vec![
        Reply::status(503).header("Retry-After", "3600"),
        Reply::json(200, "{}"),
    ])
    .await;
    let client = client_for(&server);
    let started = Instant::now();
    get(&client).await.expect("success after retry");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn retries_503_then_gives_up_after_max_retries() {
    let server = TestServer::start(vec![
        Reply::status(503),
        Reply::status(503),
        Reply::json(200, "{}"),
    ])
    .await;
    let client = client_for(&server);
    get(&client).await.expect("success on the third attempt");
    assert_eq!(server.requests().len(), 3);

    let server = TestServer::start(vec![
        Reply::status(503),
        Reply::status(503),
        Reply::status(503),
        Reply::json(200, "{}"),
    ])
    .await;
    let client = client_for(&server);
    let error = get(&client).await.expect_err("retries exhausted");
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert!(matches!(error, Error::UnexpectedStatus { .. }));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn per_request_max_retries_overrides_and_zero_disables() {
    let server = TestServer::start(vec![Reply::status(503), Reply::json(200, "{}")]).await;
    let client = client_for(&server);
    let mut options = RequestOptions::new();
    options.max_retries(0);
    let error = client
        .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
        .await
        .expect_err("no retry");
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(server.requests().len(), 1);

    let server = TestServer::start(vec![Reply::status(500), Reply::json(200, "{}")]).await;
    let client = ClientBuilder::with_defaults(KEY, &DEFAULTS)
        .base_url(server.url())
        .retry_policy(fast_retries())
        .max_retries(0)
        .build()
        .expect("valid configuration");
    let mut options = RequestOptions::new();
    options.max_retries(1);
    client
        .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
        .await
        .expect("retried once");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn retries_a_dropped_connection() {
    let server = TestServer::start(vec![Reply::close(), Reply::json(200, r#"{"ok":1}"#)]).await;
    let client = client_for(&server);
    let value = get(&client).await.expect("success after retry");
    assert_eq!(value["ok"], 1);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_dropped_connection_without_retries_is_a_transport_error() {
    let server = TestServer::start(vec![Reply::close()]).await;
    let client = client_for(&server);
    let mut options = RequestOptions::new();
    options.max_retries(0);
    let error = client
        .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
        .await
        .expect_err("dropped");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn a_body_cut_short_is_a_transport_error() {
    let server = TestServer::start(vec![
        Reply::json(200, r#"{"id":"t_1","name":"thing"}"#).cut_short(15)
    ])
    .await;
    let client = client_for(&server);
    let mut options = RequestOptions::new();
    options.max_retries(0);
    let error = client
        .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
        .await
        .expect_err("cut short");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
}

#[tokio::test]
async fn does_not_retry_400() {
    let server = TestServer::start(vec![
        Reply::json(400, r#"{"code":"BAD","message":"no"}"#),
        Reply::json(200, "{}"),
    ])
    .await;
    let client = client_for(&server);
    let error = get(&client).await.expect_err("400");
    assert!(!error.is_retryable());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn post_is_not_retried_on_503_or_a_dropped_connection() {
    let server = TestServer::start(vec![Reply::status(503), Reply::json(200, "{}")]).await;
    let client = client_for(&server);
    let error = post(&client).await.expect_err("503");
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(server.requests().len(), 1);

    let server = TestServer::start(vec![Reply::close(), Reply::json(200, "{}")]).await;
    let client = client_for(&server);
    let error = post(&client).await.expect_err("dropped");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn post_is_retried_on_429_and_408() {
    let server = TestServer::start(vec![
        Reply::status(429).header("Retry-After", "0"),
        Reply::status(408),
        Reply::json(201, r#"{"id":"t_3"}"#),
    ])
    .await;
    let client = client_for(&server);
    let value = post(&client).await.expect("created after retries");
    assert_eq!(value["id"], "t_3");
    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|r| r.body == br#"{"name":"a"}"#));
}

#[tokio::test]
async fn post_is_retried_when_it_cannot_connect() {
    // A port that was just free: connecting is refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    let client = ClientBuilder::with_defaults(KEY, &DEFAULTS)
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(
            RetryPolicy::default()
                .with_max_retries(2)
                .with_initial_backoff(Duration::from_millis(200))
                .with_max_backoff(Duration::from_millis(200)),
        )
        .build()
        .expect("valid configuration");
    let started = Instant::now();
    let error = post(&client).await.expect_err("refused");
    // Two retries, each waiting at least half the 200 ms backoff.
    assert!(
        started.elapsed() >= Duration::from_millis(190),
        "{:?}",
        started.elapsed()
    );
    match &error {
        Error::Transport { source } => assert!(source.is_connect()),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server =
        TestServer::start(vec![Reply::json(200, "{}").delay(Duration::from_secs(3))]).await;
    let client = ClientBuilder::with_defaults(KEY, &DEFAULTS)
        .base_url(server.url())
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .expect("valid configuration");
    let started = Instant::now();
    let error = get(&client).await.expect_err("timeout");
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(error.is_timeout() && error.is_retryable());
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn per_request_timeout_overrides_and_timeouts_retry_for_get_only() {
    let server = TestServer::start(vec![
        Reply::json(200, "{}").delay(Duration::from_secs(3)),
        Reply::json(200, r#"{"second":true}"#),
    ])
    .await;
    let client = client_for(&server);
    let mut options = RequestOptions::new();
    options.timeout(Duration::from_millis(300));
    let value: serde_json::Value = client
        .execute::<_, ApiBody>(&GET, get_parts("t"), &options)
        .await
        .expect("second attempt succeeds")
        .into_value();
    assert_eq!(value["second"], true);
    assert_eq!(server.requests().len(), 2);

    let server = TestServer::start(vec![
        Reply::json(200, "{}").delay(Duration::from_secs(3)),
        Reply::json(200, "{}"),
    ])
    .await;
    let client = client_for(&server);
    let error = client
        .execute::<serde_json::Value, ApiBody>(&CREATE, post_parts(), &options)
        .await
        .expect_err("POST timeout is not retried");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn per_request_connect_timeout_uses_a_cached_second_client() {
    let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let client = client_for(&server);
    let mut options = RequestOptions::new();
    options.connect_timeout(Duration::from_secs(3));
    for _ in 0..2 {
        client
            .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
            .await
            .expect("success");
    }
    assert_eq!(client.connect_clients_kept(), 1);
}

#[tokio::test]
async fn caller_supplied_http_client_is_used() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let client = ClientBuilder::with_defaults(KEY, &DEFAULTS)
        .base_url(server.url())
        .http_client(reqwest::Client::new())
        .build()
        .expect("valid configuration");
    let mut options = RequestOptions::new();
    options.connect_timeout(Duration::from_secs(3));
    client
        .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
        .await
        .expect("success");
    assert_eq!(client.connect_clients_kept(), 0);
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
}

#[tokio::test]
async fn declared_error_status_decodes_as_api_error() {
    let body = r#"{"code":"NOT_FOUND","message":"Connection not found","status":404.0}"#;
    let server = TestServer::start(vec![Reply::json(404, body)]).await;
    let client = client_for(&server);
    let error = get(&client).await.expect_err("404");
    match &error {
        Error::Api(api) => {
            assert_eq!(api.status, StatusCode::NOT_FOUND);
            assert_eq!(api.body.code, "NOT_FOUND");
            assert_eq!(api.body.message, "Connection not found");
            assert_eq!(api.raw, body.as_bytes());
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert!(error.to_string().contains("404 Not Found"));
}

#[tokio::test]
async fn html_502_is_an_unexpected_status_with_its_body() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let server = TestServer::start(vec![Reply::status(502)
        .header("Content-Type", "text/html")
        .body(html.as_bytes().to_vec())])
    .await;
    let client = client_for(&server);
    let mut options = RequestOptions::new();
    options.max_retries(0);
    let error = client
        .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
        .await
        .expect_err("502");
    match &error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(*status, StatusCode::BAD_GATEWAY);
            assert_eq!(body, html.as_bytes());
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    assert_eq!(error.body_text().as_deref(), Some(html));
}

#[tokio::test]
async fn undecodable_bodies_keep_status_and_raw_body() {
    let server = TestServer::start(vec![
        Reply::json(200, r#"{"id":"t_1","na"#),
        Reply::status(404)
            .header("Content-Type", "text/html")
            .body(b"<h1>Not Found</h1>".to_vec()),
        Reply::status(200)
            .header("Content-Type", "application/json")
            .body(vec![0xff, 0xfe, 0x00, 0x7b]),
    ])
    .await;
    let client = client_for(&server);
    for (status, raw) in [
        (StatusCode::OK, &br#"{"id":"t_1","na"#[..]),
        (StatusCode::NOT_FOUND, &b"<h1>Not Found</h1>"[..]),
        (StatusCode::OK, &[0xff, 0xfe, 0x00, 0x7b][..]),
    ] {
        let error = get(&client).await.expect_err("undecodable");
        match &error {
            Error::Decode {
                status: got, body, ..
            } => {
                assert_eq!(*got, status);
                assert_eq!(body, raw);
            }
            other => panic!("expected Decode, got {other:?}"),
        }
        let _ = error.to_string();
        let _ = format!("{error:?}");
    }
}

#[tokio::test]
async fn undeclared_client_error_is_unexpected_status() {
    let server = TestServer::start(vec![Reply::json(401, r#"{"message":"bad key"}"#)]).await;
    let client = client_for(&server);
    let error = get(&client).await.expect_err("401");
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    assert!(!format!("{error:?}").contains(KEY));
    assert!(!error.to_string().contains(KEY));
}

#[test]
fn debug_never_shows_the_key() {
    let client = Client::with_defaults(KEY, &DEFAULTS);
    let shown = format!("{client:?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(shown.contains("Bearer(<redacted>)"));
    let builder =
        ClientBuilder::with_defaults(KEY, &DEFAULTS).basic_auth_credentials("u", "hunter2");
    let shown = format!("{builder:?}");
    assert!(
        !shown.contains(KEY) && !shown.contains("hunter2"),
        "{shown}"
    );
    let client = builder.build().expect("valid configuration");
    assert!(!format!("{client:?}").contains("hunter2"));
}

#[test]
fn client_is_send_sync_and_execute_is_send() {
    fn send_sync<T: Send + Sync + Clone>() {}
    send_sync::<Client>();
    fn send<T: Send>(_: &T) {}
    let client = Client::with_defaults(KEY, &DEFAULTS);
    let options = RequestOptions::default();
    let future = client.execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options);
    send(&future);
}

#[test]
fn build_rejects_bad_configuration_without_echoing_secrets() {
    for (builder, expected) in [
        (
            ClientBuilder::with_defaults(KEY, &DEFAULTS).base_url("not a url"),
            "invalid base URL",
        ),
        (
            ClientBuilder::with_defaults(KEY, &DEFAULTS).base_url("ftp://h.test"),
            "http or https",
        ),
        (
            ClientBuilder::with_defaults(KEY, &DEFAULTS).base_url("https://user:hunter2@h.test"),
            "credentials",
        ),
        (
            ClientBuilder::with_defaults(KEY, &DEFAULTS).base_url("https://h.test/v1?x=1"),
            "query",
        ),
        (
            ClientBuilder::with_defaults("bad\nkey", &DEFAULTS),
            "API key",
        ),
        (
            ClientBuilder::with_defaults(KEY, &DEFAULTS).user_agent("bad\r\nagent"),
            "user agent",
        ),
    ] {
        let error = builder.build().expect_err(expected);
        let shown = error.to_string();
        assert!(shown.contains(expected), "{shown}");
        assert!(
            !shown.contains(KEY) && !shown.contains("hunter2"),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn new_with_an_unusable_key_fails_each_request_instead_of_panicking() {
    let client = Client::with_defaults("bad\nkey", &DEFAULTS);
    let error = get(&client).await.expect_err("misconfigured");
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert!(error.to_string().contains("API key"));
    assert!(!error.to_string().contains("bad\nkey"));
}

#[test]
fn base_url_trailing_slash_is_trimmed() {
    let client = ClientBuilder::with_defaults(KEY, &DEFAULTS)
        .base_url("https://h.test/2025-07-01/")
        .build()
        .expect("valid configuration");
    assert_eq!(client.base_url(), "https://h.test/2025-07-01");
    assert_eq!(
        Client::with_defaults(KEY, &DEFAULTS).base_url(),
        DEFAULTS.base_url.trim_end_matches('/')
    );
}

#[test]
fn base64_matches_rfc_4648_vectors() {
    for (input, output) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(input.as_bytes()), output);
    }
}

#[test]
fn build_url_rejects_relative_paths() {
    assert!(build_url("https://h.test", "things", &Query::new()).is_err());
    let url = build_url("https://h.test/v1", "/things", &Query::new()).expect("valid");
    assert_eq!(url.as_str(), "https://h.test/v1/things");
}

/// The default build (no `gzip` feature) asks for no encoding, and a gzip body sent anyway
/// is a clear error that keeps the status and the raw bytes.
#[cfg(not(feature = "gzip"))]
#[tokio::test]
async fn without_the_gzip_feature_no_encoding_is_asked_for_and_gzip_is_refused() {
    // The first bytes of a gzip stream: what matters is the header saying gzip.
    let gzipped = vec![0x1f, 0x8b, 0x08, 0x00];
    let server = TestServer::start(vec![Reply::json(200, "")
        .body(gzipped.clone())
        .header("Content-Encoding", "gzip")])
    .await;
    let error = get(&client_for(&server))
        .await
        .expect_err("gzip is not read");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].header("accept-encoding"), None);
    match &error {
        Error::Decompress {
            status,
            body,
            source,
            ..
        } => {
            assert_eq!(*status, StatusCode::OK);
            assert_eq!(body, &gzipped);
            assert!(source.to_string().contains("`gzip` feature"), "{source}");
        }
        other => panic!("expected Decompress, got {other:?}"),
    }
}
