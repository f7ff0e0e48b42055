//! Hooks: code of the user's that runs on every attempt of every call, to add or change
//! headers and to observe what happened.
//!
//! A hook is a plain trait object registered on the client builder
//! (`ClientBuilder::hook`), called from inside the client's own retry loop. So it sees
//! every attempt (a reqwest middleware would sit below the retries, or duplicate them), it
//! needs no generic service stack (tower), and it cannot weaken what the client
//! guarantees: it may change headers but not the method, the URL or the body; the
//! `Authorization` header is added after it runs (it is never shown to a hook, and a hook
//! cannot replace it); and a hook that panics is caught and logged, the call going on as
//! if it were not there.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url};

/// Code that runs on every attempt of every call. Both methods do nothing by default.
///
/// ```
/// use std::sync::atomic::{AtomicU32, Ordering};
/// use std::sync::Arc;
/// use __CRATE__::hooks::{AttemptInfo, Hook, OutgoingRequest};
///
/// #[derive(Default)]
/// struct Metrics {
///     retries: AtomicU32,
/// }
///
/// impl Hook for Metrics {
///     fn on_request(&self, request: &mut OutgoingRequest<'_>) {
///         if let Ok(value) = "billing".parse() {
///             request.headers_mut().insert("x-team", value);
///         }
///     }
///
///     fn on_attempt(&self, attempt: &AttemptInfo<'_>) {
///         if attempt.retry.is_some() {
///             self.retries.fetch_add(1, Ordering::Relaxed);
///         }
///     }
/// }
///
/// let metrics = Arc::new(Metrics::default());
/// let client = __CRATE__::Client::builder("key").hook(metrics.clone()).build();
/// # let _ = client;
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Called before each attempt is sent, retries included; may add, change or remove
    /// headers. `Authorization` is not among them: it is added afterwards.
    fn on_request(&self, request: &mut OutgoingRequest<'_>) {
        let _ = request;
    }

    /// Called after each attempt, with its outcome and whether it will be retried.
    fn on_attempt(&self, attempt: &AttemptInfo<'_>) {
        let _ = attempt;
    }
}

impl<H: Hook + ?Sized> Hook for std::sync::Arc<H> {
    fn on_request(&self, request: &mut OutgoingRequest<'_>) {
        (**self).on_request(request);
    }

    fn on_attempt(&self, attempt: &AttemptInfo<'_>) {
        (**self).on_attempt(attempt);
    }
}

/// One attempt about to be sent, as a hook sees it.
pub struct OutgoingRequest<'a> {
    pub(crate) operation_id: &'static str,
    pub(crate) method: &'a Method,
    pub(crate) path_template: &'static str,
    pub(crate) url: &'a Url,
    pub(crate) attempt: u32,
    pub(crate) headers: &'a mut HeaderMap,
}

impl OutgoingRequest<'_> {
    /// The spec's `operationId`.
    pub fn operation_id(&self) -> &'static str {
        self.operation_id
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        self.method
    }

    /// The spec's path template, such as `/connections/{id}`.
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }

    /// The URL the attempt goes to.
    pub fn url(&self) -> &Url {
        self.url
    }

    /// Which attempt this is: 1 for the first, 2 for the first retry.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The headers so far (without `Authorization`).
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// The headers, to change. An `Authorization` set here is replaced by the client's.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.headers
    }
}

impl fmt::Debug for OutgoingRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutgoingRequest")
            .field("operation_id", &self.operation_id)
            .field("method", self.method)
            .field("path_template", &self.path_template)
            .field("attempt", &self.attempt)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// What one attempt came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttemptOutcome {
    /// A response with this status (its body was read).
    Status(StatusCode),
    /// The attempt timed out (overall, or the deadline).
    Timeout,
    /// No connection could be made: nothing was sent.
    Connect,
    /// The connection failed after it was made, before a whole response arrived.
    Transport,
    /// The request could not be sent at all.
    Invalid,
}

impl AttemptOutcome {
    /// The OpenTelemetry `error.type` of this outcome: the status code for a non-2xx
    /// status, a short name for a failure, `None` for a success.
    pub fn error_type(&self) -> Option<Cow<'static, str>> {
        match self {
            AttemptOutcome::Status(status) if status.is_success() => None,
            AttemptOutcome::Status(status) => Some(Cow::Owned(status.as_str().to_owned())),
            AttemptOutcome::Timeout => Some(Cow::Borrowed("timeout")),
            AttemptOutcome::Connect => Some(Cow::Borrowed("connect")),
            AttemptOutcome::Transport => Some(Cow::Borrowed("transport")),
            AttemptOutcome::Invalid => Some(Cow::Borrowed("invalid_request")),
        }
    }
}

/// Why and when an attempt is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retry {
    /// How long the client waits before the next attempt.
    pub delay: Duration,
    /// Whether that wait is the server's `Retry-After` rather than the computed backoff.
    pub from_retry_after: bool,
}

/// One attempt that has ended, as a hook sees it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AttemptInfo<'a> {
    /// The spec's `operationId`.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: &'a Method,
    /// The spec's path template (never the real path, which may hold ids).
    pub path_template: &'static str,
    /// Which attempt this was: 1 for the first, 2 for the first retry.
    pub attempt: u32,
    /// What it came to; the reason for the retry when [`AttemptInfo::retry`] is `Some`.
    pub outcome: AttemptOutcome,
    /// From sending the request to the end of the response body (or the failure).
    pub latency: Duration,
    /// `Some` when the client will try again, after the delay it says.
    pub retry: Option<Retry>,
}

/// Runs `f` on every hook, catching a panic so that a faulty hook cannot cut a call short.
pub(crate) fn each<H: ?Sized + Hook>(hooks: &[std::sync::Arc<H>], mut f: impl FnMut(&H)) {
    for hook in hooks {
        let run = std::panic::AssertUnwindSafe(|| f(hook));
        if std::panic::catch_unwind(run).is_err() {
            tracing::warn!("a client hook panicked; the call goes on without it");
        }
    }
}
