//! Where the Prism mock server is, for the contract tests.
//!
//! `cargo xtask test` installs Prism, starts it on a free port with the spec normalised by
//! `codegen::normalize::for_prism`, and passes its address in `PRISM_URL`. Prism answers a
//! request it rejects with 422 and an `sl-violations` header, and it checks credentials:
//! send `Authorization: Bearer <anything>`.

/// The environment variable `cargo xtask test` sets to Prism's base URL.
pub const URL_VAR: &str = "PRISM_URL";

/// The header in which Prism lists what was wrong with a request (or with its own answer).
pub const VIOLATIONS_HEADER: &str = "sl-violations";

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
