//! How to test your own code that calls the SDK, with no network: give the client a
//! `MockTransport` (the `test-util` feature) with canned replies keyed by the spec's
//! `operationId`, then check what your code did with the answer and the requests it sent.
//! Faults (timeouts, 5xx, dropped connections) go through the client's real retry rules,
//! so your retry handling is tested too.
//!
//! Run with `cargo run -p hookdeck --example testing --features test-util`;
//! in your crate, enable the feature in `[dev-dependencies]` and write each case as a
//! `#[tokio::test]`. `tests/tests/testing_example.rs` runs this example in the test suite.

use std::time::Duration;

use hookdeck::mock::{MockReply, MockTransport};
use hookdeck::types::ApiErrorResponse;
use hookdeck::{Client, Error, RetryPolicy};

/// The code under test: how many of our connections are paused.
async fn paused_connections(client: &Client) -> Result<f64, Error> {
    client
        .count_connections()
        .disabled(false)
        .paused_at(hookdeck::types::Operators::default().with_any(true))
        .timeout(Duration::from_secs(5))
        .send()
        .await
}

/// A client answering from `mock`, with short waits between retries.
fn client(mock: &MockTransport) -> Client {
    Client::builder("sk_test")
        .retry_policy(RetryPolicy::default().with_initial_backoff(Duration::from_millis(10)))
        .transport(mock.clone())
        .build()
        .expect("a client")
}

// `pub`: the test suite calls it (tests/tests/testing_example.rs).
#[tokio::main]
pub async fn main() {
    // A success: the code returns what the API said, and sent the filters we expect.
    let mock = MockTransport::new().reply(
        "countConnections",
        MockReply::json(200, &serde_json::json!({ "count": 3 })),
    );
    assert_eq!(
        paused_connections(&client(&mock)).await.expect("a count"),
        3.0
    );
    let sent = mock.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path(), "/2025-07-01/connections/count");
    let query = sent[0].query().unwrap_or_default();
    // `paused_at[any]=true`, with the brackets percent-encoded.
    assert!(query.contains("paused_at%5Bany%5D=true"), "{query}");
    assert!(query.contains("disabled=false"), "{query}");
    assert_eq!(sent[0].header("authorization"), Some("Bearer sk_test"));

    // A declared error (count declares 422): a typed value, serialised by the mock, comes
    // back as `Error::Api` with its decoded body; 4xx are not retried.
    let mock = MockTransport::new().reply(
        "countConnections",
        MockReply::json(
            422,
            &ApiErrorResponse::new("UNPROCESSABLE_ENTITY", 422.0, "bad filter"),
        ),
    );
    match paused_connections(&client(&mock)).await {
        Err(Error::Api(api)) => assert_eq!(api.body.message, "bad filter"),
        other => panic!("expected the API's error, got {other:?}"),
    }
    assert_eq!(mock.requests().len(), 1);

    // Faults: a 503, then a dropped connection, then the answer. The client retries (the
    // operation is idempotent) and the code sees only the answer.
    let mock = MockTransport::new()
        .reply("countConnections", MockReply::status(503))
        .reply("countConnections", MockReply::drop_connection())
        .reply(
            "countConnections",
            MockReply::json(200, &serde_json::json!({ "count": 1 })),
        );
    assert_eq!(
        paused_connections(&client(&mock)).await.expect("retried"),
        1.0
    );
    assert_eq!(mock.requests().len(), 3);

    // Retries spent: a server that keeps timing out gives `Error::Timeout` after three
    // attempts (two retries by default).
    let mock = MockTransport::new().reply("countConnections", MockReply::timeout());
    match paused_connections(&client(&mock)).await {
        Err(error @ Error::Timeout { .. }) => assert!(error.is_retryable()),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(mock.requests().len(), 3);

    // 429 with Retry-After is waited out as the server asks.
    let mock = MockTransport::new()
        .reply(
            "countConnections",
            MockReply::status(429).header("retry-after", "0"),
        )
        .reply(
            "countConnections",
            MockReply::json(200, &serde_json::json!({ "count": 2 })),
        );
    assert_eq!(
        paused_connections(&client(&mock)).await.expect("waited"),
        2.0
    );

    println!("the code under test behaved as expected, with no network");
}
