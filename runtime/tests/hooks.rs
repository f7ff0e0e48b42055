//! Tests of the runtime's `hooks` and `telemetry` modules: hooks change headers on every
//! attempt and observe each one, cannot see or replace the API key, cannot break retries
//! by panicking; spans carry OpenTelemetry's HTTP field names and never the key.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{HeaderValue, AUTHORIZATION};
use reqwest::{Method, StatusCode};
use sdk_runtime::client::*;
use sdk_runtime::error::*;
use sdk_runtime::hooks::*;
use sdk_runtime::mock::{MockReply, MockTransport};
use sdk_runtime::operation::{Operation, RequestParts};
use sdk_runtime::retry::RetryPolicy;

const DEFAULTS: Defaults = Defaults {
    base_url: "https://api.example.com:8443/v1",
    user_agent: "sdk-runtime-tests/0.0.0",
    auth: DefaultAuth::Bearer,
};

const KEY: &str = "sk_test_HOOK_SECRET_31337";

const GET: Operation = Operation {
    id: "getThing",
    method: Method::GET,
    path_template: "/things/{id}",
    idempotent: true,
    error_statuses: &[404],
};

/// One attempt as a hook saw it: number, outcome, retry, latency.
type Seen = (u32, AttemptOutcome, Option<Retry>, Duration);

/// What a hook saw, as text, in order.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<String>>,
    attempts: Mutex<Vec<Seen>>,
}

impl Hook for Recorder {
    fn on_request(&self, request: &mut OutgoingRequest<'_>) {
        self.seen.lock().unwrap().push(format!(
            "request {} {} {} #{} auth={} {:?}",
            request.operation_id(),
            request.method(),
            request.path_template(),
            request.attempt(),
            request.headers().contains_key(AUTHORIZATION),
            request.headers(),
        ));
        let attempt = request.attempt().to_string();
        let headers = request.headers_mut();
        headers.insert("x-attempt", HeaderValue::from_str(&attempt).unwrap());
        // Trying to replace the key: the client's own wins.
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer stolen"));
        headers.remove("user-agent");
    }

    fn on_attempt(&self, attempt: &AttemptInfo<'_>) {
        self.seen
            .lock()
            .unwrap()
            .push(format!("attempt {attempt:?}"));
        self.attempts.lock().unwrap().push((
            attempt.attempt,
            attempt.outcome,
            attempt.retry,
            attempt.latency,
        ));
    }
}

struct Panics;

impl Hook for Panics {
    fn on_request(&self, _: &mut OutgoingRequest<'_>) {
        panic!("a faulty hook");
    }
    fn on_attempt(&self, _: &AttemptInfo<'_>) {
        panic!("a faulty hook");
    }
}

fn builder(mock: &MockTransport) -> ClientBuilder {
    ClientBuilder::with_defaults(KEY, &DEFAULTS)
        .retry_policy(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(10)),
        )
        .transport(mock.clone())
}

async fn get(client: &Client) -> Result<Response, Error<serde_json::Value>> {
    client
        .execute::<serde_json::Value, serde_json::Value>(
            &GET,
            RequestParts {
                path: "/things/t_1".into(),
                ..RequestParts::default()
            },
            &RequestOptions::default(),
        )
        .await
        .map(|_| Response)
}

/// A successful call (the value does not matter here).
struct Response;

fn flaky() -> MockTransport {
    MockTransport::new()
        .reply(
            "getThing",
            MockReply::status(503).delay(Duration::from_millis(20)),
        )
        .reply(
            "getThing",
            MockReply::status(429).header("retry-after", "0"),
        )
        .reply("getThing", MockReply::json(200, &serde_json::json!({})))
}

#[tokio::test]
async fn hooks_change_headers_and_see_every_attempt_of_a_retried_call() {
    let mock = flaky();
    let recorder = Arc::new(Recorder::default());
    let client = builder(&mock).hook(recorder.clone()).build().unwrap();
    assert!(get(&client).await.is_ok());

    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    for (index, request) in requests.iter().enumerate() {
        assert_eq!(
            request.header("x-attempt"),
            Some((index + 1).to_string().as_str())
        );
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
        assert_eq!(request.header("user-agent"), None);
    }

    let attempts = recorder.attempts.lock().unwrap().clone();
    assert_eq!(attempts.len(), 3);
    assert_eq!(attempts[0].0, 1);
    assert_eq!(
        attempts[0].1,
        AttemptOutcome::Status(StatusCode::SERVICE_UNAVAILABLE)
    );
    assert!(attempts[0].2.is_some_and(|retry| !retry.from_retry_after));
    assert!(attempts[0].3 >= Duration::from_millis(20), "{attempts:?}");
    assert_eq!(
        attempts[1].1,
        AttemptOutcome::Status(StatusCode::TOO_MANY_REQUESTS)
    );
    let retry = attempts[1].2.expect("a retry");
    assert_eq!(retry.delay, Duration::ZERO);
    assert!(retry.from_retry_after);
    assert_eq!(attempts[2].0, 3);
    assert_eq!(attempts[2].1, AttemptOutcome::Status(StatusCode::OK));
    assert_eq!(attempts[2].2, None);
    assert_eq!(
        AttemptOutcome::Timeout.error_type().as_deref(),
        Some("timeout")
    );
    assert_eq!(attempts[0].1.error_type().as_deref(), Some("503"));

    let seen = recorder.seen.lock().unwrap().join("\n");
    assert!(
        seen.contains("request getThing GET /things/{id} #1 auth=false"),
        "{seen}"
    );
    assert!(!seen.contains(KEY), "a hook saw the key:\n{seen}");
}

#[tokio::test]
async fn a_last_attempt_that_fails_is_reported_without_a_retry() {
    let mock = MockTransport::new().reply("getThing", MockReply::drop_connection());
    let recorder = Arc::new(Recorder::default());
    let client = builder(&mock)
        .max_retries(1)
        .hook(recorder.clone())
        .build()
        .unwrap();
    assert!(matches!(get(&client).await, Err(Error::Transport { .. })));
    let attempts = recorder.attempts.lock().unwrap().clone();
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0].1, AttemptOutcome::Transport);
    assert!(attempts[0].2.is_some());
    assert_eq!(attempts[1].2, None);
}

#[tokio::test]
async fn a_panicking_hook_breaks_neither_the_call_nor_its_retries() {
    let mock = flaky();
    let recorder = Arc::new(Recorder::default());
    let client = builder(&mock)
        .hook(Panics)
        .hook(recorder.clone())
        .build()
        .unwrap();
    assert!(get(&client).await.is_ok());
    assert_eq!(mock.requests().len(), 3);
    // The hook after the faulty one still ran on every attempt.
    assert_eq!(recorder.attempts.lock().unwrap().len(), 3);
    assert!(format!("{client:?}").contains("hooks: 2"));
}

/// A `tracing` subscriber that keeps every span's and event's fields as text.
mod capture {
    use std::fmt::Write as _;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};
    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Clone, Default)]
    pub struct Capture {
        pub lines: Arc<Mutex<Vec<String>>>,
        next: Arc<AtomicU64>,
    }

    struct Fields<'a>(&'a mut String);

    impl Visit for Fields<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            let _ = write!(self.0, " {}={:?}", field.name(), value);
        }
    }

    impl Subscriber for Capture {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
            let mut line = format!("span#{id} {}", span.metadata().name());
            span.record(&mut Fields(&mut line));
            self.lines.lock().unwrap().push(line);
            Id::from_u64(id)
        }
        fn record(&self, span: &Id, values: &Record<'_>) {
            let mut line = format!("record#{}", span.into_u64());
            values.record(&mut Fields(&mut line));
            self.lines.lock().unwrap().push(line);
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut line = "event".to_owned();
            event.record(&mut Fields(&mut line));
            self.lines.lock().unwrap().push(line);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[tokio::test]
async fn spans_carry_opentelemetry_http_fields_and_never_the_key() {
    let capture = capture::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let mock = flaky();
    let client = builder(&mock).build().unwrap();
    assert!(get(&client).await.is_ok());
    let failing = MockTransport::new().reply("getThing", MockReply::timeout());
    let client = builder(&failing).max_retries(0).build().unwrap();
    assert!(get(&client).await.is_err());
    drop(_guard);

    let lines = capture.lines.lock().unwrap().join("\n");
    assert!(!lines.contains(KEY), "the key reached a span:\n{lines}");
    for expected in [
        "span#1 http_call otel.name=\"getThing\" otel.kind=\"client\" operation=\"getThing\" \
         http.request.method=\"GET\" url.template=\"/things/{id}\" \
         server.address=\"api.example.com\" server.port=8443",
        "span#2 http_attempt otel.name=GET /things/{id} otel.kind=\"client\" \
         http.request.method=\"GET\" url.template=\"/things/{id}\"",
        "record#2 http.response.status_code=503",
        "record#2 error.type=\"503\"",
        "record#3 http.request.resend_count=1",
        "record#3 http.response.status_code=429",
        "record#4 http.request.resend_count=2",
        "record#4 http.response.status_code=200",
        "record#1 attempts=3",
        "record#1 http.response.status_code=200",
        "error.type=\"timeout\"",
    ] {
        assert!(
            lines.contains(expected),
            "missing `{expected}` in:\n{lines}"
        );
    }
    // A success records no error type.
    assert!(!lines.contains("record#4 error.type"), "{lines}");
}
