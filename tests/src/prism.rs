//! Where the Prism mock server is, for the contract tests.
//!
//! `cargo xtask test` installs Prism, starts it on a free port with the spec normalised by
//! `xtask::normalize::for_prism`, and passes its address in `PRISM_URL`. Prism answers a
//! request it rejects with 422 and an `sl-violations` header, and it checks credentials:
//! send `Authorization: Bearer <anything>`.

use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::time::Duration;

/// The environment variable `cargo xtask test` sets to Prism's base URL.
pub use xtask::PRISM_URL_VAR as URL_VAR;

/// The header in which Prism lists what was wrong with a request (or with its own answer).
pub const VIOLATIONS_HEADER: &str = "sl-violations";

/// Any bearer token works with Prism; without one it answers 401.
pub const API_KEY: &str = "test-api-key";

/// Prism's base URL (`http://127.0.0.1:PORT`, no trailing slash).
///
/// # Panics
///
/// When `PRISM_URL` is not set: contract tests are never skipped silently. They run through
/// `cargo xtask test`, which starts and stops Prism around `cargo test`.
pub fn prism_url() -> String {
    match std::env::var(URL_VAR) {
        Ok(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/').to_owned(),
        _ => panic!(
            "{URL_VAR} is not set. Contract tests run against the Prism mock server, which \
             `cargo xtask test` installs, starts and stops: run `cargo xtask test` (arguments \
             after it go to `cargo test`, e.g. `cargo xtask test -- prism`) instead of plain \
             `cargo test`."
        ),
    }
}

/// Prism's answer to a request sent raw, reduced to what the tests look at.
pub struct Answer {
    pub status: StatusCode,
    /// The `sl-violations` header, when Prism sent one.
    pub violations: Option<String>,
    pub body: String,
}

impl Answer {
    /// The status, the violations and the start of the body, for a failure message.
    pub fn describe(&self) -> String {
        format!(
            "status {}, {VIOLATIONS_HEADER}: {}, body: {}",
            self.status,
            self.violations.as_deref().unwrap_or("(none)"),
            self.body.chars().take(500).collect::<String>()
        )
    }

    #[track_caller]
    pub fn assert_rejected(&self, why: &str) {
        assert_eq!(
            self.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Prism should reject {why}; got {}",
            self.describe()
        );
        assert!(
            self.violations.is_some(),
            "Prism rejected {why} without an {VIOLATIONS_HEADER} header: {}",
            self.describe()
        );
    }

    #[track_caller]
    pub fn assert_accepted(&self, what: &str) {
        assert!(
            self.status.is_success() && self.violations.is_none(),
            "Prism should accept {what} (2xx, no {VIOLATIONS_HEADER}); got {}",
            self.describe()
        );
    }
}

/// Sends a request to Prism with plain reqwest, bypassing the generated client, with
/// [`API_KEY`] and, when given, a JSON body.
pub async fn send_raw(
    method: Method,
    path_and_query: &str,
    body: Option<&Value>,
) -> Result<Answer, reqwest::Error> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()?;
    let mut request = client
        .request(method, format!("{}{path_and_query}", prism_url()))
        .bearer_auth(API_KEY);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await?;
    let status = response.status();
    let violations = response
        .headers()
        .get(VIOLATIONS_HEADER)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let body = response.text().await.unwrap_or_default();
    Ok(Answer {
        status,
        violations,
        body,
    })
}
