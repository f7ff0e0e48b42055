//! What reaches the caller besides the decoded value: response headers on success and on
//! every kind of error with a response, bodies compressed with gzip (good, corrupt, and in
//! an encoding the client does not read), and a deadline over all attempts of a call.

use std::io::Write;
use std::time::{Duration, Instant};

use hookdeck::{Client, Error, RetryPolicy};
use integration_tests::mock_server::{MockServer, Reply};

fn client(server: &MockServer) -> Client {
    Client::builder("sk_test_transport")
        .base_url(server.url())
        .retry_policy(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_millis(10))
                .with_max_backoff(Duration::from_millis(40)),
        )
        .build()
        .expect("valid client configuration")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress")
}

const COUNT: &str = r#"{"count": 7}"#;
const API_ERROR: &str = r#"{"code":"UNPROCESSABLE_ENTITY","status":422,"message":"bad name"}"#;

#[tokio::test]
async fn a_success_comes_with_its_status_and_headers() {
    let server =
        MockServer::start(vec![Reply::json(200, COUNT).header("X-Request-Id", "req_1")]).await;
    let response = client(&server)
        .count_connections()
        .send_with_response()
        .await
        .expect("a count");
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.headers["x-request-id"], "req_1");
    assert_eq!(response.value, 7.0);
}

#[tokio::test]
async fn every_error_with_a_response_keeps_its_headers() {
    let replies = vec![
        // Api: a status the operation declares.
        Reply::json(422, API_ERROR).header("X-Request-Id", "req_api"),
        // UnexpectedStatus.
        Reply::json(409, "{}").header("X-Request-Id", "req_unexpected"),
        // Decode: a 2xx body that is not a count.
        Reply::json(200, r#"{"count": "many"}"#).header("X-Request-Id", "req_decode"),
        // Decompress: a body that claims gzip and is not.
        Reply::json(200, COUNT)
            .header("Content-Encoding", "gzip")
            .header("X-Request-Id", "req_decompress"),
    ];
    let server = MockServer::start(replies).await;
    let client = client(&server);
    let mut seen = Vec::new();
    for expected in ["req_api", "req_unexpected", "req_decode", "req_decompress"] {
        let error = client
            .list_connections()
            .max_retries(0)
            .send()
            .await
            .expect_err(expected);
        let kind = match &error {
            Error::Api(api) => {
                assert_eq!(api.headers["x-request-id"], expected);
                "Api"
            }
            Error::UnexpectedStatus { .. } => "UnexpectedStatus",
            Error::Decode { .. } => "Decode",
            Error::Decompress { .. } => "Decompress",
            other => panic!("{expected}: {other:?}"),
        };
        let headers = error.headers().expect("a response had headers");
        assert_eq!(headers["x-request-id"], expected, "{kind}");
        seen.push(kind);
    }
    assert_eq!(seen, ["Api", "UnexpectedStatus", "Decode", "Decompress"]);
    let no_response: Error = Error::InvalidRequest {
        message: "x".into(),
    };
    assert!(no_response.headers().is_none());
}

#[tokio::test]
async fn gzip_bodies_are_asked_for_and_decompressed() {
    let server = MockServer::start(vec![Reply::json(200, "")
        .body(gzip(COUNT.as_bytes()))
        .header("Content-Encoding", "gzip")])
    .await;
    let count = client(&server)
        .count_connections()
        .send()
        .await
        .expect("decompressed and decoded");
    assert_eq!(count, 7.0);
    let request = &server.requests()[0];
    assert_eq!(request.header("accept-encoding"), Some("gzip"));
}

#[tokio::test]
async fn a_declared_error_in_gzip_decodes_too() {
    let server = MockServer::start(vec![Reply::json(422, "")
        .body(gzip(API_ERROR.as_bytes()))
        .header("Content-Encoding", "gzip")])
    .await;
    let error = client(&server)
        .list_connections()
        .send()
        .await
        .expect_err("a declared error");
    let api = error.api_error().expect("decoded as the declared error");
    assert_eq!(api.body.message, "bad name");
}

#[tokio::test]
async fn a_corrupt_gzip_body_keeps_its_status_and_raw_bytes() {
    let mut corrupt = gzip(COUNT.as_bytes());
    corrupt.truncate(corrupt.len() / 2);
    let server = MockServer::start(vec![Reply::json(503, "")
        .body(corrupt.clone())
        .header("Content-Encoding", "gzip")])
    .await;
    let error = client(&server)
        .count_connections()
        .max_retries(0)
        .send()
        .await
        .expect_err("cannot be decompressed");
    match &error {
        Error::Decompress {
            status,
            body,
            source,
            ..
        } => {
            assert_eq!(status.as_u16(), 503);
            assert_eq!(body, &corrupt, "the raw bytes, as received");
            assert_ne!(source.kind(), std::io::ErrorKind::Unsupported, "{source}");
        }
        other => panic!("expected Decompress, got {other:?}"),
    }
    assert!(error.is_retryable(), "a 503 stays retryable");
}

#[tokio::test]
async fn an_encoding_the_client_does_not_read_is_an_error_with_the_raw_body() {
    let server = MockServer::start(vec![Reply::json(200, "")
        .body(b"\x1b\x0b\x00\xf8".to_vec())
        .header("Content-Encoding", "br")])
    .await;
    let error = client(&server)
        .count_connections()
        .send()
        .await
        .expect_err("brotli is not read");
    match &error {
        Error::Decompress {
            status,
            body,
            source,
            ..
        } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(body, b"\x1b\x0b\x00\xf8");
            assert_eq!(source.kind(), std::io::ErrorKind::Unsupported);
            assert!(source.to_string().contains("`br`"), "{source}");
        }
        other => panic!("expected Decompress, got {other:?}"),
    }
}

#[tokio::test]
async fn a_deadline_cuts_an_attempt_short() {
    let server =
        MockServer::start(vec![Reply::json(200, COUNT).delay(Duration::from_secs(5))]).await;
    let started = Instant::now();
    let error = client(&server)
        .count_connections()
        .deadline(Duration::from_millis(300))
        .send()
        .await
        .expect_err("the deadline passes first");
    assert!(error.is_timeout(), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_per_request_deadline_overrides_the_clients() {
    let slow = || Reply::json(200, COUNT).delay(Duration::from_millis(800));
    let server = MockServer::start(vec![slow(), slow()]).await;
    let client = Client::builder("sk_test_transport")
        .base_url(server.url())
        .max_retries(0)
        .deadline(Duration::from_millis(200))
        .build()
        .expect("valid client configuration");
    // The client's deadline alone cuts the call short...
    let error = client
        .count_connections()
        .send()
        .await
        .expect_err("too slow");
    assert!(error.is_timeout(), "{error:?}");
    // ...and a longer one on the request replaces it.
    let started = Instant::now();
    let count = client
        .count_connections()
        .deadline(Duration::from_secs(5))
        .send()
        .await
        .expect("the request's deadline leaves time");
    assert_eq!(count, 7.0);
    assert!(started.elapsed() >= Duration::from_millis(700));
}

#[tokio::test]
async fn no_retry_starts_that_would_end_after_the_deadline() {
    // Each 503 asks for a 1 s wait; the deadline leaves room for none.
    let retry_later = || Reply::json(503, "{}").header("Retry-After", "1");
    let server = MockServer::start(vec![retry_later(), retry_later(), retry_later()]).await;
    let client = Client::builder("sk_test_transport")
        .base_url(server.url())
        .max_retries(2)
        .deadline(Duration::from_millis(500))
        .build()
        .expect("valid client configuration");
    let started = Instant::now();
    let error = client.count_connections().send().await.expect_err("503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error:?}");
    assert_eq!(
        server.requests().len(),
        1,
        "no retry fit before the deadline"
    );
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );

    // Without the deadline the same client retries.
    let server = MockServer::start(vec![retry_later(), Reply::json(200, COUNT)]).await;
    let count = Client::builder("sk_test_transport")
        .base_url(server.url())
        .build()
        .expect("valid client configuration")
        .count_connections()
        .send()
        .await
        .expect("the retry succeeds");
    assert_eq!(count, 7.0);
}
