//! A small in-process HTTP/1.1 server for client tests.
//!
//! It listens on `127.0.0.1:0`, answers requests with scripted [`Reply`]s in the order
//! they arrive (whatever connection they arrive on), and records every request it reads
//! as a [`Recorded`]. A reply can wait before answering, close the connection without
//! answering, or send fewer body bytes than its `Content-Length` promises. When the
//! script runs out it answers `418` with a body saying so, so an unexpected extra request
//! shows up as a test failure rather than a hang.
//!
//! Only what the generated client sends is supported: requests with a `Content-Length`
//! body (or none). Connections are kept alive until a reply closes them or the client
//! does.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
    kind: ReplyKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReplyKind {
    /// A complete response.
    Full,
    /// Close the connection without writing anything.
    Close,
    /// Write the head with the full `Content-Length`, then only this many body bytes,
    /// then close.
    CutShort(usize),
}

impl Reply {
    /// A response with this status, no extra headers and an empty body.
    pub fn status(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            kind: ReplyKind::Full,
        }
    }

    /// A response with an `application/json` body (sent as given: it may be invalid JSON).
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Reply::status(status)
            .header("Content-Type", "application/json; charset=utf-8")
            .body(body.into().into_bytes())
    }

    /// A response with a `text/html` body.
    pub fn html(status: u16, body: impl Into<String>) -> Self {
        Reply::status(status)
            .header("Content-Type", "text/html; charset=utf-8")
            .body(body.into().into_bytes())
    }

    /// Closes the connection as soon as the request is read, without answering.
    pub fn close() -> Self {
        Reply {
            kind: ReplyKind::Close,
            ..Reply::status(0)
        }
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Replaces the body.
    pub fn body(mut self, body: Vec<u8>) -> Self {
        self.body = body;
        self
    }

    /// Waits this long after reading the request before answering (or closing).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Announces the whole body in `Content-Length` but sends only its first `sent`
    /// bytes, then closes the connection.
    pub fn cut_short(mut self, sent: usize) -> Self {
        self.kind = ReplyKind::CutShort(sent);
        self
    }
}

/// One request as the server read it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// The method, such as `GET`.
    pub method: String,
    /// The request target up to `?`, still percent-encoded as sent.
    pub path: String,
    /// The raw query string after `?` (`None` when the target has no `?`).
    pub query: Option<String>,
    /// The headers in order, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body as received.
    pub body: Vec<u8>,
    /// When the server finished reading the request.
    pub at: Instant,
}

impl Recorded {
    /// The first value of a header (name matched case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The query string decoded as `application/x-www-form-urlencoded` pairs, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let Some(query) = &self.query else {
            return Vec::new();
        };
        query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (form_decode(key), form_decode(value))
            })
            .collect()
    }

    /// The body parsed as JSON; panics (failing the test) when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "request body is not JSON ({error}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// Decodes one form-urlencoded component: `+` is a space, `%XX` a byte. Malformed escapes
/// are kept as they are.
pub fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[derive(Default)]
struct State {
    replies: VecDeque<Reply>,
    received: Vec<Recorded>,
}

/// A running mock server; it stops when the test's runtime ends.
pub struct MockServer {
    url: String,
    state: Arc<Mutex<State>>,
}

impl MockServer {
    /// Starts a server that answers with `replies`, in order.
    pub async fn start(replies: Vec<Reply>) -> MockServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let state = Arc::new(Mutex::new(State {
            replies: replies.into(),
            received: Vec::new(),
        }));
        let shared = Arc::clone(&state);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_connection(stream, Arc::clone(&shared)));
            }
        });
        MockServer {
            url: format!("http://{addr}"),
            state,
        }
    }

    /// `http://127.0.0.1:<port>`, without a trailing `/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request read so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().received.clone()
    }

    /// How many scripted replies have not been used.
    pub fn unused_replies(&self) -> usize {
        self.lock().replies.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Serves requests on one connection until a reply closes it or the client goes away.
async fn serve_connection(mut stream: TcpStream, state: Arc<Mutex<State>>) {
    let mut buffer = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut buffer).await {
        let reply = {
            let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
            state.received.push(request);
            state.replies.pop_front().unwrap_or_else(|| {
                Reply::json(418, r#"{"mock":"no reply scripted for this request"}"#)
            })
        };
        if !reply.delay.is_zero() {
            tokio::time::sleep(reply.delay).await;
        }
        let sent = match reply.kind {
            ReplyKind::Close => return,
            ReplyKind::Full => reply.body.len(),
            ReplyKind::CutShort(sent) => sent.min(reply.body.len()),
        };
        let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
        for (name, value) in &reply.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", reply.body.len()));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&reply.body[..sent]);
        if stream.write_all(&bytes).await.is_err() || stream.flush().await.is_err() {
            return;
        }
        if reply.kind != ReplyKind::Full {
            return;
        }
    }
}

/// Reads one request (head and `Content-Length` body); `None` when the connection ends.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Recorded> {
    let head_end = loop {
        if let Some(end) = find(buffer, b"\r\n\r\n") {
            break end;
        }
        if !read_more(stream, buffer).await {
            return None;
        }
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
    assert!(
        !headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")),
        "the mock server does not read chunked request bodies"
    );
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        if !read_more(stream, buffer).await {
            return None;
        }
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
        None => (target, None),
    };
    Some(Recorded {
        method,
        path,
        query,
        headers,
        body,
        at: Instant::now(),
    })
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            true
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        408 => "Request Timeout",
        410 => "Gone",
        418 => "I'm a teapot",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::form_decode;

    #[test]
    fn form_decode_handles_plus_escapes_and_malformed_input() {
        assert_eq!(form_decode("a+b%2Bc%5Bgte%5D"), "a b+c[gte]");
        assert_eq!(form_decode("100%"), "100%");
        assert_eq!(form_decode("%zz%4"), "%zz%4");
        assert_eq!(form_decode("%C3%A9"), "é");
    }
}
