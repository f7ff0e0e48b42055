// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! When and how long the client waits before trying a request again.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDateTime, Utc};
use reqwest::StatusCode;

/// How the client retries failed requests.
///
/// # What is retried
///
/// For an **idempotent** operation (GET, PUT, DELETE and the like, as the generator marks
/// them) the client retries:
/// - connection failures, including a connection dropped before a full response arrived;
/// - timeouts (overall and connect);
/// - the statuses 408 Request Timeout, 429 Too Many Requests and every 5xx.
///
/// For a **non-idempotent** operation (POST) it retries only when the server certainly did
/// not act on the request, so that a retry can never create a resource twice:
/// - failures to connect (including a connect timeout): nothing was sent;
/// - 408 and 429: the server refused the request without processing it.
///
/// A POST that timed out after connecting, lost its connection, or got a 5xx is **not**
/// retried; the error is returned and the caller decides (for example by listing first).
///
/// # How long it waits
///
/// Before retry `n` (0 for the first retry) the client waits `initial_backoff * 2^n`, capped
/// at `max_backoff`, with *equal jitter*: half of that delay plus a random amount up to the
/// other half, so that many clients failing together do not retry in lockstep. When the
/// response carries `Retry-After` (delta seconds or an HTTP date) and it asks for no more
/// than `max_retry_after`, the client waits exactly that long instead; a longer
/// `Retry-After` is ignored in favour of the computed backoff.
///
/// The timeouts apply to each attempt, not to the whole sequence of attempts and waits.
///
/// # Defaults
///
/// 2 retries (3 attempts in all), 500 ms initial backoff, 8 s maximum backoff, `Retry-After`
/// honoured up to 60 s. [`RetryPolicy::none`] disables retries; a per-request
/// `max_retries` overrides the client's.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The default policy: 2 retries, 500 ms initial backoff, 8 s maximum backoff,
    /// `Retry-After` honoured up to 60 s.
    pub fn new() -> Self {
        Self::default()
    }

    /// A policy that never retries.
    pub fn none() -> Self {
        Self::default().with_max_retries(0)
    }

    /// Sets how many times a request is retried after the first attempt (0 disables
    /// retries).
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Sets the wait before the first retry; each further retry doubles it.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets the longest computed wait between two attempts.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Sets the longest `Retry-After` the client honours; a server asking for longer gets
    /// the computed backoff instead.
    pub fn with_max_retry_after(mut self, max_retry_after: Duration) -> Self {
        self.max_retry_after = max_retry_after;
        self
    }

    /// How many times a request is retried after the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The wait before the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The longest computed wait between two attempts.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The longest `Retry-After` the client honours.
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// The jittered wait before retry `retry` (0 for the first retry), ignoring any
    /// `Retry-After`: between half and all of `min(initial_backoff * 2^retry, max_backoff)`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let full = 2u32
            .checked_pow(retry)
            .and_then(|factor| self.initial_backoff.checked_mul(factor))
            .map_or(self.max_backoff, |d| d.min(self.max_backoff));
        let half = full / 2;
        let spread = full.saturating_sub(half).as_nanos();
        let extra = u128::from(random_u64()) % spread.saturating_add(1);
        let extra = Duration::from_nanos(u64::try_from(extra).unwrap_or(u64::MAX));
        half.saturating_add(extra)
    }

    /// The wait before retry `retry`, given the response's parsed `Retry-After`, if any.
    #[doc(hidden)] // For the generated code and the runtime's tests.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(wait) if wait <= self.max_retry_after => wait,
            _ => self.backoff(retry),
        }
    }
}

/// What went wrong in one attempt, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The connection could not be established (nothing was sent).
    Connect,
    /// The attempt timed out after connecting (the server may have acted).
    Timeout,
    /// The connection failed after it was established (the server may have acted).
    Transport,
    /// The server answered with a non-2xx status.
    Status(StatusCode),
    /// A failure that another attempt cannot fix (the request could not be built).
    Permanent,
}

/// Whether an attempt that failed with `failure` should be retried (retries remaining
/// permitting). See [`RetryPolicy`] for the rules.
pub fn should_retry(failure: Failure, idempotent: bool) -> bool {
    match failure {
        Failure::Connect => true,
        Failure::Timeout | Failure::Transport => idempotent,
        Failure::Status(status) => {
            status == StatusCode::REQUEST_TIMEOUT
                || status == StatusCode::TOO_MANY_REQUESTS
                || (idempotent && status.is_server_error())
        }
        Failure::Permanent => false,
    }
}

/// Parses a `Retry-After` value: delta seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`, and the obsolete RFC 850 and asctime forms). A date in
/// the past gives zero. Anything else gives `None`.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than u64 holds is "a very long time": longer than any maximum.
        return Some(value.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    let date = DateTime::parse_from_rfc2822(value)
        .map(|d| d.with_timezone(&Utc))
        .or_else(|_| {
            NaiveDateTime::parse_from_str(value, "%A, %d-%b-%y %H:%M:%S GMT").map(|d| d.and_utc())
        })
        .or_else(|_| {
            NaiveDateTime::parse_from_str(value, "%a %b %e %H:%M:%S %Y").map(|d| d.and_utc())
        })
        .ok()?;
    Some((date - now).to_std().unwrap_or(Duration::ZERO))
}

/// A random number for jitter, from the standard library's randomly keyed hasher.
fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    hasher.finish()
}
