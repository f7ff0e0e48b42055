//! How the generated client behaves when things go wrong or take several requests:
//! retries (429 with `Retry-After`, 503, dropped connections; none on 400 or for a POST
//! that may have been acted on), timeouts, the mapping of responses to errors, the
//! paginated stream, and that the API key never shows in `Debug` or `Display`.
//!
//! Timings are loose on purpose: these check behaviour, not speed.

use std::pin::pin;
use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};
use hookdeck::chrono::{self, Utc};
use hookdeck::serde_json::{json, Value};
use hookdeck::types::{ApiErrorResponse, Connection, CreateConnectionBody, ListConnectionsOrderBy};
use hookdeck::{Client, Error, RetryPolicy};
use integration_tests::mock_server::{MockServer, Recorded, Reply};

const KEY: &str = "sk_test_behaviour_SECRET_9c2e";

/// Retries with a few milliseconds of backoff, so that the tests stay quick.
fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_millis(40))
}

fn client(server: &MockServer) -> Client {
    Client::builder(KEY)
        .base_url(server.url())
        .retry_policy(fast_retries())
        .build()
        .expect("valid client configuration")
}

fn connection_json(id: &str) -> Value {
    json!({
        "id": id,
        "name": format!("conn-{id}"),
        "full_name": format!("src -> conn-{id}"),
        "description": null,
        "team_id": "tm_8bfa6sG1Ls4c",
        "destination": {
            "id": "des_1", "name": "orders-api", "description": null,
            "team_id": "tm_8bfa6sG1Ls4c", "type": "CLI", "config": {"path": "/webhooks"},
            "disabled_at": null,
            "updated_at": "2024-03-01T09:30:00.000Z", "created_at": "2024-03-01T09:30:00.000Z"
        },
        "source": {
            "id": "src_1", "name": "src", "description": null, "team_id": "tm_8bfa6sG1Ls4c",
            "url": "https://hkdk.events/src1", "type": "WEBHOOK", "authenticated": false,
            "config": {"allowed_http_methods": ["POST", "PUT"]},
            "disabled_at": null,
            "updated_at": "2024-03-01T09:29:00.000Z", "created_at": "2024-03-01T09:29:00.000Z"
        },
        "rules": [],
        "disabled_at": null,
        "paused_at": null,
        "updated_at": "2024-03-02T12:00:00.000Z",
        "created_at": "2024-03-01T09:31:00.000Z"
    })
}

fn connection_reply(id: &str) -> Reply {
    Reply::json(200, connection_json(id).to_string())
}

fn api_error_json(code: &str, status: u16, message: &str) -> String {
    json!({"code": code, "status": status, "message": message, "data": {"id": "web_x"}}).to_string()
}

fn create_body() -> CreateConnectionBody {
    CreateConnectionBody::default()
        .with_name("reuse")
        .with_source_id("src_1")
        .with_destination_id("des_1")
}

fn gap(requests: &[Recorded], i: usize) -> Duration {
    requests[i].at.duration_since(requests[i - 1].at)
}

/// A port nothing listens on (bound, then released).
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

// ---------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn retries_429_after_the_retry_after_seconds() {
    let server = MockServer::start(vec![
        Reply::json(429, r#"{"message":"rate limited"}"#).header("Retry-After", "1"),
        connection_reply("web_1"),
    ])
    .await;

    let connection = client(&server)
        .get_connection("web_1")
        .send()
        .await
        .expect("succeeds after one retry");

    assert_eq!(connection.id, "web_1");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].path, requests[1].path);
    // The backoff alone would be at most 40 ms; Retry-After asked for 1 s.
    let waited = gap(&requests, 1);
    assert!(waited >= Duration::from_millis(900), "waited {waited:?}");
    assert!(waited < Duration::from_secs(5), "waited {waited:?}");
}

#[tokio::test]
async fn retries_429_after_a_retry_after_http_date() {
    // The wall clock of each recorded request, from one reading of both clocks.
    let (start, start_wall) = (Instant::now(), Utc::now());
    let wall = |at: Instant| start_wall + chrono::TimeDelta::from_std(at - start).expect("short");
    // A whole second (an HTTP date has no fraction) at least 1 s ahead.
    let at = chrono::DateTime::from_timestamp(start_wall.timestamp() + 2, 0).expect("a date");
    let date = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let server = MockServer::start(vec![
        Reply::status(429).header("Retry-After", &date),
        Reply::json(200, r#"{"count":7}"#),
    ])
    .await;

    let count = client(&server)
        .count_connections()
        .send()
        .await
        .expect("succeeds after one retry");

    assert_eq!(count, 7.0);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    // The retry goes out no earlier than the date, however late the first reply came
    // (10 ms allowed for reading the two clocks apart), and not long after it.
    let retried = wall(requests[1].at);
    let early = at - retried;
    assert!(
        early < chrono::TimeDelta::milliseconds(10),
        "retried {early} before the date"
    );
    assert!(
        retried - at < chrono::TimeDelta::seconds(3),
        "retried at {retried}, date {at}"
    );
}

#[tokio::test]
async fn retries_503_twice_by_default_then_gives_up_with_the_last_status() {
    let server = MockServer::start(vec![
        Reply::status(503),
        Reply::status(503),
        connection_reply("web_1"),
    ])
    .await;
    client(&server)
        .pause_connection("web_1")
        .send()
        .await
        .expect("third attempt succeeds");
    assert_eq!(server.requests().len(), 3);

    let server = MockServer::start(vec![
        Reply::status(503),
        Reply::status(503),
        Reply::html(503, "<html><body>down for maintenance</body></html>"),
        connection_reply("web_1"),
    ])
    .await;
    let error = client(&server)
        .pause_connection("web_1")
        .send()
        .await
        .expect_err("retries exhausted");
    assert_eq!(server.requests().len(), 3);
    assert_eq!(server.unused_replies(), 1);
    match &error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status.as_u16(), 503);
            assert_eq!(body, b"<html><body>down for maintenance</body></html>");
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    assert!(error.is_retryable());
}

#[tokio::test]
async fn retry_count_is_configurable_per_client_and_per_request() {
    let server = MockServer::start(vec![
        Reply::status(500),
        Reply::status(502),
        Reply::status(503),
        Reply::status(504),
        connection_reply("web_1"),
        Reply::status(503),
        connection_reply("web_1"),
    ])
    .await;
    let client = Client::builder(KEY)
        .base_url(server.url())
        .retry_policy(fast_retries().with_max_retries(4))
        .build()
        .expect("valid configuration");

    client
        .get_connection("web_1")
        .send()
        .await
        .expect("fifth attempt succeeds");
    assert_eq!(server.requests().len(), 5);

    let error = client
        .get_connection("web_1")
        .max_retries(0)
        .send()
        .await
        .expect_err("no retry when disabled for the request");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.requests().len(), 6);

    let no_retries = Client::builder(KEY)
        .base_url(server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("valid configuration");
    no_retries
        .get_connection("web_1")
        .send()
        .await
        .expect("the last scripted reply is a success");
    assert_eq!(server.requests().len(), 7);
}

#[tokio::test]
async fn retries_a_dropped_connection_and_a_body_cut_short() {
    let full = connection_json("web_1").to_string();
    let server = MockServer::start(vec![
        Reply::close(),
        Reply::json(200, full.clone()).cut_short(20),
        Reply::json(200, full),
    ])
    .await;

    let connection = client(&server)
        .get_connection("web_1")
        .send()
        .await
        .expect("third attempt succeeds");

    assert_eq!(connection.id, "web_1");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn an_error_body_cut_short_every_time_ends_as_a_transport_error_after_the_retries() {
    let body = api_error_json("UNAVAILABLE", 503, "try again later");
    let cut = || Reply::json(503, body.clone()).cut_short(12);
    let server = MockServer::start(vec![cut(), cut(), cut()]).await;

    let error = client(&server)
        .get_connection("web_1")
        .send()
        .await
        .expect_err("no whole answer ever arrives");

    // The default policy retries twice: three attempts, and no fourth request.
    assert_eq!(server.requests().len(), 3);
    assert_eq!(server.unused_replies(), 0);
    match &error {
        Error::Transport { source } => {
            assert!(source.is_body() || source.is_decode(), "{source:?}")
        }
        other => panic!("expected Transport for a body cut short, got {other:?}"),
    }
    assert!(error.is_retryable());
    assert_eq!(error.status(), None, "no usable response");
}

#[tokio::test]
async fn does_not_retry_400() {
    let server = MockServer::start(vec![
        Reply::json(
            400,
            api_error_json("BAD_REQUEST", 400, "limit must be <= 255"),
        ),
        connection_reply("web_1"),
    ])
    .await;

    let error = client(&server)
        .list_connections()
        .send()
        .await
        .expect_err("400 is final");

    assert_eq!(server.requests().len(), 1);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert!(!error.is_retryable());
    match error {
        Error::Api(api) => {
            assert_eq!(api.body.code, "BAD_REQUEST");
            assert_eq!(api.body.message, "limit must be <= 255");
        }
        other => panic!("expected Api, got {other:?}"),
    }
}

#[tokio::test]
async fn create_is_not_retried_on_503_or_a_dropped_connection() {
    let server = MockServer::start(vec![Reply::status(503), connection_reply("web_1")]).await;
    let error = client(&server)
        .create_connection(create_body())
        .send()
        .await
        .expect_err("a POST that may have been acted on is not retried");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    // The error says a retry may help; the client leaves that decision to the caller.
    assert!(error.is_retryable());
    assert_eq!(server.requests().len(), 1);

    let server = MockServer::start(vec![Reply::close(), connection_reply("web_1")]).await;
    let error = client(&server)
        .create_connection(create_body())
        .send()
        .await
        .expect_err("dropped");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn create_is_retried_on_429_with_the_same_body() {
    let server = MockServer::start(vec![
        Reply::status(429).header("Retry-After", "0"),
        connection_reply("web_1"),
    ])
    .await;

    client(&server)
        .create_connection(create_body())
        .send()
        .await
        .expect("a 429 was not processed, so it is retried");

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].body, requests[1].body);
    assert_eq!(
        requests[1].json(),
        json!({"name": "reuse", "source_id": "src_1", "destination_id": "des_1"})
    );
}

/// Counts the client's attempts: one `http_request` span each.
struct AttemptCounter(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl tracing::Subscriber for AttemptCounter {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        use std::sync::atomic::Ordering;
        if span.metadata().name() == "http_request" {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        // Ids must not be 0; spans are not tracked beyond the count.
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn retries_when_it_cannot_connect_even_for_create() {
    let attempts = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    // `#[tokio::test]` runs on this thread: the client's spans reach the counter.
    let _counting = tracing::subscriber::set_default(AttemptCounter(attempts.clone()));
    let client = Client::builder(KEY)
        .base_url(closed_port_url())
        .retry_policy(fast_retries())
        .build()
        .expect("valid configuration");

    let started = Instant::now();
    let error = client
        .create_connection(create_body())
        .send()
        .await
        .expect_err("nothing listens");
    let elapsed = started.elapsed();

    // The first attempt and the 2 default retries, with backoffs of at most 40 ms.
    assert_eq!(attempts.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");

    match &error {
        Error::Transport { source } => assert!(source.is_connect(), "{source:?}"),
        other => panic!("expected Transport, got {other:?}"),
    }
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
}

// ---------------------------------------------------------------------------------------
// Timeouts
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_per_request_timeout_gives_a_timeout_error() {
    let server =
        MockServer::start(vec![connection_reply("web_1").delay(Duration::from_secs(3))]).await;

    let started = Instant::now();
    let error = client(&server)
        .get_connection("web_1")
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .send()
        .await
        .expect_err("the server is too slow");

    let elapsed = started.elapsed();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(error.is_timeout());
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
    assert_eq!(error.raw_body(), None);
    assert!(elapsed >= Duration::from_millis(150), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_timed_out_get_is_retried_and_the_client_timeout_applies() {
    let server = MockServer::start(vec![
        connection_reply("web_1").delay(Duration::from_secs(3)),
        connection_reply("web_1"),
    ])
    .await;
    let client = Client::builder(KEY)
        .base_url(server.url())
        .timeout(Duration::from_millis(200))
        .retry_policy(fast_retries())
        .build()
        .expect("valid configuration");

    let started = Instant::now();
    let connection = client
        .get_connection("web_1")
        .send()
        .await
        .expect("the retry is answered at once");

    assert_eq!(connection.id, "web_1");
    assert_eq!(server.requests().len(), 2);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------
// Error mapping
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_declared_404_is_an_api_error_with_the_decoded_body() {
    let raw = api_error_json("NOT_FOUND", 404, "Connection not found");
    let server = MockServer::start(vec![Reply::json(404, raw.clone())]).await;

    let error = client(&server)
        .get_connection("web_missing")
        .send()
        .await
        .expect_err("404");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert!(!error.is_retryable());
    assert_eq!(error.raw_body(), Some(raw.as_bytes()));
    let mut data = hookdeck::serde_json::Map::new();
    data.insert("id".into(), json!("web_x"));
    match &error {
        Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 404);
            assert_eq!(
                api.body,
                ApiErrorResponse::new("NOT_FOUND", 404.0, "Connection not found").with_data(data)
            );
            assert_eq!(api.raw, raw.as_bytes());
            assert_eq!(api.body_text(), raw);
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert_eq!(
        error.api_error().map(|api| api.body.message.as_str()),
        Some("Connection not found")
    );
    assert_eq!(
        error.to_string(),
        format!("the API answered 404 Not Found: {raw}")
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn declared_410_and_422_are_api_errors_too() {
    let server = MockServer::start(vec![
        Reply::json(410, api_error_json("GONE", 410, "Connection was deleted")),
        Reply::json(422, api_error_json("UNPROCESSABLE", 422, "name is invalid")),
    ])
    .await;
    let client = client(&server);

    let gone = client
        .get_connection("web_1")
        .send()
        .await
        .expect_err("410");
    let invalid = client
        .create_connection(create_body())
        .send()
        .await
        .expect_err("422");

    match (&gone, &invalid) {
        (Error::Api(gone), Error::Api(invalid)) => {
            assert_eq!(
                (gone.status.as_u16(), gone.body.code.as_str()),
                (410, "GONE")
            );
            assert_eq!(
                (invalid.status.as_u16(), invalid.body.message.as_str()),
                (422, "name is invalid")
            );
        }
        other => panic!("expected two Api errors, got {other:?}"),
    }
}

#[tokio::test]
async fn an_html_502_page_is_an_unexpected_status_keeping_status_and_body() {
    let page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n\
                <body><h1>502 Bad Gateway</h1></body></html>\n";
    let server = MockServer::start(vec![Reply::html(502, page)]).await;

    let error = client(&server)
        .list_connections()
        .max_retries(0)
        .send()
        .await
        .expect_err("502");

    match &error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status.as_u16(), 502);
            assert_eq!(body.as_slice(), page.as_bytes());
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert!(error.is_retryable());
    assert_eq!(error.body_text().as_deref(), Some(page));
    let display = error.to_string();
    assert!(
        display.starts_with("unexpected HTTP status 502 Bad Gateway: <!DOCTYPE html>"),
        "{display}"
    );
    assert!(
        !display.contains('\n'),
        "Display stays on one line: {display:?}"
    );
}

#[tokio::test]
async fn an_undeclared_json_error_status_is_unexpected_not_api() {
    // `list` declares 400 and 422 only; a 404 body is kept raw.
    let raw = api_error_json("NOT_FOUND", 404, "no such route");
    let server = MockServer::start(vec![Reply::json(404, raw.clone())]).await;

    let error = client(&server)
        .list_connections()
        .send()
        .await
        .expect_err("404");

    match &error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(body, raw.as_bytes());
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_truncated_json_200_is_a_decode_error_keeping_the_raw_body() {
    let truncated = r#"{"id":"web_1","name":"conn-web_1","team_id":"tm_8b"#;
    let server = MockServer::start(vec![Reply::json(200, truncated)]).await;

    let error = client(&server)
        .get_connection("web_1")
        .send()
        .await
        .expect_err("cannot decode");

    match &error {
        Error::Decode {
            status,
            body,
            source,
            ..
        } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(body, truncated.as_bytes());
            assert!(source.is_eof(), "{source:?}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert!(!error.is_retryable());
    assert!(std::error::Error::source(&error).is_some());
    assert_eq!(server.requests().len(), 1, "a decode error is not retried");
}

#[tokio::test]
async fn a_declared_error_status_with_an_undecodable_body_is_a_decode_error() {
    let server = MockServer::start(vec![Reply::html(404, "<h1>Not Found</h1>")]).await;

    let error = client(&server)
        .delete_connection("web_1")
        .send()
        .await
        .expect_err("404 without JSON");

    match &error {
        Error::Decode { status, body, .. } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(body, b"<h1>Not Found</h1>");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_well_formed_body_of_the_wrong_shape_is_a_decode_error() {
    let server = MockServer::start(vec![Reply::json(200, r#"{"count":"many"}"#)]).await;

    let error = client(&server)
        .count_connections()
        .send()
        .await
        .expect_err("count must be a number");

    match &error {
        Error::Decode {
            status,
            body,
            source,
            ..
        } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(body, br#"{"count":"many"}"#);
            assert!(source.is_data(), "{source:?}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------------------

fn page(ids: &[&str], next: Option<&str>) -> Reply {
    let models: Vec<Value> = ids.iter().map(|id| connection_json(id)).collect();
    Reply::json(
        200,
        json!({
            "pagination": {"order_by": "created_at", "dir": "desc", "limit": 2, "next": next},
            "count": models.len(),
            "models": models
        })
        .to_string(),
    )
}

#[tokio::test]
async fn stream_follows_pagination_next_across_three_pages() {
    let server = MockServer::start(vec![
        page(&["web_1", "web_2"], Some("cur_page2")),
        page(&["web_3", "web_4"], Some("cur+page/3=")),
        page(&["web_5"], None),
    ])
    .await;

    let connections: Vec<Connection> = client(&server)
        .list_connections()
        .order_by(ListConnectionsOrderBy::CreatedAt)
        .limit(2)
        .stream()
        .try_collect()
        .await
        .expect("every page succeeds");

    let ids: Vec<&str> = connections.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["web_1", "web_2", "web_3", "web_4", "web_5"]);
    let requests = server.requests();
    let queries: Vec<Option<&str>> = requests.iter().map(|r| r.query.as_deref()).collect();
    assert_eq!(
        queries,
        [
            Some("order_by=created_at&limit=2"),
            Some("order_by=created_at&limit=2&next=cur_page2"),
            Some("order_by=created_at&limit=2&next=cur%2Bpage%2F3%3D"),
        ]
    );
    assert!(requests
        .iter()
        .all(|r| r.method == "GET" && r.path == "/connections"));
}

#[tokio::test]
async fn stream_yields_items_lazily_then_one_error_and_ends() {
    let server = MockServer::start(vec![
        page(&["web_1", "web_2"], Some("cur_page2")),
        Reply::json(400, api_error_json("BAD_CURSOR", 400, "cursor expired")),
        page(&["web_3"], None),
    ])
    .await;
    let client = client(&server);
    let mut stream = pin!(client.list_connections().stream());

    let first = stream.next().await.expect("an item").expect("first page");
    assert_eq!(first.id, "web_1");
    assert_eq!(
        server.requests().len(),
        1,
        "the next page is fetched only when needed"
    );
    let second = stream.next().await.expect("an item").expect("first page");
    assert_eq!(second.id, "web_2");

    let error = stream
        .next()
        .await
        .expect("the error is yielded")
        .expect_err("second page fails");
    assert_eq!(
        error.api_error().map(|a| a.body.code.as_str()),
        Some("BAD_CURSOR")
    );
    assert!(
        stream.next().await.is_none(),
        "the stream ends after an error"
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn stream_stops_on_an_empty_cursor() {
    let server = MockServer::start(vec![page(&["web_1"], Some("")), page(&["web_2"], None)]).await;

    let connections: Vec<Connection> = client(&server)
        .list_connections()
        .stream()
        .try_collect()
        .await
        .expect("one page");

    assert_eq!(connections.len(), 1);
    assert_eq!(server.requests().len(), 1);
}

// ---------------------------------------------------------------------------------------
// Key redaction
// ---------------------------------------------------------------------------------------

fn assert_redacted(what: &str, text: &str) {
    // The key, and the base64 that basic auth would carry it in.
    for secret in [
        KEY,
        "c2tfdGVzdF9iZWhhdmlvdXJfU0VDUkVUXzljMmU6",
        "SECRET_9c2e",
    ] {
        assert!(
            !text.contains(secret),
            "{what} shows the key ({secret}): {text}"
        );
    }
}

/// Debug, Display and every `source()` of an error.
fn assert_error_redacted<E: std::error::Error>(what: &str, error: &E) {
    assert_redacted(what, &format!("{error:?}"));
    assert_redacted(what, &error.to_string());
    let mut source = error.source();
    while let Some(cause) = source {
        assert_redacted(what, &format!("{cause:?}"));
        assert_redacted(what, &cause.to_string());
        source = cause.source();
    }
}

#[tokio::test]
async fn debug_of_client_and_builder_never_shows_the_key() {
    let builder = Client::builder(KEY).base_url("http://127.0.0.1:9");
    assert_redacted("ClientBuilder Debug", &format!("{builder:?}"));
    let client = builder.clone().build().expect("valid configuration");
    let debug = format!("{client:?}");
    assert_redacted("Client Debug", &debug);
    assert!(debug.contains("redacted"), "{debug}");

    let basic = builder.basic_auth().build().expect("valid configuration");
    assert_redacted("Client Debug (basic)", &format!("{basic:?}"));
    assert_redacted("Client Debug (alternate)", &format!("{basic:#?}"));

    let credentials = Client::builder(KEY)
        .basic_auth_credentials("team_user", KEY)
        .build()
        .expect("valid configuration");
    assert_redacted("Client Debug (credentials)", &format!("{credentials:?}"));
}

#[tokio::test]
async fn no_error_ever_shows_the_key() {
    let server = MockServer::start(vec![
        Reply::json(
            404,
            api_error_json("NOT_FOUND", 404, "Connection not found"),
        ),
        Reply::html(502, "<h1>Bad Gateway</h1>"),
        Reply::json(200, r#"{"id":"web_1","na"#),
        connection_reply("web_1").delay(Duration::from_secs(3)),
        Reply::close(),
    ])
    .await;
    let client = Client::builder(KEY)
        .base_url(server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("valid configuration");

    let mut errors: Vec<(&str, Error)> = Vec::new();
    for (what, request) in [
        ("Api", client.get_connection("web_1")),
        ("UnexpectedStatus", client.get_connection("web_1")),
        ("Decode", client.get_connection("web_1")),
        (
            "Timeout",
            client
                .get_connection("web_1")
                .timeout(Duration::from_millis(200)),
        ),
        ("Transport", client.get_connection("web_1")),
        ("InvalidRequest", client.get_connection("..")),
    ] {
        errors.push((what, request.send().await.expect_err(what)));
    }
    let refused = Client::builder(KEY)
        .base_url(closed_port_url())
        .basic_auth()
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("valid configuration");
    errors.push((
        "Transport (connect)",
        refused
            .list_connections()
            .send()
            .await
            .expect_err("refused"),
    ));

    let kinds: Vec<String> = errors
        .iter()
        .map(|(_, e)| {
            format!("{e:?}")
                .split([' ', '(', '{'])
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "Api",
            "UnexpectedStatus",
            "Decode",
            "Timeout",
            "Transport",
            "InvalidRequest",
            "Transport"
        ]
    );
    for (what, error) in &errors {
        assert_error_redacted(what, error);
    }

    // The key must not leak through a configuration error either.
    let bad_key = format!("{KEY}\n");
    let build_error = Client::builder(bad_key)
        .build()
        .expect_err("newline in key");
    assert_error_redacted("BuildError", &build_error);
    let error = Client::new(format!("{KEY}\r"))
        .list_connections()
        .send()
        .await
        .expect_err("misconfigured client");
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_error_redacted("InvalidRequest (bad key)", &error);
}
