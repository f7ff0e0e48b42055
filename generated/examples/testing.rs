//! How to test your own code that calls the SDK, with no network: point the client at a
//! server on the loopback interface that answers what your test needs, then check both
//! what your code did with the answer and the request it sent.
//!
//! Run with `cargo run --example testing -p hookdeck`. A real test suite
//! would put the server in a helper and the checks in `#[tokio::test]` functions (or use a
//! mock-server crate such as wiremock); this example keeps everything in one file.

use std::time::Duration;

use hookdeck::{Client, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

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

/// Serves one request with `status` and the JSON `body`; returns the request's head.
async fn answer_once(status: u16, body: &'static str) -> (String, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let served = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("the client connects");
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).await.expect("a request head");
            head.push(byte[0]);
        }
        let reply = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n{body}",
            body.len()
        );
        stream
            .write_all(reply.as_bytes())
            .await
            .expect("the reply is sent");
        String::from_utf8_lossy(&head).into_owned()
    });
    (url, served)
}

#[tokio::main]
async fn main() {
    // A success: the code returns what the API said.
    let (url, served) = answer_once(200, r#"{"count": 3}"#).await;
    let client = Client::builder("sk_test")
        .base_url(url)
        .build()
        .expect("a client");
    assert_eq!(paused_connections(&client).await.expect("a count"), 3.0);
    let request = served.await.expect("the server ran");
    assert!(request.starts_with("GET /connections/count?"), "{request}");
    // `paused_at[any]=true`, with the brackets percent-encoded.
    assert!(request.contains("paused_at%5Bany%5D=true"), "{request}");
    assert!(request.contains("disabled=false"), "{request}");

    // A failure: the code hands the typed error on.
    let (url, _) = answer_once(
        422,
        r#"{"code": "UNPROCESSABLE_ENTITY", "status": 422, "message": "bad filter"}"#,
    )
    .await;
    let client = Client::builder("sk_test")
        .base_url(url)
        .max_retries(0)
        .build()
        .expect("a client");
    match paused_connections(&client).await {
        Err(Error::UnexpectedStatus { status, .. }) => assert_eq!(status.as_u16(), 422),
        Err(Error::Api(api)) => assert_eq!(api.body.message, "bad filter"),
        other => panic!("expected the API's error, got {other:?}"),
    }
    println!("the code under test behaved as expected, with no network");
}
