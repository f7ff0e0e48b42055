// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! Errors returned by the client.
//!
//! Every operation returns `Result<T, Error<E>>`, where `E` is the body type the operation
//! declares for its error statuses. The variants separate what the server said (a declared
//! error, an undeclared status, a body that did not decode) from what went wrong before a
//! usable answer arrived (a timeout, a transport failure) and from requests that could not
//! be built at all.
//!
//! `Display` gives a one-line description and does not repeat the underlying cause; walk
//! [`std::error::Error::source`] (or use an error reporter that does) for the details.
//! Neither `Display` nor `Debug` ever shows the API key: it only travels in a request
//! header, and errors keep only the response's headers, of which `Debug` shows the names.

use std::borrow::Cow;
use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// How many characters of a response body `Display` shows.
const DISPLAY_BODY_CHARS: usize = 200;

/// The error of one API call.
///
/// `E` is the decoded body of the error statuses the operation declares (for many APIs one
/// shared error schema). Match on the variants, or use [`Error::status`],
/// [`Error::is_retryable`], [`Error::raw_body`] and [`Error::body_text`] when the variant
/// does not matter.
#[non_exhaustive]
pub enum Error<E> {
    /// A status the operation declares as an error, with its decoded body. Boxed so that
    /// `Result<T, Error>` stays small (clippy's `result_large_err`).
    Api(Box<ApiError<E>>),
    /// A status the operation does not declare; raw body kept.
    UnexpectedStatus {
        /// The HTTP status of the response.
        status: StatusCode,
        /// The response headers (request ids, rate limits); boxed so that `Result<T, Error>`
        /// stays small. [`Error::headers`] reaches them for every variant.
        headers: Box<HeaderMap>,
        /// The response body as received.
        body: Vec<u8>,
    },
    /// A 2xx or declared-error body that did not decode; status and raw body kept.
    Decode {
        /// The HTTP status of the response.
        status: StatusCode,
        /// The response headers (request ids, rate limits), boxed.
        headers: Box<HeaderMap>,
        /// The response body as received.
        body: Vec<u8>,
        /// Why the body did not decode.
        source: serde_json::Error,
    },
    /// A body whose `Content-Encoding` could not be undone: corrupt, or an encoding this
    /// build does not read (gzip needs the `gzip` feature). Status and raw body kept.
    Decompress {
        /// The HTTP status of the response.
        status: StatusCode,
        /// The response headers, `Content-Encoding` among them; boxed.
        headers: Box<HeaderMap>,
        /// The response body as received, still encoded.
        body: Vec<u8>,
        /// Why it could not be decoded.
        source: std::io::Error,
    },
    /// The overall or connect timeout elapsed.
    Timeout {
        /// The underlying error, when the HTTP client reported one.
        source: Option<reqwest::Error>,
    },
    /// Could not connect, or the connection dropped (no usable response).
    Transport {
        /// The underlying HTTP client error.
        source: reqwest::Error,
    },
    /// The request could not be built (bad path parameter, body serialisation failure, bad
    /// base URL...). Nothing was sent.
    InvalidRequest {
        /// What was wrong with the request.
        message: String,
    },
}

/// A response whose status the operation declares as an error, with its decoded body.
#[derive(Clone)]
pub struct ApiError<E> {
    /// The HTTP status of the response.
    pub status: StatusCode,
    /// The response headers (request ids, rate limits).
    pub headers: HeaderMap,
    /// The decoded error body.
    pub body: E,
    /// The response body as received.
    pub raw: Vec<u8>,
}

impl<E> ApiError<E> {
    /// The raw body as text, with invalid UTF-8 replaced by U+FFFD.
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.raw)
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("headers", &HeaderNames(&self.headers))
            .field("body", &self.body)
            .field("raw", &self.body_text())
            .finish()
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}", self.status)?;
        write_body_excerpt(f, &self.raw)
    }
}

impl<E> Error<E> {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. }
            | Error::Decompress { status, .. } => Some(*status),
            Error::Timeout { .. } | Error::Transport { .. } | Error::InvalidRequest { .. } => None,
        }
    }

    /// The response headers, when there was a response.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(api) => Some(&api.headers),
            Error::UnexpectedStatus { headers, .. }
            | Error::Decode { headers, .. }
            | Error::Decompress { headers, .. } => Some(&**headers),
            Error::Timeout { .. } | Error::Transport { .. } | Error::InvalidRequest { .. } => None,
        }
    }

    /// Whether trying the same request again may succeed: timeouts, transport failures and
    /// the statuses 408, 429 and 5xx.
    ///
    /// This describes the error only. The client's own automatic retries are stricter for
    /// requests that are not idempotent (see [`RetryPolicy`](super::retry::RetryPolicy)),
    /// and by the time an error reaches you they have already been spent.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Transport { .. } => true,
            Error::InvalidRequest { .. } => false,
            Error::Api(_)
            | Error::UnexpectedStatus { .. }
            | Error::Decode { .. }
            | Error::Decompress { .. } => self.status().is_some_and(is_retryable_status),
        }
    }

    /// The response body as received, when there was a response.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(api) => Some(&api.raw),
            Error::UnexpectedStatus { body, .. }
            | Error::Decode { body, .. }
            | Error::Decompress { body, .. } => Some(body),
            Error::Timeout { .. } | Error::Transport { .. } | Error::InvalidRequest { .. } => None,
        }
    }

    /// The response body as text (invalid UTF-8 replaced by U+FFFD), when there was a
    /// response.
    pub fn body_text(&self) -> Option<Cow<'_, str>> {
        self.raw_body().map(String::from_utf8_lossy)
    }

    /// The declared error, when the server answered with one.
    pub fn api_error(&self) -> Option<&ApiError<E>> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// Converts the declared error body with `f`, keeping every other variant as it is.
    pub fn map_api<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Api(api) => {
                let api = *api;
                Error::Api(Box::new(ApiError {
                    status: api.status,
                    headers: api.headers,
                    body: f(api.body),
                    raw: api.raw,
                }))
            }
            Error::UnexpectedStatus {
                status,
                headers,
                body,
            } => Error::UnexpectedStatus {
                status,
                headers,
                body,
            },
            Error::Decode {
                status,
                headers,
                body,
                source,
            } => Error::Decode {
                status,
                headers,
                body,
                source,
            },
            Error::Decompress {
                status,
                headers,
                body,
                source,
            } => Error::Decompress {
                status,
                headers,
                body,
                source,
            },
            Error::Timeout { source } => Error::Timeout { source },
            Error::Transport { source } => Error::Transport { source },
            Error::InvalidRequest { message } => Error::InvalidRequest { message },
        }
    }

    /// Builds [`Error::InvalidRequest`].
    #[doc(hidden)] // For the generated code and the runtime's tests.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidRequest {
            message: message.into(),
        }
    }
}

/// Whether a status is worth retrying at all: 408, 429 and 5xx.
pub fn is_retryable_status(status: StatusCode) -> bool {
    status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
        || status.is_server_error()
}

/// Writes `: <first characters of the body>` when the body is not blank.
fn write_body_excerpt(f: &mut fmt::Formatter<'_>, body: &[u8]) -> fmt::Result {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return Ok(());
    }
    let mut chars = text.chars();
    let excerpt: String = chars.by_ref().take(DISPLAY_BODY_CHARS).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    // Bodies may span lines; keep the message on one.
    let excerpt = excerpt.replace(['\r', '\n'], " ");
    write!(f, ": {excerpt}{more}")
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(api) => fmt::Display::fmt(api, f),
            Error::UnexpectedStatus { status, body, .. } => {
                write!(f, "unexpected HTTP status {status}")?;
                write_body_excerpt(f, body)
            }
            Error::Decode { status, .. } => {
                write!(f, "could not decode the body of an HTTP {status} response")
            }
            Error::Decompress { status, .. } => write!(
                f,
                "could not undo the content encoding of an HTTP {status} response"
            ),
            Error::Timeout { .. } => f.write_str("the request timed out"),
            Error::Transport { .. } => {
                f.write_str("could not connect to the server, or the connection failed")
            }
            Error::InvalidRequest { message } => write!(f, "invalid request: {message}"),
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(api) => f.debug_tuple("Api").field(api).finish(),
            Error::UnexpectedStatus {
                status,
                headers,
                body,
            } => f
                .debug_struct("UnexpectedStatus")
                .field("status", status)
                .field("headers", &HeaderNames(headers))
                .field("body", &String::from_utf8_lossy(body))
                .finish(),
            Error::Decode {
                status,
                headers,
                body,
                source,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("headers", &HeaderNames(headers))
                .field("body", &String::from_utf8_lossy(body))
                .field("source", source)
                .finish(),
            Error::Decompress {
                status,
                headers,
                body,
                source,
            } => f
                .debug_struct("Decompress")
                .field("status", status)
                .field("headers", &HeaderNames(headers))
                .field("body_len", &body.len())
                .field("source", source)
                .finish(),
            Error::Timeout { source } => f.debug_struct("Timeout").field("source", source).finish(),
            Error::Transport { source } => {
                f.debug_struct("Transport").field("source", source).finish()
            }
            Error::InvalidRequest { message } => f
                .debug_struct("InvalidRequest")
                .field("message", message)
                .finish(),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { source, .. } => Some(source),
            Error::Decompress { source, .. } => Some(source),
            Error::Timeout { source } => source.as_ref().map(|e| e as _),
            Error::Transport { source } => Some(source),
            Error::Api(_) | Error::UnexpectedStatus { .. } | Error::InvalidRequest { .. } => None,
        }
    }
}

/// Shows a response's header names only: values may carry cookies or tokens.
struct HeaderNames<'a>(&'a HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

/// Why a [`ClientBuilder`](super::client::ClientBuilder) could not build a client.
///
/// The message never contains the API key or the basic-auth password.
#[derive(Debug)]
pub struct BuildError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl BuildError {
    /// A build error with a message and no underlying cause.
    #[doc(hidden)] // For the generated code and the runtime's tests.
    pub fn new(message: impl Into<String>) -> Self {
        BuildError {
            message: message.into(),
            source: None,
        }
    }

    /// A build error with a message and its underlying cause.
    #[doc(hidden)] // For the generated code and the runtime's tests.
    pub fn with_source(
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        BuildError {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    /// What was wrong with the configuration.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not build the client: {}", self.message)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as _)
    }
}
