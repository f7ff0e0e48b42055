//! Tests of the runtime's `mock` transport: canned replies reach the caller through the
//! same decoding, error mapping and retries as real responses, requests are recorded,
//! and faults (timeouts, 5xx, dropped connections) exercise the retry rules.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use sdk_runtime::client::*;
use sdk_runtime::error::*;
use sdk_runtime::mock::{MockReply, MockTransport};
use sdk_runtime::operation::{Operation, RequestParts};
use sdk_runtime::query::Query;
use sdk_runtime::response::Response;
use sdk_runtime::retry::RetryPolicy;

const DEFAULTS: Defaults = Defaults {
    base_url: "https://api.example.com/v1",
    user_agent: "sdk-runtime-tests/0.0.0",
    auth: DefaultAuth::Bearer,
};

const KEY: &str = "sk_test_MOCK_SECRET_77";

#[derive(Debug, serde::Deserialize, serde::Serialize, PartialEq)]
struct ApiBody {
    code: String,
    message: String,
}

#[derive(Debug, serde::Deserialize, serde::Serialize, PartialEq)]
struct Thing {
    id: String,
    count: u32,
}

const GET: Operation = Operation {
    id: "getThing",
    method: Method::GET,
    path_template: "/things/{id}",
    idempotent: true,
    error_statuses: &[404],
};

const CREATE: Operation = Operation {
    id: "createThing",
    method: Method::POST,
    path_template: "/things",
    idempotent: false,
    error_statuses: &[422],
};

fn client(mock: &MockTransport) -> Client {
    ClientBuilder::with_defaults(KEY, &DEFAULTS)
        .retry_policy(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(10)),
        )
        .transport(mock.clone())
        .build()
        .expect("valid configuration")
}

async fn get(client: &Client) -> Result<Response<Thing>, Error<ApiBody>> {
    let mut query = Query::new();
    query.push_pair("expand".into(), "owner".into());
    let parts = RequestParts {
        path: "/things/t_1".into(),
        query,
        body: None,
    };
    client
        .execute(&GET, parts, &RequestOptions::default())
        .await
}

async fn create(client: &Client) -> Result<Response<Thing>, Error<ApiBody>> {
    let parts = RequestParts {
        path: "/things".into(),
        query: Query::new(),
        body: Some(br#"{"name":"a"}"#.to_vec()),
    };
    client
        .execute(&CREATE, parts, &RequestOptions::default())
        .await
}

#[tokio::test]
async fn a_typed_reply_is_decoded_and_the_request_recorded() {
    let thing = Thing {
        id: "t_1".into(),
        count: 3,
    };
    let mock = MockTransport::new()
        .reply(
            "getThing",
            MockReply::json(200, &thing).header("x-request-id", "req_9"),
        )
        .reply("createThing", MockReply::json(201, &thing));
    let client = client(&mock);
    let response = get(&client).await.expect("success");
    assert_eq!(response.value, thing);
    assert_eq!(response.headers["x-request-id"], "req_9");
    assert_eq!(create(&client).await.expect("created").status, 201);

    let requests = mock.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].operation_id, "getThing");
    assert_eq!(requests[0].method, Method::GET);
    assert_eq!(requests[0].path(), "/v1/things/t_1");
    assert_eq!(requests[0].query(), Some("expand=owner"));
    assert_eq!(
        requests[0].header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(requests[0].header("user-agent"), Some(DEFAULTS.user_agent));
    assert_eq!(requests[1].json(), serde_json::json!({"name": "a"}));
    assert_eq!(requests[1].header("content-type"), Some("application/json"));
    assert_eq!(mock.requests_for("createThing").len(), 1);
    // Debug of a recorded request hides the key.
    let debug = format!("{requests:?}");
    assert!(!debug.contains(KEY), "{debug}");
}

#[tokio::test]
async fn raw_replies_map_to_the_usual_errors() {
    let mock = MockTransport::new()
        .reply(
            "getThing",
            MockReply::raw(404, r#"{"code":"NOT_FOUND","message":"gone"}"#),
        )
        .reply("getThing", MockReply::raw(200, "not json"))
        .reply("getThing", MockReply::raw(418, "teapot"));
    let client = client(&mock);
    match get(&client).await {
        Err(Error::Api(api)) => assert_eq!(api.body.message, "gone"),
        other => panic!("{other:?}"),
    }
    match get(&client).await {
        Err(Error::Decode { status, body, .. }) => {
            assert_eq!(status, StatusCode::OK);
            assert_eq!(body, b"not json");
        }
        other => panic!("{other:?}"),
    }
    match get(&client).await {
        Err(Error::UnexpectedStatus { status, .. }) => assert_eq!(status.as_u16(), 418),
        other => panic!("{other:?}"),
    }
    // The last reply keeps answering.
    assert!(matches!(
        get(&client).await,
        Err(Error::UnexpectedStatus { .. })
    ));
}

#[tokio::test]
async fn a_5xx_then_a_success_is_retried_for_get_but_not_for_post() {
    let ok = Thing {
        id: "t_1".into(),
        count: 1,
    };
    let mock = MockTransport::new()
        .reply("getThing", MockReply::status(503))
        .reply("getThing", MockReply::json(200, &ok))
        .reply("createThing", MockReply::status(503))
        .reply("createThing", MockReply::json(201, &ok));
    let client = client(&mock);
    assert_eq!(get(&client).await.expect("retried").value, ok);
    assert_eq!(mock.requests_for("getThing").len(), 2);
    // A POST that got a 5xx may have been acted on: not retried.
    assert_eq!(
        create(&client).await.unwrap_err().status(),
        Some(StatusCode::SERVICE_UNAVAILABLE)
    );
    assert_eq!(mock.requests_for("createThing").len(), 1);
}

#[tokio::test]
async fn timeouts_are_retried_then_reported() {
    let mock = MockTransport::new().reply("getThing", MockReply::timeout());
    let client = client(&mock);
    match get(&client).await {
        Err(Error::Timeout { .. }) => {}
        other => panic!("{other:?}"),
    }
    // Two retries by default: three attempts.
    assert_eq!(mock.requests().len(), 3);
}

#[tokio::test]
async fn a_delay_beyond_the_timeout_is_a_timeout() {
    let mock = MockTransport::new().reply(
        "getThing",
        MockReply::json(200, &serde_json::json!({"id": "t", "count": 1}))
            .delay(Duration::from_secs(30)),
    );
    let client = ClientBuilder::with_defaults(KEY, &DEFAULTS)
        .timeout(Duration::from_millis(50))
        .max_retries(0)
        .transport(mock.clone())
        .build()
        .expect("valid configuration");
    let started = Instant::now();
    assert!(matches!(get(&client).await, Err(Error::Timeout { .. })));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_retried_only_when_idempotent() {
    let mock = MockTransport::new()
        .reply("getThing", MockReply::drop_connection())
        .reply("createThing", MockReply::drop_connection());
    let client = client(&mock);
    match get(&client).await {
        Err(error @ Error::Transport { .. }) => assert!(error.is_retryable()),
        other => panic!("{other:?}"),
    }
    assert_eq!(mock.requests_for("getThing").len(), 3);
    assert!(matches!(
        create(&client).await,
        Err(Error::Transport { .. })
    ));
    assert_eq!(mock.requests_for("createThing").len(), 1);
}

#[tokio::test]
async fn retry_after_on_a_429_is_honoured_even_for_post() {
    let ok = Thing {
        id: "t_2".into(),
        count: 2,
    };
    let mock = MockTransport::new()
        .reply(
            "createThing",
            MockReply::status(429).header("retry-after", "0"),
        )
        .reply("createThing", MockReply::json(201, &ok));
    let client = client(&mock);
    assert_eq!(create(&client).await.expect("retried").value, ok);
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn an_operation_without_a_reply_is_an_invalid_request_and_a_fallback_answers_any() {
    let mock = MockTransport::new();
    let client = client(&mock);
    match get(&client).await {
        Err(Error::InvalidRequest { message }) => {
            assert!(message.contains("getThing"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // Not retried: another attempt cannot help.
    assert_eq!(mock.requests().len(), 1);

    let mock = MockTransport::new().reply_to_any(MockReply::json(
        200,
        &Thing {
            id: "any".into(),
            count: 0,
        },
    ));
    let client = self::client(&mock);
    assert_eq!(get(&client).await.expect("fallback").value.id, "any");
    assert_eq!(create(&client).await.expect("fallback").value.id, "any");
    mock.clear_requests();
    assert!(mock.requests().is_empty());
}
