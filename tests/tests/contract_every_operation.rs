//! Contract tests of every operation of the API: the typed client against Prism, with
//! inputs nobody here wrote.
//!
//! For each of the API's operations and seeds 1 to 3, json-schema-faker (the generator
//! Prism ships) has made an instance of the operation's parameters and request body from
//! the spec Prism serves (`xtask/js/fake_instances.cjs`, run by `cargo xtask test`, which
//! passes the file in `PRISM_INSTANCES`; seed 1 leaves the path parameters out). The
//! calling code is generated from the spec too (`tests/src/every_operation.rs`): it
//! decodes each instance into the type the typed client takes, fills a required parameter
//! the instance leaves out with a plausible value (`web_1`), and sends the request with
//! `Prefer: seed=N`, through a recording
//! relay on loopback (`tests/src/recorder.rs`) that keeps the bytes as they went. Each
//! call must show:
//!
//! - the instances decode into the client's types, and the typed body re-encodes to the
//!   instance it came from, and goes on the wire as that JSON (nothing lost on the way in);
//! - Prism reports no violation (no `sl-violations` header) and answers 2xx;
//! - the 2xx answer decodes, and the typed value re-encodes to the raw body (or, where
//!   `send()` returns one property of it, to that property): nothing lost on the way out;
//! - every query parameter the spec declares `style: deepObject` goes out in bracket form
//!   (`date_range[start]=…`), checked against the spec itself in the URL the client wrote.
//!
//! Then every error status an operation declares, asked for with `Prefer: code=N`, must
//! arrive as `Error::Api` with that status.
//!
//! The metrics operations go through Prism like the others. On the spec as published,
//! Prism answers them 422 (it reads object query parameters in its default form, not the
//! bracket form the API reads); the copy it serves here declares such parameters
//! `style: deepObject` (`xtask/src/normalize.rs`, rewrite 5), so it reads the brackets and
//! checks each bound (a bad or missing `date_range[end]` is a violation). The bracket
//! check above holds them to the spec independently of Prism.
//!
//! Every failure names the operation, the seed or status, the error and the raw body; the
//! test runs every call before it fails, so one run shows all of them.
//!
//! Run with `cargo xtask test -p integration-tests --test contract_every_operation`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use futures::stream::{self, StreamExt};
use hookdeck::serde_json::{self, Value};
use hookdeck::{Client, Error};
use integration_tests::calls::{excerpt, Input, Operation, ResponseShape};
use integration_tests::every_operation::OPERATIONS;
use integration_tests::json_diff::json_diff;
use integration_tests::prism::{prism_url, API_KEY};
use integration_tests::recorder::Recorder;

/// Prism compiles an operation's schemas on its first request (2–5 s, more on a busy machine).
const TIMEOUT: Duration = Duration::from_secs(120);
/// Requests in flight at once: enough to keep Prism busy, few enough for a 2-core machine.
const CONCURRENCY: usize = 8;
/// The seeds of the instances and of Prism's dynamic answers.
const SEEDS: [u64; 3] = [1, 2, 3];

/// The environment variable `cargo xtask test` sets to the instances file.
use xtask::INSTANCES_VAR;

/// The instances file: `{operations: {operationId: [{seed, params, body?} | {seed, error}]}}`.
fn instances() -> BTreeMap<String, Vec<Value>> {
    let path = match std::env::var(INSTANCES_VAR) {
        Ok(path) if !path.trim().is_empty() => path,
        _ => panic!(
            "{INSTANCES_VAR} is not set: `cargo xtask test` makes the instances with \
             json-schema-faker and starts Prism; run `cargo xtask test -p integration-tests \
             --test contract_every_operation`"
        ),
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let file: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let operations = file
        .get("operations")
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{path} has no `operations` object"));
    operations
        .iter()
        .map(|(id, list)| (id.clone(), list.as_array().cloned().unwrap_or_default()))
        .collect()
}

/// The generated client pointed at a relay. No retries and no idle connections, as in
/// `contract.rs` (a failure shows as it happened; no pooled connection Prism has reset).
fn client(base_url: &str) -> Client {
    let http = hookdeck::reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .connect_timeout(Duration::from_secs(10))
        .build()
        .expect("a reqwest client");
    Client::builder(API_KEY)
        .base_url(base_url)
        .http_client(http)
        .timeout(TIMEOUT)
        .max_retries(0)
        .build()
        .expect("a valid client configuration")
}

/// What a call must come back as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// A 2xx answer, decoded losslessly.
    Success,
    /// `Error::Api` with this declared status.
    ApiError(u16),
}

struct Case {
    op: &'static Operation,
    seed: u64,
    expect: Expect,
    instance: Value,
}

impl Case {
    fn name(&self) -> String {
        let asked = match self.expect {
            Expect::Success => format!("Prefer: seed={}", self.seed),
            Expect::ApiError(code) => format!("Prefer: code={code} (instance seed {})", self.seed),
        };
        format!(
            "{} ({} {}) with {asked}",
            self.op.id, self.op.method, self.op.path
        )
    }

    fn prefer(&self) -> String {
        match self.expect {
            Expect::Success => format!("seed={}", self.seed),
            Expect::ApiError(code) => format!("code={code}"),
        }
    }
}

/// What a passing call counted.
#[derive(Default)]
struct Counts {
    /// 2xx bodies decoded and re-encoded losslessly.
    responses: usize,
    /// Request bodies decoded, re-encoded and sent losslessly.
    request_bodies: usize,
    /// Declared errors that arrived as `Error::Api`.
    api_errors: usize,
    /// Bracket-form parameters checked in the URL.
    bracket_params: usize,
}

/// Runs one call; the problems found, each a line, or what it counted.
async fn run(case: &Case) -> Result<Counts, Vec<String>> {
    let mut counts = Counts::default();
    if let Some(error) = case.instance.get("error") {
        return Err(vec![format!("json-schema-faker made no instance: {error}")]);
    }
    let params = case
        .instance
        .get("params")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let body = case.instance.get("body").cloned();
    let input = Input::new(params.clone(), body.clone(), case.prefer());

    let recorder = Recorder::start(&prism_url())
        .await
        .map_err(|e| vec![format!("cannot start the relay: {e}")])?;
    let client = client(recorder.url());
    let pending = (case.op.call)(&client, &input)
        .map_err(|e| vec![format!("the instance does not fit the typed client: {e}")])?;
    let body_sent = pending.body_sent.clone();
    let answer = pending.answer.await;
    let exchanges = recorder.exchanges();
    drop(recorder);

    let mut problems = Vec::new();
    let exchange = match exchanges.as_slice() {
        [one] => one,
        other => {
            problems.push(format!(
                "the client made {} requests, not 1; answer: {}",
                other.len(),
                describe_answer(&answer)
            ));
            return Err(problems);
        }
    };

    // On the way in: the typed body holds the instance and sends it as it is.
    if let (Some(instance), Some(sent)) = (&body, &body_sent) {
        match json_diff(instance, sent, "") {
            None if case.expect == Expect::Success => counts.request_bodies += 1,
            None => {}
            Some(diff) => problems.push(format!(
                "the typed request body re-encodes differently from its instance: {diff}"
            )),
        }
        match serde_json::from_slice::<Value>(&exchange.request_body) {
            Ok(wire) => {
                if let Some(diff) = json_diff(sent, &wire, "") {
                    problems.push(format!(
                        "the body on the wire is not the typed body: {diff}"
                    ));
                }
            }
            Err(e) => problems.push(format!("the body on the wire is not JSON: {e}")),
        }
    }

    // Object query parameters in bracket form, as the spec declares them.
    let keys = query_keys(&exchange.target);
    for name in case.op.bracket_params {
        // An empty object has no key to send.
        if params
            .get(*name)
            .and_then(Value::as_object)
            .is_none_or(|object| object.is_empty())
        {
            continue;
        }
        let bracketed = keys.iter().any(|k| k.starts_with(&format!("{name}[")));
        let plain = keys.iter().any(|k| k == name);
        if bracketed && !plain {
            if case.expect == Expect::Success {
                counts.bracket_params += 1;
            }
        } else {
            problems.push(format!(
                "`{name}` (style: deepObject) is not sent in bracket form: {}",
                exchange.target
            ));
        }
    }

    if let Some(violations) = &exchange.violations {
        problems.push(format!(
            "Prism reports violations (status {}): {violations}; request: {} {}",
            exchange.status, exchange.method, exchange.target
        ));
    }

    match (case.expect, &answer) {
        (Expect::Success, Ok(decoded)) => match &decoded.value {
            Ok(value) => match lossless(case.op.response, &exchange.response_body, value) {
                Ok(()) => counts.responses += 1,
                Err(why) => problems.push(format!(
                    "the decoded answer (status {}) re-encodes differently: {why}; raw body: {}",
                    decoded.status,
                    excerpt(&String::from_utf8_lossy(&exchange.response_body))
                )),
            },
            Err(why) => problems.push(why.clone()),
        },
        (Expect::ApiError(code), Err(Error::Api(api))) if api.status.as_u16() == code => {
            counts.api_errors += 1;
        }
        (Expect::Success, Err(_)) | (Expect::ApiError(_), _) => {
            problems.push(format!(
                "{}; request: {} {}",
                describe_answer(&answer),
                exchange.method,
                exchange.target
            ));
        }
    }
    if problems.is_empty() {
        Ok(counts)
    } else {
        Err(problems)
    }
}

/// The answer, for a failure message: the value's status, or the error's variant, text,
/// status and raw body.
fn describe_answer(answer: &Result<integration_tests::calls::Decoded, Error<Value>>) -> String {
    let error = match answer {
        Ok(decoded) => return format!("a {} answer", decoded.status),
        Err(error) => error,
    };
    let variant = match error {
        Error::Api(_) => "Api",
        Error::UnexpectedStatus { .. } => "UnexpectedStatus",
        Error::Decode { .. } => "Decode",
        Error::Decompress { .. } => "Decompress",
        Error::Timeout { .. } => "Timeout",
        Error::Transport { .. } => "Transport",
        Error::InvalidRequest { .. } => "InvalidRequest",
        _ => "(another variant)",
    };
    let mut text = format!("Error::{variant}: {error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(text, "; caused by: {cause}");
        source = cause.source();
    }
    if let Some(status) = error.status() {
        let _ = write!(text, "; status {status}");
    }
    if let Error::Decode { source, body, .. } = error {
        let _ = write!(text, "; near: {}", around(body, source.column()));
    }
    if let Some(body) = error.body_text() {
        let _ = write!(text, "; raw body: {}", excerpt(&body));
    }
    text
}

/// The bytes of a one-line body before the column (1-based) serde_json stopped at, to
/// show which property failed.
fn around(body: &[u8], column: usize) -> String {
    let end = column.min(body.len());
    let start = end.saturating_sub(160);
    format!("…{}", String::from_utf8_lossy(&body[start..end]))
}

/// Whether the typed value re-encodes to what the raw body holds of it.
fn lossless(shape: ResponseShape, raw: &[u8], value: &Value) -> Result<(), String> {
    let raw: Value = match shape {
        ResponseShape::Empty => return Ok(()),
        _ => serde_json::from_slice(raw).map_err(|e| format!("the raw body is not JSON: {e}"))?,
    };
    let expected = match shape {
        ResponseShape::Field(name) => raw.get(name).cloned().unwrap_or(Value::Null),
        _ => raw,
    };
    match json_diff(&expected, value, "") {
        None => Ok(()),
        Some(diff) => Err(diff),
    }
}

/// The keys of a request target's query, percent-decoded.
fn query_keys(target: &str) -> Vec<String> {
    let Some((_, query)) = target.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .map(|pair| percent_decode(pair.split('=').next().unwrap_or_default()))
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_against_prism_with_generated_instances() {
    let instances = instances();
    let mut cases = Vec::new();
    let mut missing = Vec::new();
    for op in OPERATIONS.iter() {
        let Some(list) = instances.get(op.id) else {
            missing.push(op.id);
            continue;
        };
        for seed in SEEDS {
            let instance = list
                .iter()
                .find(|i| i.get("seed").and_then(Value::as_u64) == Some(seed))
                .cloned()
                .unwrap_or_else(
                    || serde_json::json!({"error": format!("no instance for seed {seed}")}),
                );
            cases.push(Case {
                op,
                seed,
                expect: Expect::Success,
                instance: instance.clone(),
            });
            // Each declared error status once, with the first seed's instance.
            if seed == SEEDS[0] {
                for &code in op.error_statuses {
                    cases.push(Case {
                        op,
                        seed,
                        expect: Expect::ApiError(code),
                        instance: instance.clone(),
                    });
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no instances for {missing:?} in {INSTANCES_VAR}: is the file older than the spec?"
    );

    let started = Instant::now();
    let results: Vec<(&Case, Result<Counts, Vec<String>>)> = stream::iter(&cases)
        .map(|case| async move { (case, run(case).await) })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;

    let mut total = Counts::default();
    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut failed_ops = BTreeSet::new();
    for (case, result) in &results {
        match result {
            Ok(counts) => {
                total.responses += counts.responses;
                total.request_bodies += counts.request_bodies;
                total.api_errors += counts.api_errors;
                total.bracket_params += counts.bracket_params;
            }
            Err(problems) => {
                failed_ops.insert(case.op.id);
                failures.insert(case.name(), problems.clone());
            }
        }
    }
    let ops_with_errors = OPERATIONS
        .iter()
        .filter(|op| !op.error_statuses.is_empty())
        .count();
    for (name, problems) in &failures {
        println!("FAIL {name}:");
        for problem in problems {
            println!("    {problem}");
        }
    }
    let summary = format!(
        "{} operations, {} calls in {} s: {} 2xx bodies decoded losslessly, {} request bodies \
         sent losslessly, {} declared errors typed ({} operations declare errors), {} bracket \
         parameters checked; {} calls failed, in {} operations: {:?}",
        OPERATIONS.len(),
        cases.len(),
        started.elapsed().as_secs(),
        total.responses,
        total.request_bodies,
        total.api_errors,
        ops_with_errors,
        total.bracket_params,
        failures.len(),
        failed_ops.len(),
        failed_ops,
    );
    println!("{summary}");
    assert!(
        failures.is_empty(),
        "{summary}\n{}",
        failures
            .iter()
            .map(|(name, problems)| format!("{name}:\n    {}", problems.join("\n    ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
