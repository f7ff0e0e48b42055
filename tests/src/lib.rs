//! Shared helpers for the integration tests.

pub mod instances;
/// The scripted HTTP server, shared with the runtime's own tests.
pub use test_server as mock_server;
pub mod prism;

use hookdeck::chrono::{DateTime, Utc};

/// An RFC 3339 date-time (any offset) as the UTC instant the SDK's types hold.
pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("an RFC 3339 date-time")
        .with_timezone(&Utc)
}

/// The README's example compiles (run as a doc test of this crate).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExample;
