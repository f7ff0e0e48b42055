//! A webhook receiver with axum: verify the signature over the raw body, then decode it.
//!
//! Hookdeck forwards the payload it received (a Stripe event, a Shopify order...), so the
//! body is decoded into a type of your own here; `serde_json::Value` works as well. The
//! verifier reads `x-hookdeck-signature` (and `x-hookdeck-signature-2` during a secret
//! rotation); `x-hookdeck-eventid` is the key to deduplicate deliveries on.
//!
//! `cargo run -p hookdeck --example webhook_server --features webhooks` starts
//! the server, sends it a signed, a tampered and a wrongly shaped request, checks the
//! answers and exits (the test suite runs it so, `tests/tests/webhook_example.rs`). With
//! `SERVE=1` it keeps serving on `127.0.0.1:3000` (or `ADDR`), verifying with the secret
//! in `HOOKDECK_SIGNING_SECRET`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use hookdeck::webhooks::{sign, Verifier, WebhookError};
use serde::Deserialize;

/// What this receiver expects the forwarded payload to be.
#[derive(Debug, Deserialize)]
struct OrderEvent {
    id: String,
    amount: u64,
}

/// Verifies and decodes; 401 for a bad signature, 400 for a body of the wrong shape.
async fn receive(
    State(verifier): State<Arc<Verifier>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    match verifier.verify_and_decode::<OrderEvent>(&headers, &body) {
        Ok(event) => {
            let delivery = headers
                .get("x-hookdeck-eventid")
                .and_then(|value| value.to_str().ok())
                .unwrap_or("-");
            (
                StatusCode::OK,
                format!(
                    "order {} of {} (delivery {delivery})",
                    event.id, event.amount
                ),
            )
        }
        Err(error @ WebhookError::Decode(_)) => (StatusCode::BAD_REQUEST, error.to_string()),
        Err(error) => (StatusCode::UNAUTHORIZED, error.to_string()),
    }
}

fn app(verifier: Verifier) -> Router {
    Router::new()
        .route("/webhooks", post(receive))
        .with_state(Arc::new(verifier))
}

// `pub`: the test suite calls it (tests/tests/webhook_example.rs).
#[tokio::main]
pub async fn main() {
    let secret = std::env::var("HOOKDECK_SIGNING_SECRET").unwrap_or_else(|_| "whsec_demo".into());
    let verifier = Verifier::new(&secret);
    if std::env::var_os("SERVE").is_some() {
        let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
        let listener = tokio::net::TcpListener::bind(&addr)
            .await
            .expect("the address is free");
        println!("verifying webhooks on http://{addr}/webhooks");
        axum::serve(listener, app(verifier))
            .await
            .expect("the server runs");
        return;
    }

    // The demonstration: a server on a free port, then one good and two bad requests.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let url = format!(
        "http://{}/webhooks",
        listener.local_addr().expect("an address")
    );
    tokio::spawn(async move { axum::serve(listener, app(verifier)).await });

    let http = hookdeck::reqwest::Client::new();
    let body = r#"{"id":"ord_1","amount":4200}"#;
    let send = |body: &'static str, signature: String| {
        http.post(&url)
            .header("x-hookdeck-signature", signature)
            .header("x-hookdeck-eventid", "evt_1")
            .body(body)
            .send()
    };

    let good = send(body, sign(secret.as_bytes(), body.as_bytes()))
        .await
        .expect("the server answers");
    assert_eq!(good.status(), 200);
    println!("signed:   {}", good.text().await.unwrap_or_default());

    let tampered = r#"{"id":"ord_1","amount":1}"#;
    let bad = send(tampered, sign(secret.as_bytes(), body.as_bytes()))
        .await
        .expect("the server answers");
    assert_eq!(bad.status(), 401);
    println!("tampered: {}", bad.text().await.unwrap_or_default());

    let wrong_shape = r#"{"unexpected":true}"#;
    let wrong = send(wrong_shape, sign(secret.as_bytes(), wrong_shape.as_bytes()))
        .await
        .expect("the server answers");
    assert_eq!(wrong.status(), 400);
    println!("shape:    {}", wrong.text().await.unwrap_or_default());
}
