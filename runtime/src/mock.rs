//! A transport that answers from canned replies instead of the network, for testing code
//! that uses the client (the `test-util` feature).
//!
//! Replies are queued per operation id and served in order; the last one left for an
//! operation keeps answering, so a single reply serves any number of calls. A reply is a
//! status with headers and a body (a value serialised as JSON, or raw bytes), or a fault:
//! a timeout, or a connection dropped before the body arrived. Every attempt is recorded
//! (retries too), so a test can check what was sent and how often. The answers travel
//! through the same code as real responses: decoding, error mapping, retries, hooks and
//! spans all behave as they do against a server.
//!
//! ```
//! # async fn run() {
//! use __CRATE__::mock::{MockReply, MockTransport};
//!
//! let mock = MockTransport::new()
//!     .reply("getThings", MockReply::status(503))
//!     .reply("getThings", MockReply::json(200, &serde_json::json!({ "models": [] })));
//! let client = __CRATE__::Client::builder("key").transport(mock.clone()).build().unwrap();
//! # let _ = client;
//! // ... call the code under test, then:
//! assert!(mock.requests().iter().all(|r| r.operation_id == "getThings"));
//! # }
//! ```

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::Frame;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, StatusCode, Url};

/// A transport with canned replies; cheap to clone (clones share the replies and the
/// record). Give it to `ClientBuilder::transport`.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    replies: HashMap<String, VecDeque<MockReply>>,
    fallback: VecDeque<MockReply>,
    requests: Vec<MockRequest>,
}

/// One canned answer.
#[derive(Clone, Debug)]
pub struct MockReply {
    kind: ReplyKind,
    headers: HeaderMap,
    delay: Duration,
}

#[derive(Clone, Debug)]
enum ReplyKind {
    Response { status: StatusCode, body: Vec<u8> },
    Timeout,
    DropConnection { status: StatusCode },
}

impl MockReply {
    /// A response with `status` and `value` serialised as JSON. A value that cannot be
    /// serialised gives its error message as the body (and the decoding then fails).
    pub fn json<T: serde::Serialize + ?Sized>(status: u16, value: &T) -> Self {
        let body = serde_json::to_vec(value).unwrap_or_else(|error| error.to_string().into());
        Self::raw(status, body).header("content-type", "application/json")
    }

    /// A response with `status` and this body, as it is.
    pub fn raw(status: u16, body: impl Into<Vec<u8>>) -> Self {
        MockReply {
            kind: ReplyKind::Response {
                status: status_or_500(status),
                body: body.into(),
            },
            headers: HeaderMap::new(),
            delay: Duration::ZERO,
        }
    }

    /// A response with `status` and an empty body.
    pub fn status(status: u16) -> Self {
        Self::raw(status, Vec::new())
    }

    /// The attempt times out (as if no answer came within the request's timeout).
    pub fn timeout() -> Self {
        MockReply {
            kind: ReplyKind::Timeout,
            headers: HeaderMap::new(),
            delay: Duration::ZERO,
        }
    }

    /// The connection drops after a 200 status line, before the body: the client sees a
    /// transport error, as with a server that went away mid-response.
    pub fn drop_connection() -> Self {
        MockReply {
            kind: ReplyKind::DropConnection {
                status: StatusCode::OK,
            },
            headers: HeaderMap::new(),
            delay: Duration::ZERO,
        }
    }

    /// Adds a response header (`Retry-After`, a request id). A name or value HTTP cannot
    /// carry is left out.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            self.headers.append(name, value);
        }
        self
    }

    /// Answers after `delay`; a delay longer than the request's timeout is a timeout.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

fn status_or_500(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// One attempt the client sent to the mock.
#[derive(Clone)]
#[non_exhaustive]
pub struct MockRequest {
    /// The spec's `operationId`.
    pub operation_id: String,
    /// The HTTP method.
    pub method: Method,
    /// The full URL, query included.
    pub url: Url,
    /// The headers, `Authorization` included (so a test can check it); `Debug` hides its
    /// value.
    pub headers: HeaderMap,
    /// The body, empty when there was none.
    pub body: Vec<u8>,
}

impl MockRequest {
    /// The path, percent-encoded as sent.
    pub fn path(&self) -> &str {
        self.url.path()
    }

    /// The query string as sent, if any.
    pub fn query(&self) -> Option<&str> {
        self.url.query()
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The body decoded as JSON (`Null` when empty or not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

impl fmt::Debug for MockRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name == AUTHORIZATION {
                    "<redacted>"
                } else {
                    value.to_str().unwrap_or("<binary>")
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("MockRequest")
            .field("operation_id", &self.operation_id)
            .field("method", &self.method)
            .field("url", &self.url.as_str())
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

/// What the mock did with one attempt.
pub(crate) enum MockOutcome {
    Response(reqwest::Response),
    Timeout,
    /// No reply was queued for the operation.
    Unanswered(String),
}

impl MockTransport {
    /// A mock with no replies.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues `reply` for the operation with this `operationId`.
    #[must_use]
    pub fn reply(self, operation_id: &str, reply: MockReply) -> Self {
        self.lock()
            .replies
            .entry(operation_id.to_owned())
            .or_default()
            .push_back(reply);
        self
    }

    /// Queues `reply` for any operation that has none of its own.
    #[must_use]
    pub fn reply_to_any(self, reply: MockReply) -> Self {
        self.lock().fallback.push_back(reply);
        self
    }

    /// Every attempt sent so far, in order.
    pub fn requests(&self) -> Vec<MockRequest> {
        self.lock().requests.clone()
    }

    /// The attempts sent so far for one operation.
    pub fn requests_for(&self, operation_id: &str) -> Vec<MockRequest> {
        self.lock()
            .requests
            .iter()
            .filter(|request| request.operation_id == operation_id)
            .cloned()
            .collect()
    }

    /// Forgets the recorded requests (the replies stay).
    pub fn clear_requests(&self) {
        self.lock().requests.clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records `request` and answers it.
    pub(crate) async fn send(&self, operation_id: &str, request: reqwest::Request) -> MockOutcome {
        let timeout = request.timeout().copied();
        let reply = {
            let mut state = self.lock();
            state.requests.push(MockRequest {
                operation_id: operation_id.to_owned(),
                method: request.method().clone(),
                url: request.url().clone(),
                headers: request.headers().clone(),
                body: request
                    .body()
                    .and_then(reqwest::Body::as_bytes)
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default(),
            });
            let State {
                replies, fallback, ..
            } = &mut *state;
            let queue = match replies.get_mut(operation_id) {
                Some(queue) if !queue.is_empty() => queue,
                _ => fallback,
            };
            // The last reply stays and keeps answering.
            if queue.len() > 1 {
                queue.pop_front()
            } else {
                queue.front().cloned()
            }
        };
        let Some(reply) = reply else {
            return MockOutcome::Unanswered(format!(
                "the mock transport has no reply for `{operation_id}`"
            ));
        };
        if !reply.delay.is_zero() {
            match timeout {
                Some(limit) if limit <= reply.delay => {
                    tokio::time::sleep(limit).await;
                    return MockOutcome::Timeout;
                }
                _ => tokio::time::sleep(reply.delay).await,
            }
        }
        let (status, body) = match reply.kind {
            ReplyKind::Timeout => return MockOutcome::Timeout,
            ReplyKind::Response { status, body } => (status, reqwest::Body::from(body)),
            ReplyKind::DropConnection { status } => (status, reqwest::Body::wrap(DroppedBody)),
        };
        let mut response = http::Response::new(body);
        *response.status_mut() = status;
        *response.headers_mut() = reply.headers;
        if !response.headers().contains_key(CONTENT_TYPE) {
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            );
        }
        MockOutcome::Response(reqwest::Response::from(response))
    }
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("MockTransport")
            .field("operations", &state.replies.keys().collect::<Vec<_>>())
            .field("requests", &state.requests.len())
            .finish()
    }
}

/// A response body whose connection resets before the first byte.
struct DroppedBody;

impl http_body::Body for DroppedBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "the mock transport dropped the connection",
        ))))
    }
}
