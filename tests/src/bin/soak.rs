//! Soak test of the generated client: 100 concurrent calls for a long time against a
//! loopback server that answers with a mix of faults (503, 429 with `Retry-After`,
//! dropped connections, trickling bodies, bodies too slow for the timeout) and successes.
//!
//! Every interval it prints the calls finished, successes, failures by kind, retries,
//! attempts, the server's requests, resident memory (`VmRSS` from /proc/self/status) and
//! open descriptors (entries of /proc/self/fd). At the end it checks that nothing was
//! lost (every call started ended in a value or a typed error, and the client's attempts
//! match the requests the server read) and that memory and descriptors stayed flat after
//! the first interval, and exits non-zero otherwise.
//!
//! `scripts/soak.sh [SECONDS]` runs it; arguments: `--duration SECONDS` (600),
//! `--interval SECONDS` (60), `--concurrency N` (100).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hookdeck::hooks::{AttemptInfo, Hook};
use hookdeck::{Client, Error, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the client saw, counted by a hook on every attempt.
#[derive(Default)]
struct Attempts {
    attempts: AtomicU64,
    retries: AtomicU64,
}

impl Hook for Attempts {
    fn on_attempt(&self, attempt: &AttemptInfo<'_>) {
        self.attempts.fetch_add(1, Ordering::Relaxed);
        if attempt.retry.is_some() {
            self.retries.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// How calls ended.
#[derive(Default)]
struct Outcomes {
    started: AtomicU64,
    ok: AtomicU64,
    status: AtomicU64,
    timeout: AtomicU64,
    transport: AtomicU64,
    other: AtomicU64,
}

impl Outcomes {
    fn finished(&self) -> u64 {
        self.ok.load(Ordering::Relaxed) + self.failed()
    }

    fn failed(&self) -> u64 {
        self.status.load(Ordering::Relaxed)
            + self.timeout.load(Ordering::Relaxed)
            + self.transport.load(Ordering::Relaxed)
            + self.other.load(Ordering::Relaxed)
    }
}

/// The server's count of requests it read.
static SERVED: AtomicU64 = AtomicU64::new(0);

/// A deterministic generator (xorshift64*), so a run's fault sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Serves one connection: reads requests (GET, no body) and answers each with a fault or
/// a success, keeping the connection open unless the fault closes it.
async fn serve(mut stream: TcpStream, seed: u64) {
    let mut rng = Rng(seed | 1);
    let mut buffer = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        // One request head.
        let head_end = loop {
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break end + 4;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        buffer.drain(..head_end);
        SERVED.fetch_add(1, Ordering::Relaxed);
        let body = br#"{"count": 7}"#;
        let ok_head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        let written = match rng.next() % 100 {
            // 503: retried (GET is idempotent).
            0..=9 => {
                stream
                    .write_all(b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n")
                    .await
            }
            // 429 asking for a one-second wait.
            10..=14 => {
                stream
                    .write_all(
                        b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 1\r\ncontent-length: 0\r\n\r\n",
                    )
                    .await
            }
            // The connection drops before any answer.
            15..=22 => return,
            // The connection drops halfway through the body.
            23..=27 => {
                let _ = stream.write_all(ok_head.as_bytes()).await;
                let _ = stream.write_all(&body[..body.len() / 2]).await;
                return;
            }
            // A trickling body: a byte every 20 ms.
            28..=37 => {
                let mut result = stream.write_all(ok_head.as_bytes()).await;
                for byte in body {
                    if result.is_err() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    result = stream.write_all(&[*byte]).await;
                }
                result
            }
            // A body too slow for the client's 2 s timeout.
            38..=39 => {
                let _ = stream.write_all(ok_head.as_bytes()).await;
                tokio::time::sleep(Duration::from_millis(2500)).await;
                return;
            }
            _ => {
                let mut reply = ok_head.into_bytes();
                reply.extend_from_slice(body);
                stream.write_all(&reply).await
            }
        };
        if written.is_err() {
            return;
        }
    }
}

/// Resident memory in kB, from /proc/self/status.
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}

/// Open descriptors: the entries of /proc/self/fd.
fn open_fds() -> u64 {
    std::fs::read_dir("/proc/self/fd").map_or(0, |entries| entries.count() as u64)
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let duration = Duration::from_secs(arg(&args, "--duration", 600));
    let interval = Duration::from_secs(arg(&args, "--interval", 60).max(1));
    let concurrency = arg(&args, "--concurrency", 100);

    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move {
        let mut seed = 0x5eed_0000_0000_0001_u64;
        loop {
            if let Ok((stream, _)) = listener.accept().await {
                seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
                tokio::spawn(serve(stream, seed));
            }
        }
    });

    let hook = Arc::new(Attempts::default());
    let client = Client::builder("sk_soak_secret")
        .base_url(url)
        .timeout(Duration::from_secs(2))
        .connect_timeout(Duration::from_secs(2))
        .retry_policy(
            RetryPolicy::default()
                .with_max_retries(3)
                .with_initial_backoff(Duration::from_millis(50))
                .with_max_backoff(Duration::from_millis(400)),
        )
        .hook(hook.clone())
        .build()
        .expect("a client");
    let outcomes = Arc::new(Outcomes::default());
    let started = Instant::now();

    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let client = client.clone();
        let outcomes = outcomes.clone();
        workers.push(tokio::spawn(async move {
            while started.elapsed() < duration {
                outcomes.started.fetch_add(1, Ordering::Relaxed);
                let counter = match client.count_connections().send().await {
                    Ok(_) => &outcomes.ok,
                    Err(Error::Api(_) | Error::UnexpectedStatus { .. }) => &outcomes.status,
                    Err(Error::Timeout { .. }) => &outcomes.timeout,
                    Err(Error::Transport { .. }) => &outcomes.transport,
                    Err(_) => &outcomes.other,
                };
                counter.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }

    println!(
        "soak: {} s, {concurrency} concurrent calls, report every {} s",
        duration.as_secs(),
        interval.as_secs()
    );
    println!(
        "{:>6} {:>9} {:>9} {:>7} {:>7} {:>7} {:>7} {:>8} {:>9} {:>9} {:>8} {:>4}",
        "t(s)",
        "calls",
        "ok",
        "5xx/4xx",
        "timeout",
        "transp",
        "other",
        "retries",
        "attempts",
        "served",
        "rss(kB)",
        "fds"
    );
    let report = |elapsed: Duration| {
        let line = format!(
            "{:>6} {:>9} {:>9} {:>7} {:>7} {:>7} {:>7} {:>8} {:>9} {:>9} {:>8} {:>4}",
            elapsed.as_secs(),
            outcomes.finished(),
            outcomes.ok.load(Ordering::Relaxed),
            outcomes.status.load(Ordering::Relaxed),
            outcomes.timeout.load(Ordering::Relaxed),
            outcomes.transport.load(Ordering::Relaxed),
            outcomes.other.load(Ordering::Relaxed),
            hook.retries.load(Ordering::Relaxed),
            hook.attempts.load(Ordering::Relaxed),
            SERVED.load(Ordering::Relaxed),
            rss_kb(),
            open_fds(),
        );
        println!("{line}");
    };
    let mut samples = Vec::new();
    let mut next = interval;
    while next <= duration {
        tokio::time::sleep_until(tokio::time::Instant::from_std(started + next)).await;
        report(next);
        samples.push((rss_kb(), open_fds()));
        next += interval;
    }
    for worker in workers {
        worker.await.expect("a worker ends without panicking");
    }
    report(started.elapsed());

    let mut problems = Vec::new();
    let begun = outcomes.started.load(Ordering::Relaxed);
    if begun != outcomes.finished() {
        problems.push(format!(
            "{begun} calls started but {} ended",
            outcomes.finished()
        ));
    }
    let attempts = hook.attempts.load(Ordering::Relaxed);
    let served = SERVED.load(Ordering::Relaxed);
    if attempts != served {
        problems.push(format!(
            "the client made {attempts} attempts, the server read {served} requests"
        ));
    }
    if outcomes.other.load(Ordering::Relaxed) != 0 {
        problems.push("some calls failed with an unexpected kind of error".into());
    }
    // Flat after warm-up: from the first sample on, at most 20% (and 8 MB) more memory,
    // and at most the concurrency in descriptors beyond the first sample.
    if let (Some(first), Some(max_rss), Some(max_fds)) = (
        samples.first(),
        samples.iter().map(|s| s.0).max(),
        samples.iter().map(|s| s.1).max(),
    ) {
        if max_rss > first.0 + (first.0 / 5).max(8 * 1024) {
            problems.push(format!("memory grew from {} kB to {max_rss} kB", first.0));
        }
        if max_fds > first.1 + concurrency {
            problems.push(format!("descriptors grew from {} to {max_fds}", first.1));
        }
    }
    println!(
        "calls {begun}: ok {}, failed {} (each a typed error); attempts {attempts} = served {served}",
        outcomes.ok.load(Ordering::Relaxed),
        outcomes.failed()
    );
    if problems.is_empty() {
        println!("soak: nothing lost, memory and descriptors flat after warm-up");
    } else {
        for problem in &problems {
            eprintln!("soak: {problem}");
        }
        std::process::exit(1);
    }
}
