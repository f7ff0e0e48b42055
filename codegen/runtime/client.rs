// Runtime support copied by `cargo xtask codegen`; edit codegen/runtime/, not the generated copy.
//! The HTTP client every operation goes through: authentication, timeouts, retries,
//! tracing and the mapping of responses to values and errors.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, ACCEPT_ENCODING, AUTHORIZATION, CONTENT_TYPE,
    RETRY_AFTER, USER_AGENT,
};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use super::error::{ApiError, BuildError, Error};
use super::query::Query;
use super::response::{accept_encoding, decode_content, Response};
use super::retry::{self, Failure, RetryPolicy};
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

impl Client {
    /// A client with the given API key sent as the spec's security schemes say (a bearer
    /// token when the spec offers one), and the defaults: the spec's server, a 60 s
    /// timeout per attempt, a 10 s connect timeout, the default [`RetryPolicy`] and the
    /// crate's user agent.
    ///
    /// This never panics. If the configuration cannot be used (an API key with characters
    /// that cannot travel in an HTTP header, or an HTTP client that cannot be initialised)
    /// every request fails with [`Error::InvalidRequest`] saying why; use
    /// [`Client::builder`] and [`ClientBuilder::build`] to get that error up front.
    pub fn new(api_key: impl Into<String>) -> Self {
        let (inner, _problem) = Self::builder(api_key).assemble();
        Client {
            inner: Arc::new(inner),
        }
    }

    /// A builder for a client with the given API key.
    pub fn builder(api_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            api_key: api_key.into(),
            auth: match crate::DEFAULT_AUTH {
                DefaultAuth::Bearer => Auth::Bearer,
                DefaultAuth::BasicWithKey => Auth::BasicWithKey,
            },
            base_url: crate::DEFAULT_BASE_URL.to_owned(),
            user_agent: crate::DEFAULT_USER_AGENT.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            deadline: None,
            retry_policy: RetryPolicy::default(),
            http_client: None,
        }
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
    pub(crate) async fn execute<T, E>(
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
            method: &op.method,
            url: &url,
            authorization: inner.authorization.as_ref(),
            user_agent: inner.user_agent.as_ref(),
            body: parts.body.as_deref(),
            extra_headers: &options.headers,
            timeout,
        };

        let mut retries_done: u32 = 0;
        let mut previous = None;
        loop {
            if let Some(deadline) = deadline {
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                if left.is_zero() {
                    // A wait that was to end in time overran: the last answer stands.
                    return match previous {
                        Some(outcome) => finish(op, outcome),
                        None => Err(Error::Timeout { source: None }),
                    };
                }
                request.timeout = timeout.min(left);
            }
            let attempt = retries_done + 1;
            let span = tracing::info_span!(
                "http_request",
                operation = op.id,
                method = %op.method,
                path = op.path_template,
                attempt,
                status = tracing::field::Empty,
            );
            let outcome = request.send(&http).instrument(span.clone()).await;
            let (failure, retry_after) = classify(&outcome);
            if let Some(failure) = failure {
                let delay = inner.retry_policy.delay(retries_done, retry_after);
                let in_time =
                    deadline.is_none_or(|deadline| tokio::time::Instant::now() + delay < deadline);
                if retries_done < max_retries
                    && retry::should_retry(failure, op.idempotent)
                    && in_time
                {
                    span.in_scope(|| {
                        tracing::debug!(?failure, ?delay, "request failed; retrying");
                    });
                    tokio::time::sleep(delay).await;
                    retries_done += 1;
                    previous = Some(outcome);
                    continue;
                }
            }
            return finish(op, outcome);
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
}

impl ClientBuilder {
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
fn base64(input: &[u8]) -> String {
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
fn build_url(base_url: &str, path: &str, query: &Query) -> Result<Url, String> {
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

/// One operation: what the generated code knows about it statically.
#[derive(Clone, Debug)]
pub(crate) struct Operation {
    /// The spec's `operationId` (for tracing).
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The spec's path template, such as `/things/{id}` (for tracing; never the real path).
    pub path_template: &'static str,
    /// Whether sending the request twice has the same effect as once (decides retries).
    pub idempotent: bool,
    /// The statuses the operation declares as errors, decoded as its error type.
    pub error_statuses: &'static [u16],
}

/// The parts of one request that vary per call.
#[derive(Clone, Debug, Default)]
pub(crate) struct RequestParts {
    /// The path after the base URL, already percent-encoded, starting with `/`.
    pub path: String,
    /// The query parameters.
    pub query: Query,
    /// The JSON body, if any.
    pub body: Option<Vec<u8>>,
}

/// Serialises a request body as JSON, or fails with [`Error::InvalidRequest`].
#[allow(dead_code)] // Not every spec has request bodies.
pub(crate) fn json_body<E, B: serde::Serialize + ?Sized>(body: &B) -> Result<Vec<u8>, Error<E>> {
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
    method: &'a Method,
    url: &'a Url,
    authorization: Option<&'a HeaderValue>,
    user_agent: Option<&'a HeaderValue>,
    body: Option<&'a [u8]>,
    extra_headers: &'a [(HeaderName, HeaderValue)],
    timeout: Duration,
}

/// What one attempt received.
struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

impl PreparedRequest<'_> {
    /// Sends one attempt and reads the whole response; records the status on the current
    /// span.
    async fn send(&self, http: &reqwest::Client) -> Result<RawResponse, reqwest::Error> {
        let mut request = http
            .request(self.method.clone(), self.url.clone())
            .timeout(self.timeout)
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(encodings) = accept_encoding() {
            request = request.header(ACCEPT_ENCODING, encodings);
        }
        if let Some(authorization) = self.authorization {
            request = request.header(AUTHORIZATION, authorization.clone());
        }
        if let Some(user_agent) = self.user_agent {
            request = request.header(USER_AGENT, user_agent.clone());
        }
        for (name, value) in self.extra_headers {
            request = request.header(name.clone(), value.clone());
        }
        if let Some(body) = self.body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body.to_vec());
        }
        let response = request.send().await?;
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
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
}

/// What failed in an attempt (nothing, for a 2xx) and the server's `Retry-After`.
fn classify(outcome: &Result<RawResponse, reqwest::Error>) -> (Option<Failure>, Option<Duration>) {
    match outcome {
        Ok(response) if response.status.is_success() => (None, None),
        Ok(response) => (Some(Failure::Status(response.status)), response.retry_after),
        Err(error) => {
            let failure = if error.is_builder() {
                Failure::Permanent
            } else if error.is_connect() {
                // Includes connect timeouts: nothing reached the server.
                Failure::Connect
            } else if error.is_timeout() {
                Failure::Timeout
            } else {
                Failure::Transport
            };
            (Some(failure), None)
        }
    }
}

/// Turns the last attempt into the operation's result.
fn finish<T, E>(
    op: &Operation,
    outcome: Result<RawResponse, reqwest::Error>,
) -> Result<Response<T>, Error<E>>
where
    T: DeserializeOwned,
    E: DeserializeOwned,
{
    let response = match outcome {
        Ok(response) => response,
        Err(error) if error.is_timeout() => {
            return Err(Error::Timeout {
                source: Some(error),
            })
        }
        Err(error) if error.is_builder() => {
            return Err(Error::invalid(format!(
                "the request could not be built: {error}"
            )))
        }
        Err(error) => return Err(Error::Transport { source: error }),
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

#[cfg(test)]
mod tests {
    use super::test_server::{Reply, TestServer};
    use super::*;
    use crate::runtime::path::path_segment;
    use crate::runtime::query::QueryStyle;
    use std::time::Instant;

    const KEY: &str = "sk_test_SECRET_4242";

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct ApiBody {
        code: String,
        message: String,
    }

    type R<T> = Result<T, Error<ApiBody>>;

    const GET: Operation = Operation {
        id: "getThing",
        method: Method::GET,
        path_template: "/things/{id}",
        idempotent: true,
        error_statuses: &[400, 404, 410],
    };

    const CREATE: Operation = Operation {
        id: "createThing",
        method: Method::POST,
        path_template: "/things",
        idempotent: false,
        error_statuses: &[400, 422],
    };

    fn fast_retries() -> RetryPolicy {
        RetryPolicy::default()
            .with_initial_backoff(Duration::from_millis(10))
            .with_max_backoff(Duration::from_millis(40))
    }

    fn client_for(server: &TestServer) -> Client {
        Client::builder(KEY)
            .base_url(format!("{}/v1/", server.base_url))
            .retry_policy(fast_retries())
            .build()
            .expect("valid configuration")
    }

    fn get_parts(id: &str) -> RequestParts {
        let id = path_segment::<()>("id", id).expect("valid id");
        RequestParts {
            path: format!("/things/{id}"),
            ..RequestParts::default()
        }
    }

    fn post_parts() -> RequestParts {
        RequestParts {
            path: "/things".into(),
            query: Query::new(),
            body: Some(br#"{"name":"a"}"#.to_vec()),
        }
    }

    async fn get(client: &Client) -> R<serde_json::Value> {
        client
            .execute(&GET, get_parts("t_1"), &RequestOptions::default())
            .await
            .map(Response::into_value)
    }

    async fn post(client: &Client) -> R<serde_json::Value> {
        client
            .execute(&CREATE, post_parts(), &RequestOptions::default())
            .await
            .map(Response::into_value)
    }

    #[tokio::test]
    async fn sends_bearer_auth_user_agent_accept_and_no_content_type_without_body() {
        let server = TestServer::start(vec![Reply::json(200, r#"{"id":"t_1"}"#)]).await;
        let client = client_for(&server);
        let value = get(&client).await.expect("success");
        assert_eq!(value, serde_json::json!({"id": "t_1"}));
        let seen = server.received();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].method, "GET");
        assert_eq!(seen[0].target, "/v1/things/t_1");
        assert_eq!(
            seen[0].header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
        assert_eq!(
            seen[0].header("user-agent"),
            Some(crate::DEFAULT_USER_AGENT)
        );
        assert_eq!(seen[0].header("accept"), Some("application/json"));
        assert_eq!(seen[0].header("content-type"), None);
    }

    #[tokio::test]
    async fn sends_basic_auth_with_the_key_or_explicit_credentials() {
        let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
        let with_key = Client::builder("key123")
            .base_url(&server.base_url)
            .basic_auth()
            .build()
            .expect("valid configuration");
        get(&with_key).await.expect("success");
        let explicit = Client::builder("unused")
            .base_url(&server.base_url)
            .basic_auth_credentials("user", "p@ss word")
            .user_agent("my-service/2.0")
            .build()
            .expect("valid configuration");
        get(&explicit).await.expect("success");
        let seen = server.received();
        // base64("key123:") and base64("user:p@ss word")
        assert_eq!(seen[0].header("authorization"), Some("Basic a2V5MTIzOg=="));
        assert_eq!(
            seen[1].header("authorization"),
            Some("Basic dXNlcjpwQHNzIHdvcmQ=")
        );
        assert_eq!(seen[1].header("user-agent"), Some("my-service/2.0"));
    }

    #[tokio::test]
    async fn sends_body_and_encoded_query() {
        let server = TestServer::start(vec![Reply::json(201, r#"{"id":"t_2"}"#)]).await;
        let client = client_for(&server);
        let mut parts = post_parts();
        parts
            .query
            .push("at", "2024-01-01T00:00:00+02:00", QueryStyle::DEFAULT);
        parts.query.push("id", &vec!["a", "b"], QueryStyle::DEFAULT);
        parts.query.push_pair("paused_at[gte]".into(), "x y".into());
        let value: serde_json::Value = client
            .execute::<_, ApiBody>(&CREATE, parts, &RequestOptions::default())
            .await
            .expect("success")
            .into_value();
        assert_eq!(value["id"], "t_2");
        let seen = server.received();
        assert_eq!(seen[0].method, "POST");
        assert_eq!(
            seen[0].target,
            "/v1/things?at=2024-01-01T00%3A00%3A00%2B02%3A00&id=a&id=b&paused_at%5Bgte%5D=x+y"
        );
        assert_eq!(seen[0].body, br#"{"name":"a"}"#);
        assert_eq!(seen[0].header("content-type"), Some("application/json"));
    }

    #[tokio::test]
    async fn path_injection_stays_in_one_segment() {
        let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
        let client = client_for(&server);
        for id in ["../x", "a/b?c#d"] {
            client
                .execute::<serde_json::Value, ApiBody>(
                    &GET,
                    get_parts(id),
                    &RequestOptions::default(),
                )
                .await
                .expect("success");
        }
        let seen = server.received();
        assert_eq!(seen[0].target, "/v1/things/..%2Fx");
        assert_eq!(seen[1].target, "/v1/things/a%2Fb%3Fc%23d");
    }

    #[tokio::test]
    async fn empty_success_body_decodes_as_unit() {
        let server = TestServer::start(vec![Reply::status(204)]).await;
        let client = client_for(&server);
        let unit: R<()> = client
            .execute(&GET, get_parts("t"), &RequestOptions::default())
            .await
            .map(Response::into_value);
        assert!(unit.is_ok(), "{unit:?}");
    }

    #[tokio::test]
    async fn retries_429_honouring_retry_after() {
        let server = TestServer::start(vec![
            Reply::json(429, r#"{"code":"RATE","message":"slow down"}"#).header("Retry-After", "1"),
            Reply::json(200, r#"{"ok":true}"#),
        ])
        .await;
        let client = client_for(&server);
        let value = get(&client).await.expect("success after retry");
        assert_eq!(value["ok"], true);
        let seen = server.received();
        assert_eq!(seen.len(), 2);
        let waited = seen[1].at.duration_since(seen[0].at);
        // The computed backoff is at most 40 ms here; Retry-After asked for 1 s.
        assert!(waited >= Duration::from_millis(900), "waited {waited:?}");
        assert!(waited < Duration::from_secs(10), "waited {waited:?}");
    }

    #[tokio::test]
    async fn ignores_a_retry_after_beyond_the_maximum() {
        let server = TestServer::start(vec![
            Reply::status(503).header("Retry-After", "3600"),
            Reply::json(200, "{}"),
        ])
        .await;
        let client = client_for(&server);
        let started = Instant::now();
        get(&client).await.expect("success after retry");
        assert!(started.elapsed() < Duration::from_secs(10));
        assert_eq!(server.received().len(), 2);
    }

    #[tokio::test]
    async fn retries_503_then_gives_up_after_max_retries() {
        let server = TestServer::start(vec![
            Reply::status(503),
            Reply::status(503),
            Reply::json(200, "{}"),
        ])
        .await;
        let client = client_for(&server);
        get(&client).await.expect("success on the third attempt");
        assert_eq!(server.received().len(), 3);

        let server = TestServer::start(vec![
            Reply::status(503),
            Reply::status(503),
            Reply::status(503),
            Reply::json(200, "{}"),
        ])
        .await;
        let client = client_for(&server);
        let error = get(&client).await.expect_err("retries exhausted");
        assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
        assert!(matches!(error, Error::UnexpectedStatus { .. }));
        assert_eq!(server.received().len(), 3);
    }

    #[tokio::test]
    async fn per_request_max_retries_overrides_and_zero_disables() {
        let server = TestServer::start(vec![Reply::status(503), Reply::json(200, "{}")]).await;
        let client = client_for(&server);
        let mut options = RequestOptions::new();
        options.max_retries(0);
        let error = client
            .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
            .await
            .expect_err("no retry");
        assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(server.received().len(), 1);

        let server = TestServer::start(vec![Reply::status(500), Reply::json(200, "{}")]).await;
        let client = Client::builder(KEY)
            .base_url(&server.base_url)
            .retry_policy(fast_retries())
            .max_retries(0)
            .build()
            .expect("valid configuration");
        let mut options = RequestOptions::new();
        options.max_retries(1);
        client
            .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
            .await
            .expect("retried once");
        assert_eq!(server.received().len(), 2);
    }

    #[tokio::test]
    async fn retries_a_dropped_connection() {
        let server = TestServer::start(vec![Reply::close(), Reply::json(200, r#"{"ok":1}"#)]).await;
        let client = client_for(&server);
        let value = get(&client).await.expect("success after retry");
        assert_eq!(value["ok"], 1);
        assert_eq!(server.received().len(), 2);
    }

    #[tokio::test]
    async fn a_dropped_connection_without_retries_is_a_transport_error() {
        let server = TestServer::start(vec![Reply::close()]).await;
        let client = client_for(&server);
        let mut options = RequestOptions::new();
        options.max_retries(0);
        let error = client
            .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
            .await
            .expect_err("dropped");
        assert!(matches!(error, Error::Transport { .. }), "{error:?}");
        assert!(error.is_retryable());
        assert!(std::error::Error::source(&error).is_some());
    }

    #[tokio::test]
    async fn a_body_cut_short_is_a_transport_error() {
        let server = TestServer::start(vec![Reply::cut_short(200, br#"{"id":"t_1","na"#)]).await;
        let client = client_for(&server);
        let mut options = RequestOptions::new();
        options.max_retries(0);
        let error = client
            .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
            .await
            .expect_err("cut short");
        assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    }

    #[tokio::test]
    async fn does_not_retry_400() {
        let server = TestServer::start(vec![
            Reply::json(400, r#"{"code":"BAD","message":"no"}"#),
            Reply::json(200, "{}"),
        ])
        .await;
        let client = client_for(&server);
        let error = get(&client).await.expect_err("400");
        assert!(!error.is_retryable());
        assert_eq!(server.received().len(), 1);
    }

    #[tokio::test]
    async fn post_is_not_retried_on_503_or_a_dropped_connection() {
        let server = TestServer::start(vec![Reply::status(503), Reply::json(200, "{}")]).await;
        let client = client_for(&server);
        let error = post(&client).await.expect_err("503");
        assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(server.received().len(), 1);

        let server = TestServer::start(vec![Reply::close(), Reply::json(200, "{}")]).await;
        let client = client_for(&server);
        let error = post(&client).await.expect_err("dropped");
        assert!(matches!(error, Error::Transport { .. }), "{error:?}");
        assert_eq!(server.received().len(), 1);
    }

    #[tokio::test]
    async fn post_is_retried_on_429_and_408() {
        let server = TestServer::start(vec![
            Reply::status(429).header("Retry-After", "0"),
            Reply::status(408),
            Reply::json(201, r#"{"id":"t_3"}"#),
        ])
        .await;
        let client = client_for(&server);
        let value = post(&client).await.expect("created after retries");
        assert_eq!(value["id"], "t_3");
        let seen = server.received();
        assert_eq!(seen.len(), 3);
        assert!(seen.iter().all(|r| r.body == br#"{"name":"a"}"#));
    }

    #[tokio::test]
    async fn post_is_retried_when_it_cannot_connect() {
        // A port that was just free: connecting is refused.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        drop(listener);
        let client = Client::builder(KEY)
            .base_url(format!("http://127.0.0.1:{port}"))
            .retry_policy(
                RetryPolicy::default()
                    .with_max_retries(2)
                    .with_initial_backoff(Duration::from_millis(200))
                    .with_max_backoff(Duration::from_millis(200)),
            )
            .build()
            .expect("valid configuration");
        let started = Instant::now();
        let error = post(&client).await.expect_err("refused");
        // Two retries, each waiting at least half the 200 ms backoff.
        assert!(
            started.elapsed() >= Duration::from_millis(190),
            "{:?}",
            started.elapsed()
        );
        match &error {
            Error::Transport { source } => assert!(source.is_connect()),
            other => panic!("expected a transport error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_slow_server_times_out() {
        let server =
            TestServer::start(vec![Reply::json(200, "{}").delay(Duration::from_secs(3))]).await;
        let client = Client::builder(KEY)
            .base_url(&server.base_url)
            .timeout(Duration::from_millis(300))
            .max_retries(0)
            .build()
            .expect("valid configuration");
        let started = Instant::now();
        let error = get(&client).await.expect_err("timeout");
        assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
        assert!(error.is_timeout() && error.is_retryable());
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn per_request_timeout_overrides_and_timeouts_retry_for_get_only() {
        let server = TestServer::start(vec![
            Reply::json(200, "{}").delay(Duration::from_secs(3)),
            Reply::json(200, r#"{"second":true}"#),
        ])
        .await;
        let client = client_for(&server);
        let mut options = RequestOptions::new();
        options.timeout(Duration::from_millis(300));
        let value: serde_json::Value = client
            .execute::<_, ApiBody>(&GET, get_parts("t"), &options)
            .await
            .expect("second attempt succeeds")
            .into_value();
        assert_eq!(value["second"], true);
        assert_eq!(server.received().len(), 2);

        let server = TestServer::start(vec![
            Reply::json(200, "{}").delay(Duration::from_secs(3)),
            Reply::json(200, "{}"),
        ])
        .await;
        let client = client_for(&server);
        let error = client
            .execute::<serde_json::Value, ApiBody>(&CREATE, post_parts(), &options)
            .await
            .expect_err("POST timeout is not retried");
        assert!(error.is_timeout(), "{error:?}");
        assert_eq!(server.received().len(), 1);
    }

    #[tokio::test]
    async fn per_request_connect_timeout_uses_a_cached_second_client() {
        let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
        let client = client_for(&server);
        let mut options = RequestOptions::new();
        options.connect_timeout(Duration::from_secs(3));
        for _ in 0..2 {
            client
                .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
                .await
                .expect("success");
        }
        let cached = client
            .inner
            .connect_clients
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        assert_eq!(cached, 1);
    }

    #[tokio::test]
    async fn caller_supplied_http_client_is_used() {
        let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
        let client = Client::builder(KEY)
            .base_url(&server.base_url)
            .http_client(reqwest::Client::new())
            .build()
            .expect("valid configuration");
        let mut options = RequestOptions::new();
        options.connect_timeout(Duration::from_secs(3));
        client
            .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
            .await
            .expect("success");
        assert!(client
            .inner
            .connect_clients
            .lock()
            .map(|c| c.is_empty())
            .unwrap_or(false));
        assert_eq!(
            server.received()[0].header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
    }

    #[tokio::test]
    async fn declared_error_status_decodes_as_api_error() {
        let body = r#"{"code":"NOT_FOUND","message":"Connection not found","status":404.0}"#;
        let server = TestServer::start(vec![Reply::json(404, body)]).await;
        let client = client_for(&server);
        let error = get(&client).await.expect_err("404");
        match &error {
            Error::Api(api) => {
                assert_eq!(api.status, StatusCode::NOT_FOUND);
                assert_eq!(api.body.code, "NOT_FOUND");
                assert_eq!(api.body.message, "Connection not found");
                assert_eq!(api.raw, body.as_bytes());
            }
            other => panic!("expected Api, got {other:?}"),
        }
        assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
        assert!(error.to_string().contains("404 Not Found"));
    }

    #[tokio::test]
    async fn html_502_is_an_unexpected_status_with_its_body() {
        let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        let server = TestServer::start(vec![Reply::raw(502, "text/html", html.as_bytes())]).await;
        let client = client_for(&server);
        let mut options = RequestOptions::new();
        options.max_retries(0);
        let error = client
            .execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options)
            .await
            .expect_err("502");
        match &error {
            Error::UnexpectedStatus { status, body, .. } => {
                assert_eq!(*status, StatusCode::BAD_GATEWAY);
                assert_eq!(body, html.as_bytes());
            }
            other => panic!("expected UnexpectedStatus, got {other:?}"),
        }
        assert_eq!(error.body_text().as_deref(), Some(html));
    }

    #[tokio::test]
    async fn undecodable_bodies_keep_status_and_raw_body() {
        let server = TestServer::start(vec![
            Reply::json(200, r#"{"id":"t_1","na"#),
            Reply::raw(404, "text/html", b"<h1>Not Found</h1>"),
            Reply::raw(200, "application/json", &[0xff, 0xfe, 0x00, 0x7b]),
        ])
        .await;
        let client = client_for(&server);
        for (status, raw) in [
            (StatusCode::OK, &br#"{"id":"t_1","na"#[..]),
            (StatusCode::NOT_FOUND, &b"<h1>Not Found</h1>"[..]),
            (StatusCode::OK, &[0xff, 0xfe, 0x00, 0x7b][..]),
        ] {
            let error = get(&client).await.expect_err("undecodable");
            match &error {
                Error::Decode {
                    status: got, body, ..
                } => {
                    assert_eq!(*got, status);
                    assert_eq!(body, raw);
                }
                other => panic!("expected Decode, got {other:?}"),
            }
            let _ = error.to_string();
            let _ = format!("{error:?}");
        }
    }

    #[tokio::test]
    async fn undeclared_client_error_is_unexpected_status() {
        let server = TestServer::start(vec![Reply::json(401, r#"{"message":"bad key"}"#)]).await;
        let client = client_for(&server);
        let error = get(&client).await.expect_err("401");
        assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
        assert!(!format!("{error:?}").contains(KEY));
        assert!(!error.to_string().contains(KEY));
    }

    #[test]
    fn debug_never_shows_the_key() {
        let client = Client::new(KEY);
        let shown = format!("{client:?}");
        assert!(!shown.contains(KEY), "{shown}");
        assert!(shown.contains("Bearer(<redacted>)"));
        let builder = Client::builder(KEY).basic_auth_credentials("u", "hunter2");
        let shown = format!("{builder:?}");
        assert!(
            !shown.contains(KEY) && !shown.contains("hunter2"),
            "{shown}"
        );
        let client = builder.build().expect("valid configuration");
        assert!(!format!("{client:?}").contains("hunter2"));
    }

    #[test]
    fn client_is_send_sync_and_execute_is_send() {
        fn send_sync<T: Send + Sync + Clone>() {}
        send_sync::<Client>();
        fn send<T: Send>(_: &T) {}
        let client = Client::new(KEY);
        let options = RequestOptions::default();
        let future = client.execute::<serde_json::Value, ApiBody>(&GET, get_parts("t"), &options);
        send(&future);
    }

    #[test]
    fn build_rejects_bad_configuration_without_echoing_secrets() {
        for (builder, expected) in [
            (
                Client::builder(KEY).base_url("not a url"),
                "invalid base URL",
            ),
            (
                Client::builder(KEY).base_url("ftp://h.test"),
                "http or https",
            ),
            (
                Client::builder(KEY).base_url("https://user:hunter2@h.test"),
                "credentials",
            ),
            (
                Client::builder(KEY).base_url("https://h.test/v1?x=1"),
                "query",
            ),
            (Client::builder("bad\nkey"), "API key"),
            (
                Client::builder(KEY).user_agent("bad\r\nagent"),
                "user agent",
            ),
        ] {
            let error = builder.build().expect_err(expected);
            let shown = error.to_string();
            assert!(shown.contains(expected), "{shown}");
            assert!(
                !shown.contains(KEY) && !shown.contains("hunter2"),
                "{shown}"
            );
        }
    }

    #[tokio::test]
    async fn new_with_an_unusable_key_fails_each_request_instead_of_panicking() {
        let client = Client::new("bad\nkey");
        let error = get(&client).await.expect_err("misconfigured");
        assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
        assert!(error.to_string().contains("API key"));
        assert!(!error.to_string().contains("bad\nkey"));
    }

    #[test]
    fn base_url_trailing_slash_is_trimmed() {
        let client = Client::builder(KEY)
            .base_url("https://h.test/2025-07-01/")
            .build()
            .expect("valid configuration");
        assert_eq!(client.base_url(), "https://h.test/2025-07-01");
        assert_eq!(
            Client::new(KEY).base_url(),
            crate::DEFAULT_BASE_URL.trim_end_matches('/')
        );
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), output);
        }
    }

    #[test]
    fn build_url_rejects_relative_paths() {
        assert!(build_url("https://h.test", "things", &Query::new()).is_err());
        let url = build_url("https://h.test/v1", "/things", &Query::new()).expect("valid");
        assert_eq!(url.as_str(), "https://h.test/v1/things");
    }
}

/// A scripted HTTP/1.1 server on 127.0.0.1 for the tests: each connection gets the next
/// reply of the script and is then closed.
#[cfg(test)]
mod test_server {
    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex, PoisonError};
    use std::time::{Duration, Instant};

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    /// What the server does with one request.
    #[derive(Clone, Debug)]
    pub(crate) struct Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        delay: Duration,
        kind: ReplyKind,
    }

    #[derive(Clone, Copy, Debug)]
    enum ReplyKind {
        /// A complete response.
        Full,
        /// Close the connection without answering.
        Close,
        /// Announce more body than is sent, then close.
        CutShort,
    }

    impl Reply {
        /// A response with a status and no body.
        pub(crate) fn status(status: u16) -> Self {
            Reply {
                status,
                headers: Vec::new(),
                body: Vec::new(),
                delay: Duration::ZERO,
                kind: ReplyKind::Full,
            }
        }

        /// A JSON response.
        pub(crate) fn json(status: u16, body: &str) -> Self {
            Self::raw(status, "application/json", body.as_bytes())
        }

        /// A response with any content type and bytes.
        pub(crate) fn raw(status: u16, content_type: &str, body: &[u8]) -> Self {
            Reply {
                body: body.to_vec(),
                ..Self::status(status)
            }
            .header("Content-Type", content_type)
        }

        /// Closes the connection without answering.
        pub(crate) fn close() -> Self {
            Reply {
                kind: ReplyKind::Close,
                ..Self::status(0)
            }
        }

        /// Announces a longer body than `body`, sends `body`, and closes.
        pub(crate) fn cut_short(status: u16, body: &[u8]) -> Self {
            Reply {
                kind: ReplyKind::CutShort,
                ..Self::raw(status, "application/json", body)
            }
        }

        /// Adds a header.
        pub(crate) fn header(mut self, name: &str, value: &str) -> Self {
            self.headers.push((name.to_owned(), value.to_owned()));
            self
        }

        /// Waits before answering.
        pub(crate) fn delay(mut self, delay: Duration) -> Self {
            self.delay = delay;
            self
        }
    }

    /// One request as the server read it.
    #[derive(Clone, Debug)]
    pub(crate) struct Received {
        pub method: String,
        /// The request target: path and query, as sent.
        pub target: String,
        /// Headers with lower-case names.
        pub headers: Vec<(String, String)>,
        pub body: Vec<u8>,
        /// When the request had been read.
        pub at: Instant,
    }

    impl Received {
        /// The first value of a header (name in lower case).
        pub(crate) fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }
    }

    /// The server; stops when dropped.
    pub(crate) struct TestServer {
        /// `http://127.0.0.1:<port>`.
        pub base_url: String,
        received: Arc<Mutex<Vec<Received>>>,
        task: tokio::task::JoinHandle<()>,
    }

    impl TestServer {
        /// Starts a server that answers requests with `script`, in order (500 once it runs
        /// out).
        pub(crate) async fn start(script: Vec<Reply>) -> Self {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let address = listener.local_addr().expect("address");
            let script = Arc::new(Mutex::new(VecDeque::from(script)));
            let received = Arc::new(Mutex::new(Vec::new()));
            let log = received.clone();
            let task = tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let script = script.clone();
                    let log = log.clone();
                    tokio::spawn(async move {
                        serve(stream, script, log).await;
                    });
                }
            });
            TestServer {
                base_url: format!("http://{address}"),
                received,
                task,
            }
        }

        /// The requests read so far, in order.
        pub(crate) fn received(&self) -> Vec<Received> {
            self.received
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
        }
    }

    impl Drop for TestServer {
        fn drop(&mut self) {
            self.task.abort();
        }
    }

    async fn serve(
        mut stream: TcpStream,
        script: Arc<Mutex<VecDeque<Reply>>>,
        log: Arc<Mutex<Vec<Received>>>,
    ) {
        let Some(request) = read_request(&mut stream).await else {
            return;
        };
        log.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
        let reply = script
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front()
            .unwrap_or_else(|| Reply::raw(500, "text/plain", b"script exhausted"));
        tokio::time::sleep(reply.delay).await;
        if let ReplyKind::Close = reply.kind {
            return;
        }
        let announced = match reply.kind {
            ReplyKind::CutShort => reply.body.len() + 100,
            _ => reply.body.len(),
        };
        let mut head = format!("HTTP/1.1 {} Scripted\r\n", reply.status);
        for (name, value) in &reply.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {announced}\r\nConnection: close\r\n\r\n"
        ));
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(&reply.body).await;
        let _ = stream.flush().await;
        let _ = stream.shutdown().await;
    }

    /// Reads one request (head and `Content-Length` body); `None` if the client went away.
    async fn read_request(stream: &mut TcpStream) -> Option<Received> {
        let mut buffer = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                return None;
            }
            buffer.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut request_line = lines.next()?.split(' ');
        let method = request_line.next()?.to_owned();
        let target = request_line.next()?.to_owned();
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let length: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = buffer[head_end + 4..].to_vec();
        while body.len() < length {
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                return None;
            }
            body.extend_from_slice(&chunk[..n]);
        }
        Some(Received {
            method,
            target,
            headers,
            body,
            at: Instant::now(),
        })
    }
}
