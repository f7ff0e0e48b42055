// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! The HTTP client every operation goes through: authentication, timeouts, retries,
//! tracing and the mapping of responses to values and errors.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, ACCEPT_ENCODING, AUTHORIZATION, CONTENT_TYPE,
    RETRY_AFTER, USER_AGENT,
};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use super::error::{ApiError, BuildError, Error};
use super::hooks::{self, AttemptInfo, AttemptOutcome, Hook, OutgoingRequest, Retry};
#[cfg(feature = "test-util")]
use super::mock::{MockOutcome, MockTransport};
use super::operation::{Operation, RequestParts};
use super::query::Query;
use super::response::{accept_encoding, decode_content, Response};
use super::retry::{self, Failure, RetryPolicy};
use super::telemetry;
use super::wire::decode_json;

/// The default overall timeout of one attempt.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The default connect timeout.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How many extra HTTP clients (one per distinct per-request connect timeout) are kept.
const MAX_CONNECT_CLIENTS: usize = 16;

/// The API client. Cheap to clone (clones share one connection pool), `Send` and `Sync`.
///
/// `Debug` shows the configuration but never the API key or password.
///
/// ```no_run
/// # fn run() -> Result<(), __CRATE__::BuildError> {
/// use std::time::Duration;
///
/// // Defaults: the spec's server, 60 s per attempt, 10 s to connect, 2 retries.
/// let client = __CRATE__::Client::new(std::env::var("API_KEY").unwrap_or_default());
///
/// // Or set what differs.
/// let client = __CRATE__::Client::builder(std::env::var("API_KEY").unwrap_or_default())
///     .timeout(Duration::from_secs(20))
///     .max_retries(4)
///     .user_agent("billing-service/1.4")
///     .build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// The shared state of a [`Client`].
struct Inner {
    base_url: String,
    /// The `Authorization` value, marked sensitive; `None` when it could not be built.
    authorization: Option<HeaderValue>,
    auth_scheme: AuthScheme,
    user_agent: Option<HeaderValue>,
    timeout: Duration,
    connect_timeout: Duration,
    /// The time all attempts of a call and the waits between them may take, if limited.
    deadline: Option<Duration>,
    retry_policy: RetryPolicy,
    /// The HTTP client; `None` when it could not be built.
    http: Option<reqwest::Client>,
    caller_supplied_http: bool,
    /// Clients built for per-request connect timeouts, by timeout.
    connect_clients: Mutex<HashMap<Duration, reqwest::Client>>,
    /// Why requests cannot be sent, when [`Client::new`] met a configuration problem.
    problem: Option<String>,
    /// The hooks every attempt runs, in the order they were added.
    hooks: Vec<Arc<dyn Hook>>,
    /// Answers in place of the network, when set.
    #[cfg(feature = "test-util")]
    mock: Option<MockTransport>,
}

/// How requests authenticate.
#[derive(Clone)]
enum Auth {
    /// `Authorization: Bearer <api key>`.
    Bearer,
    /// `Authorization: Basic` with the API key as user name and an empty password.
    BasicWithKey,
    /// `Authorization: Basic` with explicit credentials.
    Basic { username: String, password: String },
}

/// How a client authenticates unless told otherwise: the generated crate picks it from the
/// spec's security schemes.
#[derive(Clone, Copy, Debug)]
pub enum DefaultAuth {
    /// The API key as a bearer token.
    Bearer,
    /// HTTP basic auth with the API key as user name and an empty password.
    BasicWithKey,
}

/// The authentication scheme, for `Debug`.
#[derive(Clone, Copy, Debug)]
enum AuthScheme {
    Bearer,
    Basic,
}

/// What a generated crate passes in: its spec's server, its user agent, and the
/// authentication its spec's security schemes call for.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Defaults {
    /// The server requests go to unless told otherwise.
    pub base_url: &'static str,
    /// The `User-Agent` sent unless told otherwise.
    pub user_agent: &'static str,
    /// How `Client::new` authenticates.
    pub auth: DefaultAuth,
}

impl Client {
    /// A client with these defaults; the generated crate's `Client::new` passes its own.
    #[doc(hidden)]
    pub fn with_defaults(api_key: impl Into<String>, defaults: &Defaults) -> Self {
        let (inner, _problem) = ClientBuilder::with_defaults(api_key, defaults).assemble();
        Client {
            inner: Arc::new(inner),
        }
    }

    /// How many extra HTTP clients per-request connect timeouts have built and kept.
    #[doc(hidden)] // For the runtime's tests.
    pub fn connect_clients_kept(&self) -> usize {
        self.inner
            .connect_clients
            .lock()
            .map_or(0, |clients| clients.len())
    }

    /// The base URL requests go to (without a trailing `/`).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The retry policy of this client.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry_policy
    }

    /// Sends one operation, retrying as the [`RetryPolicy`] says, and decodes the answer:
    /// 2xx as `T`, a status in `op.error_statuses` as `E` ([`Error::Api`]), any other
    /// status as [`Error::UnexpectedStatus`]. With a deadline, no attempt outlasts it and
    /// no retry starts whose wait would cross it.
    #[doc(hidden)] // For the generated code and the runtime's tests.
    pub async fn execute<T, E>(
        &self,
        op: &Operation,
        parts: RequestParts,
        options: &RequestOptions,
    ) -> Result<Response<T>, Error<E>>
    where
        T: DeserializeOwned,
        E: DeserializeOwned,
    {
        let inner = &*self.inner;
        if let Some(problem) = &inner.problem {
            return Err(Error::invalid(problem.clone()));
        }
        if let Some(problem) = &options.bad_header {
            return Err(Error::invalid(problem.clone()));
        }
        let url = build_url(&inner.base_url, &parts.path, &parts.query).map_err(Error::invalid)?;
        let http = self.http_client_for(options.connect_timeout)?;
        let timeout = options.timeout.unwrap_or(inner.timeout);
        // A deadline too far away to represent is no deadline.
        let deadline = options
            .deadline
            .or(inner.deadline)
            .and_then(|limit| tokio::time::Instant::now().checked_add(limit));
        let max_retries = options
            .max_retries
            .unwrap_or_else(|| inner.retry_policy.max_retries());
        let mut request = PreparedRequest {
            op,
            url: &url,
            authorization: inner.authorization.as_ref(),
            user_agent: inner.user_agent.as_ref(),
            body: parts.body.as_deref(),
            extra_headers: &options.headers,
            timeout,
            hooks: &inner.hooks,
            #[cfg(feature = "test-util")]
            mock: inner.mock.as_ref(),
        };

        let call_span = telemetry::call_span(op, &url);
        let (outcome, attempts) = self
            .attempts(&mut request, &http, deadline, timeout, max_retries)
            .instrument(call_span.clone())
            .await;
        call_span.record("attempts", attempts);
        match outcome {
            Some(outcome) => {
                telemetry::record_outcome(&call_span, summarize(&outcome));
                finish(op, outcome)
            }
            // The deadline passed before any attempt could start.
            None => {
                telemetry::record_outcome(&call_span, AttemptOutcome::Timeout);
                Err(Error::Timeout { source: None })
            }
        }
    }

    /// Sends attempts until one is final, waiting between them as the [`RetryPolicy`]
    /// says: the last attempt's outcome (`None` when the deadline left no time for one)
    /// and how many attempts were made.
    async fn attempts(
        &self,
        request: &mut PreparedRequest<'_>,
        http: &reqwest::Client,
        deadline: Option<tokio::time::Instant>,
        timeout: Duration,
        max_retries: u32,
    ) -> (Option<Result<RawResponse, AttemptError>>, u32) {
        let inner = &*self.inner;
        let op = request.op;
        let mut retries_done: u32 = 0;
        let mut previous = None;
        loop {
            if let Some(deadline) = deadline {
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                if left.is_zero() {
                    // A wait that was to end in time overran: the last answer stands.
                    return (previous, retries_done);
                }
                request.timeout = timeout.min(left);
            }
            let attempt = retries_done + 1;
            let span = telemetry::attempt_span(op, request.url, attempt);
            let started = Instant::now();
            let outcome = request.send(http, attempt).instrument(span.clone()).await;
            let latency = started.elapsed();
            let summary = summarize(&outcome);
            telemetry::record_outcome(&span, summary);
            let (failure, retry_after) = classify(&outcome);
            let mut retry = None;
            if let Some(failure) = failure {
                let delay = inner.retry_policy.delay(retries_done, retry_after);
                let in_time =
                    deadline.is_none_or(|deadline| tokio::time::Instant::now() + delay < deadline);
                if retries_done < max_retries
                    && retry::should_retry(failure, op.idempotent)
                    && in_time
                {
                    let from_retry_after = retry_after
                        .is_some_and(|wait| wait <= inner.retry_policy.max_retry_after());
                    retry = Some(Retry {
                        delay,
                        from_retry_after,
                    });
                }
            }
            if !inner.hooks.is_empty() {
                let info = AttemptInfo {
                    operation_id: op.id,
                    method: &op.method,
                    path_template: op.path_template,
                    attempt,
                    outcome: summary,
                    latency,
                    retry,
                };
                hooks::each(&inner.hooks, |hook| hook.on_attempt(&info));
            }
            match retry {
                Some(retry) => {
                    span.in_scope(|| {
                        tracing::debug!(?failure, delay = ?retry.delay, "request failed; retrying");
                    });
                    tokio::time::sleep(retry.delay).await;
                    retries_done += 1;
                    previous = Some(outcome);
                }
                None => return (Some(outcome), attempt),
            }
        }
    }

    /// The HTTP client for a request: the main one, or one built (and cached) for a
    /// per-request connect timeout.
    fn http_client_for<E>(
        &self,
        connect_timeout: Option<Duration>,
    ) -> Result<reqwest::Client, Error<E>> {
        let inner = &*self.inner;
        let main = inner
            .http
            .as_ref()
            .ok_or_else(|| Error::invalid("the HTTP client could not be initialised"))?;
        let wanted = match connect_timeout {
            Some(wanted) if wanted != inner.connect_timeout => wanted,
            _ => return Ok(main.clone()),
        };
        if inner.caller_supplied_http {
            tracing::debug!(
                "per-request connect timeout ignored: the caller-supplied HTTP client sets its own"
            );
            return Ok(main.clone());
        }
        let mut cache = inner
            .connect_clients
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(client) = cache.get(&wanted) {
            return Ok(client.clone());
        }
        match build_http_client(wanted) {
            Ok(client) => {
                if cache.len() >= MAX_CONNECT_CLIENTS {
                    cache.clear();
                }
                cache.insert(wanted, client.clone());
                Ok(client)
            }
            Err(error) => {
                tracing::warn!(
                    %error,
                    "could not build an HTTP client for the per-request connect timeout; using the client's own"
                );
                Ok(main.clone())
            }
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.base_url)
            .field("auth", &Redacted(inner.auth_scheme))
            .field("user_agent", &inner.user_agent)
            .field("timeout", &inner.timeout)
            .field("connect_timeout", &inner.connect_timeout)
            .field("deadline", &inner.deadline)
            .field("retry_policy", &inner.retry_policy)
            .field("caller_supplied_http_client", &inner.caller_supplied_http)
            .field("hooks", &inner.hooks.len())
            .field("problem", &inner.problem)
            .finish()
    }
}

/// Shows an authentication scheme with its secret redacted.
struct Redacted(AuthScheme);

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}(<redacted>)", self.0)
    }
}

/// Configures and builds a [`Client`]; start with [`Client::builder`].
///
/// `Debug` never shows the API key or password.
#[derive(Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct ClientBuilder {
    api_key: String,
    auth: Auth,
    base_url: String,
    user_agent: String,
    timeout: Duration,
    connect_timeout: Duration,
    deadline: Option<Duration>,
    retry_policy: RetryPolicy,
    http_client: Option<reqwest::Client>,
    hooks: Vec<Arc<dyn Hook>>,
    #[cfg(feature = "test-util")]
    mock: Option<MockTransport>,
}

impl ClientBuilder {
    /// A builder with these defaults; the generated crate's `Client::builder` passes its
    /// own.
    #[doc(hidden)]
    pub fn with_defaults(api_key: impl Into<String>, defaults: &Defaults) -> Self {
        ClientBuilder {
            api_key: api_key.into(),
            auth: match defaults.auth {
                DefaultAuth::Bearer => Auth::Bearer,
                DefaultAuth::BasicWithKey => Auth::BasicWithKey,
            },
            base_url: defaults.base_url.to_owned(),
            user_agent: defaults.user_agent.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            deadline: None,
            retry_policy: RetryPolicy::default(),
            http_client: None,
            hooks: Vec::new(),
            #[cfg(feature = "test-util")]
            mock: None,
        }
    }

    /// Sends requests to `base_url` instead of the spec's server (a trailing `/` is
    /// ignored). It must be an `http` or `https` URL without credentials, query or
    /// fragment; it may have a path, which prefixes every operation's path.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Authenticates with HTTP basic auth, the API key as user name and an empty password,
    /// instead of a bearer token.
    pub fn basic_auth(mut self) -> Self {
        self.auth = Auth::BasicWithKey;
        self
    }

    /// Authenticates with HTTP basic auth with these credentials; the API key is then not
    /// sent.
    pub fn basic_auth_credentials(
        mut self,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.auth = Auth::Basic {
            username: username.into(),
            password: password.into(),
        };
        self
    }

    /// The overall timeout of each attempt, from sending the request to the end of the
    /// response body (default 60 s). Retries get a fresh timeout each.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Limits the time a call may take in all: every attempt and the waits between them
    /// (default: no limit beyond `timeout` per attempt). An attempt is cut short when the
    /// deadline passes (`Error::Timeout`), and no retry starts whose wait would cross it
    /// (the last attempt's error is returned).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The connect timeout (default 10 s). Ignored with [`ClientBuilder::http_client`]: a
    /// caller-supplied HTTP client keeps its own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Replaces the retry policy (including its `max_retries`; call
    /// [`ClientBuilder::max_retries`] afterwards to change only that).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Sets how many times a failed request is retried (default 2; 0 disables retries).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry_policy = self.retry_policy.with_max_retries(max_retries);
        self
    }

    /// Replaces the `User-Agent` header (default: the crate's name and version).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends requests through this `reqwest::Client` (for its proxy, TLS or pool
    /// settings). The overall timeout is still applied to each request; the connect
    /// timeout is the supplied client's own, and per-request connect timeouts are ignored.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Adds a hook that runs on every attempt of every call, after the hooks added
    /// before it (see [`Hook`]): to add or change headers, and to observe each attempt's
    /// outcome, latency and retry.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Answers every request from `transport` instead of the network (the `test-util`
    /// feature). Everything else (retries, timeouts, hooks, decoding) works as usual.
    #[cfg(feature = "test-util")]
    pub fn transport(mut self, transport: MockTransport) -> Self {
        self.mock = Some(transport);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// A [`BuildError`] saying what is wrong with the configuration: a base URL that is
    /// not an absolute `http`/`https` URL (or carries credentials, a query or a fragment),
    /// an API key, password or user agent that cannot be sent in an HTTP header, or an
    /// HTTP client that could not be initialised. The error never contains the key.
    pub fn build(self) -> Result<Client, BuildError> {
        let (inner, problem) = self.assemble();
        match problem {
            Some(problem) => Err(problem),
            None => Ok(Client {
                inner: Arc::new(inner),
            }),
        }
    }

    /// Builds the client state, keeping the first configuration problem both as the
    /// returned error and inside the state (so that requests fail with it).
    fn assemble(self) -> (Inner, Option<BuildError>) {
        let mut problems: Vec<BuildError> = Vec::new();

        let base_url = self.base_url.trim_end_matches('/').to_owned();
        if let Err(problem) = check_base_url(&base_url) {
            problems.push(problem);
        }

        let (authorization, auth_scheme) = match authorization_value(&self.api_key, &self.auth) {
            Ok(value) => (Some(value.0), value.1),
            Err(problem) => {
                problems.push(problem);
                (None, AuthScheme::of(&self.auth))
            }
        };

        let user_agent = match HeaderValue::from_str(&self.user_agent) {
            Ok(value) => Some(value),
            Err(error) => {
                problems.push(BuildError::with_source(
                    "the user agent cannot be sent in an HTTP header",
                    error,
                ));
                None
            }
        };

        let caller_supplied_http = self.http_client.is_some();
        let http = match self.http_client {
            Some(client) => Some(client),
            None => match build_http_client(self.connect_timeout) {
                Ok(client) => Some(client),
                Err(error) => {
                    problems.push(BuildError::with_source(
                        "the HTTP client could not be initialised",
                        error,
                    ));
                    None
                }
            },
        };

        let mut problems = problems.into_iter();
        let first = problems.next();
        let inner = Inner {
            base_url,
            authorization,
            auth_scheme,
            user_agent,
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            deadline: self.deadline,
            retry_policy: self.retry_policy,
            http,
            caller_supplied_http,
            connect_clients: Mutex::new(HashMap::new()),
            problem: first
                .as_ref()
                .map(|p| format!("the client is misconfigured: {}", p.message())),
            hooks: self.hooks,
            #[cfg(feature = "test-util")]
            mock: self.mock,
        };
        (inner, first)
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &Redacted(AuthScheme::of(&self.auth)))
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("deadline", &self.deadline)
            .field("retry_policy", &self.retry_policy)
            .field("caller_supplied_http_client", &self.http_client.is_some())
            .field("hooks", &self.hooks.len())
            .finish()
    }
}

impl AuthScheme {
    fn of(auth: &Auth) -> Self {
        match auth {
            Auth::Bearer => AuthScheme::Bearer,
            Auth::BasicWithKey | Auth::Basic { .. } => AuthScheme::Basic,
        }
    }
}

/// The `Authorization` header value for `auth`, marked sensitive.
fn authorization_value(
    api_key: &str,
    auth: &Auth,
) -> Result<(HeaderValue, AuthScheme), BuildError> {
    let text = match auth {
        Auth::Bearer => format!("Bearer {api_key}"),
        Auth::BasicWithKey => format!("Basic {}", base64(format!("{api_key}:").as_bytes())),
        Auth::Basic { username, password } => {
            format!(
                "Basic {}",
                base64(format!("{username}:{password}").as_bytes())
            )
        }
    };
    let mut value = HeaderValue::from_str(&text).map_err(|_| {
        // Deliberately without the source: it would not show the key, but say nothing more.
        BuildError::new("the API key cannot be sent in an HTTP header (control characters?)")
    })?;
    value.set_sensitive(true);
    Ok((value, AuthScheme::of(auth)))
}

/// Standard base64 with padding (RFC 4648 §4), for basic auth.
pub fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b0 = chunk.first().copied().unwrap_or(0);
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        let sextet = |shift: u32| {
            // The index is six bits, always within the 64-character alphabet.
            let index = ((n >> shift) & 0x3f) as usize;
            ALPHABET.get(index).map_or('=', |&b| char::from(b))
        };
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

/// Checks that a base URL (already without its trailing `/`) can prefix operation paths.
fn check_base_url(base_url: &str) -> Result<(), BuildError> {
    let url = Url::parse(base_url).map_err(|error| {
        BuildError::with_source(format!("invalid base URL `{base_url}`"), error)
    })?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(BuildError::new(format!(
            "the base URL must use http or https, not `{}`",
            url.scheme()
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Not echoed: it holds a credential.
        return Err(BuildError::new(
            "the base URL must not contain credentials; use basic_auth_credentials",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(BuildError::new(format!(
            "the base URL `{base_url}` must not have a query or fragment"
        )));
    }
    Ok(())
}

/// A `reqwest::Client` with our connect timeout (the overall timeout is set per request).
fn build_http_client(connect_timeout: Duration) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .build()
}

/// `base_url + path + ?query`, parsed.
pub fn build_url(base_url: &str, path: &str, query: &Query) -> Result<Url, String> {
    if !path.starts_with('/') {
        return Err(format!("the request path `{path}` must start with `/`"));
    }
    let mut text = String::with_capacity(base_url.len() + path.len() + 64);
    text.push_str(base_url);
    text.push_str(path);
    if !query.is_empty() {
        text.push('?');
        text.push_str(&query.encode());
    }
    Url::parse(&text).map_err(|error| format!("could not build the request URL: {error}"))
}

/// Serialises a request body as JSON, or fails with [`Error::InvalidRequest`].
#[allow(dead_code)] // Not every spec has request bodies.
pub fn json_body<E, B: serde::Serialize + ?Sized>(body: &B) -> Result<Vec<u8>, Error<E>> {
    serde_json::to_vec(body)
        .map_err(|error| Error::invalid(format!("could not serialise the request body: {error}")))
}

/// Settings for one call that override the client's.
///
/// The setters take `&mut self` and return it, so they chain on a binding
/// (`options.timeout(Duration::from_secs(5)).max_retries(0);`) and also serve builders
/// that hold a `RequestOptions` by value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// A header given to [`RequestOptions::header`] that HTTP cannot carry; the request
    /// fails with [`Error::InvalidRequest`] instead of going out without it.
    pub(crate) bad_header: Option<String>,
}

impl RequestOptions {
    /// Options that override nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Overrides the overall timeout of each attempt.
    pub fn timeout(&mut self, timeout: Duration) -> &mut Self {
        self.timeout = Some(timeout);
        self
    }

    /// Overrides the connect timeout. reqwest sets connect timeouts per HTTP client, so
    /// the client builds (once per distinct duration, and keeps) a second HTTP client with
    /// its own connection pool for such requests. Ignored when the client was given a
    /// caller-supplied HTTP client.
    pub fn connect_timeout(&mut self, timeout: Duration) -> &mut Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Overrides the client's deadline: the time all attempts of the call and the waits
    /// between them may take (see [`ClientBuilder::deadline`]).
    pub fn deadline(&mut self, deadline: Duration) -> &mut Self {
        self.deadline = Some(deadline);
        self
    }

    /// Overrides how many times the request is retried (0 disables retries).
    pub fn max_retries(&mut self, max_retries: u32) -> &mut Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Adds a header to every attempt of the request (an idempotency key, a tracing id, a
    /// mock server's `Prefer`). Values are marked sensitive, so `Debug` does not show
    /// them. A name or value HTTP cannot carry makes the request fail with
    /// [`Error::InvalidRequest`].
    pub fn header(&mut self, name: &str, value: &str) -> &mut Self {
        match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            (Ok(name), Ok(mut value)) => {
                value.set_sensitive(true);
                self.headers.push((name, value));
            }
            _ => {
                self.bad_header = Some(format!(
                    "`{name}` is not a valid HTTP header name and value"
                ))
            }
        }
        self
    }
}

/// What one attempt sends.
struct PreparedRequest<'a> {
    op: &'a Operation,
    url: &'a Url,
    authorization: Option<&'a HeaderValue>,
    user_agent: Option<&'a HeaderValue>,
    body: Option<&'a [u8]>,
    extra_headers: &'a [(HeaderName, HeaderValue)],
    timeout: Duration,
    hooks: &'a [Arc<dyn Hook>],
    #[cfg(feature = "test-util")]
    mock: Option<&'a MockTransport>,
}

/// What one attempt received.
struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

/// Why an attempt got no usable response.
enum AttemptError {
    /// The HTTP client's error.
    Http(reqwest::Error),
    /// The mock transport timed the attempt out.
    #[cfg(feature = "test-util")]
    MockTimeout,
    /// The mock transport had no reply for the operation.
    #[cfg(feature = "test-util")]
    Unanswered(String),
}

impl PreparedRequest<'_> {
    /// Sends attempt number `attempt` (from 1) and reads the whole response. The hooks see
    /// the headers before `Authorization` is added.
    async fn send(
        &self,
        http: &reqwest::Client,
        attempt: u32,
    ) -> Result<RawResponse, AttemptError> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(encodings) = accept_encoding() {
            headers.insert(ACCEPT_ENCODING, encodings);
        }
        if let Some(user_agent) = self.user_agent {
            headers.insert(USER_AGENT, user_agent.clone());
        }
        for (name, value) in self.extra_headers {
            headers.append(name.clone(), value.clone());
        }
        if self.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        if !self.hooks.is_empty() {
            let mut outgoing = OutgoingRequest {
                operation_id: self.op.id,
                method: &self.op.method,
                path_template: self.op.path_template,
                url: self.url,
                attempt,
                headers: &mut headers,
            };
            hooks::each(self.hooks, |hook| hook.on_request(&mut outgoing));
        }
        if let Some(authorization) = self.authorization {
            headers.insert(AUTHORIZATION, authorization.clone());
        }
        let mut request = reqwest::Request::new(self.op.method.clone(), self.url.clone());
        *request.headers_mut() = headers;
        *request.timeout_mut() = Some(self.timeout);
        if let Some(body) = self.body {
            *request.body_mut() = Some(body.to_vec().into());
        }
        #[cfg(feature = "test-util")]
        if let Some(mock) = self.mock {
            return match mock.send(self.op.id, request).await {
                MockOutcome::Response(response) => {
                    read_response(response).await.map_err(AttemptError::Http)
                }
                MockOutcome::Timeout => Err(AttemptError::MockTimeout),
                MockOutcome::Unanswered(message) => Err(AttemptError::Unanswered(message)),
            };
        }
        let response = http.execute(request).await.map_err(AttemptError::Http)?;
        read_response(response).await.map_err(AttemptError::Http)
    }
}

/// Reads a response's status, headers and whole body.
async fn read_response(response: reqwest::Response) -> Result<RawResponse, reqwest::Error> {
    let status = response.status();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| retry::parse_retry_after(value, chrono::Utc::now()));
    let headers = response.headers().clone();
    let body = response.bytes().await?.to_vec();
    Ok(RawResponse {
        status,
        headers,
        retry_after,
        body,
    })
}

/// What an attempt came to, for hooks and spans.
fn summarize(outcome: &Result<RawResponse, AttemptError>) -> AttemptOutcome {
    match outcome {
        Ok(response) => AttemptOutcome::Status(response.status),
        Err(AttemptError::Http(error)) if error.is_builder() => AttemptOutcome::Invalid,
        Err(AttemptError::Http(error)) if error.is_connect() => AttemptOutcome::Connect,
        Err(AttemptError::Http(error)) if error.is_timeout() => AttemptOutcome::Timeout,
        Err(AttemptError::Http(_)) => AttemptOutcome::Transport,
        #[cfg(feature = "test-util")]
        Err(AttemptError::MockTimeout) => AttemptOutcome::Timeout,
        #[cfg(feature = "test-util")]
        Err(AttemptError::Unanswered(_)) => AttemptOutcome::Invalid,
    }
}

/// What failed in an attempt (nothing, for a 2xx) and the server's `Retry-After`.
fn classify(outcome: &Result<RawResponse, AttemptError>) -> (Option<Failure>, Option<Duration>) {
    match outcome {
        Ok(response) if response.status.is_success() => (None, None),
        Ok(response) => (Some(Failure::Status(response.status)), response.retry_after),
        Err(_) => {
            let failure = match summarize(outcome) {
                AttemptOutcome::Invalid => Failure::Permanent,
                // Includes connect timeouts: nothing reached the server.
                AttemptOutcome::Connect => Failure::Connect,
                AttemptOutcome::Timeout => Failure::Timeout,
                AttemptOutcome::Transport | AttemptOutcome::Status(_) => Failure::Transport,
            };
            (Some(failure), None)
        }
    }
}

/// Turns the last attempt into the operation's result.
fn finish<T, E>(
    op: &Operation,
    outcome: Result<RawResponse, AttemptError>,
) -> Result<Response<T>, Error<E>>
where
    T: DeserializeOwned,
    E: DeserializeOwned,
{
    let response = match outcome {
        Ok(response) => response,
        Err(AttemptError::Http(error)) if error.is_timeout() => {
            return Err(Error::Timeout {
                source: Some(error),
            })
        }
        Err(AttemptError::Http(error)) if error.is_builder() => {
            return Err(Error::invalid(format!(
                "the request could not be built: {error}"
            )))
        }
        Err(AttemptError::Http(error)) => return Err(Error::Transport { source: error }),
        #[cfg(feature = "test-util")]
        Err(AttemptError::MockTimeout) => return Err(Error::Timeout { source: None }),
        #[cfg(feature = "test-util")]
        Err(AttemptError::Unanswered(message)) => return Err(Error::invalid(message)),
    };
    let RawResponse {
        status,
        headers,
        body,
        ..
    } = response;
    // Only now, with the status known: a body that cannot be decoded keeps both.
    let body = match decode_content(&headers, &body) {
        Ok(Some(decoded)) => decoded,
        Ok(None) => body,
        Err(source) => {
            return Err(Error::Decompress {
                status,
                headers: Box::new(headers),
                body,
                source,
            })
        }
    };
    if status.is_success() {
        return match decode_json::<T>(&body) {
            Ok(value) => Ok(Response {
                status,
                headers,
                value,
            }),
            Err(source) => Err(Error::Decode {
                status,
                headers: Box::new(headers),
                body,
                source,
            }),
        };
    }
    if op.error_statuses.contains(&status.as_u16()) {
        return match decode_json::<E>(&body) {
            Ok(decoded) => Err(Error::Api(Box::new(ApiError {
                status,
                headers,
                body: decoded,
                raw: body,
            }))),
            Err(source) => Err(Error::Decode {
                status,
                headers: Box::new(headers),
                body,
                source,
            }),
        };
    }
    Err(Error::UnexpectedStatus {
        status,
        headers: Box::new(headers),
        body,
    })
}
