//! A recording relay on loopback: the client under test talks to it, it forwards each
//! request to an upstream server (Prism) and the answer back, and keeps both as they went
//! over the wire: the request line the client wrote, its body, the upstream's status,
//! `sl-violations` header and raw body. Point a client's base URL at [`Recorder::url`].
//!
//! Only what the generated client sends is read: HTTP/1.1 requests with a
//! `Content-Length` body (or none). Each answer closes its connection.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::prism::VIOLATIONS_HEADER;

/// One request and its answer, as they went over the wire.
#[derive(Clone, Debug)]
pub struct Exchange {
    pub method: String,
    /// The request target: the path and query the client sent.
    pub target: String,
    pub request_body: Vec<u8>,
    /// The upstream's status, or 502 when it could not be reached (see `response_body`).
    pub status: u16,
    pub violations: Option<String>,
    pub response_body: Vec<u8>,
}

/// A running relay; stops when dropped.
pub struct Recorder {
    url: String,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
    task: JoinHandle<()>,
}

impl Recorder {
    /// Listens on a free loopback port and relays to `upstream` (`http://host:port`).
    pub async fn start(upstream: &str) -> std::io::Result<Recorder> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let upstream = upstream.trim_end_matches('/').to_owned();
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .map_err(std::io::Error::other)?;
        let recorded = exchanges.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                relay(stream, &http, &upstream, &recorded).await;
            }
        });
        Ok(Recorder {
            url,
            exchanges,
            task,
        })
    }

    /// The relay's base URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The exchanges so far, in order.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request, relays it, writes the answer back; the exchange is recorded before
/// the client can see the answer.
async fn relay(
    mut stream: TcpStream,
    http: &reqwest::Client,
    upstream: &str,
    recorded: &Mutex<Vec<Exchange>>,
) -> Option<()> {
    let (head, mut body) = read_head(&mut stream).await?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let mut headers = Vec::new();
    let mut length = 0usize;
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim().to_owned());
        match name.as_str() {
            "content-length" => length = value.parse().ok()?,
            "host" | "connection" | "keep-alive" | "accept-encoding" | "transfer-encoding" => {}
            _ => headers.push((name, value)),
        }
    }
    while body.len() < length {
        let mut chunk = vec![0u8; length - body.len()];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..read]);
    }

    let mut request = http.request(
        reqwest::Method::from_bytes(method.as_bytes()).ok()?,
        format!("{upstream}{target}"),
    );
    for (name, value) in &headers {
        request = request.header(name, value);
    }
    if !body.is_empty() {
        request = request.body(body.clone());
    }
    let (status, answer_headers, answer) = match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            let answer_headers: Vec<(String, String)> = response
                .headers()
                .iter()
                .filter(|(name, _)| {
                    !matches!(
                        name.as_str(),
                        "content-length" | "connection" | "keep-alive" | "transfer-encoding"
                    )
                })
                .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into()))
                .collect();
            let answer = response
                .bytes()
                .await
                .map(|b| b.to_vec())
                .unwrap_or_default();
            (status, answer_headers, answer)
        }
        Err(e) => (
            502,
            Vec::new(),
            format!("relay: upstream failed: {e}").into_bytes(),
        ),
    };
    let violations = answer_headers
        .iter()
        .find(|(n, _)| n == VIOLATIONS_HEADER)
        .map(|(_, v)| v.clone());
    let exchange = Exchange {
        method,
        target,
        request_body: body,
        status,
        violations,
        response_body: answer.clone(),
    };

    let mut out = format!("HTTP/1.1 {status} relayed\r\n");
    for (name, value) in &answer_headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        answer.len()
    ));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&answer);
    // Recorded first: once the answer is written the client may look.
    recorded
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(exchange);
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
    Some(())
}

/// The request head (up to the blank line) and the body bytes read past it.
async fn read_head(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            return Some((head, buffer[end + 4..].to_vec()));
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
}
