//! Decoding a realistic page of 255 connections into the SDK's types, against
//! `serde_json::Value`, a model of the page written by hand with `#[derive(Deserialize)]`
//! ([`hand_model`]) and `serde::de::IgnoredAny` on the same bytes; encoding a create body.
//! `cargo bench -p integration-tests --bench decode`; numbers in BENCHMARKS.md.

mod hand_model;

use hookdeck::types::{
    ConnectionPaginatedResult, CreateConnectionBody, DelayRule, DestinationInput,
    DestinationTypeConfigHttp, Rule, SourceInput, SourceTypeConfigStripe,
};
use integration_tests::instances::{spec, Instances, Mode};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// 255 connections: source types in turn (each with its config), every rule kind, and
/// every other connection with nulls where the spec allows them.
fn page() -> Vec<u8> {
    let root = spec();
    let spec = Instances::new(&root);
    let sources = spec.variants("SourceConfig");
    let destinations = spec.variants("DestinationConfig");
    // One rule of each kind, the same on every connection.
    let rules = json!(spec
        .variants("Rule")
        .into_iter()
        .map(|(_, rule)| spec.object(rule, Mode::Full, &[]))
        .collect::<Vec<Value>>());
    let models: Vec<Value> = (0..255)
        .map(|i| {
            let mode = if i % 2 == 0 { Mode::Full } else { Mode::Nulls };
            let (source_type, source_schema) = &sources[i % sources.len()];
            let source_config = spec.object(source_schema, Mode::Full, &[]);
            let source = spec.object(
                spec.schema("Source"),
                mode,
                &[("type", json!(source_type)), ("config", source_config)],
            );
            let (destination_type, destination_schema) = &destinations[i % destinations.len()];
            let destination_config = spec.object(destination_schema, Mode::Full, &[]);
            let destination = spec.object(
                spec.schema("Destination"),
                mode,
                &[
                    ("type", json!(destination_type)),
                    ("config", destination_config),
                ],
            );
            spec.object(
                spec.schema("Connection"),
                mode,
                &[
                    ("source", source),
                    ("destination", destination),
                    ("rules", rules.clone()),
                ],
            )
        })
        .collect();
    let page = json!({
        "pagination": {"order_by": "created_at", "dir": "desc", "limit": 255, "next": "cursor_2"},
        "count": 255,
        "models": models,
    });
    serde_json::to_vec(&page).expect("encodes")
}

/// How long `f` takes, the dropping of its result left out (as criterion's
/// `iter_with_large_drop` does): decoding is measured, not deallocation.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let out = black_box(f());
    let elapsed = start.elapsed();
    drop(out);
    elapsed
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The hand-written model, decoded the same way as the SDK's types.
fn hand(bytes: &[u8]) -> hand_model::HandPage {
    serde_json::from_str(std::str::from_utf8(black_box(bytes)).unwrap()).unwrap()
}

/// How the SDK decodes a response body (one UTF-8 check, then text parsing).
fn typed(bytes: &[u8]) -> ConnectionPaginatedResult {
    // As the SDK decodes a body: checked as UTF-8 once, then parsed as text.
    serde_json::from_str(std::str::from_utf8(black_box(bytes)).unwrap()).unwrap()
}

fn main() {
    let bytes = page();
    // The page must decode before it is worth timing.
    let decoded = typed(&bytes);
    assert_eq!(decoded.models.as_ref().map(Vec::len), Some(255));
    assert_eq!(hand(&bytes).models.len(), 255);

    // `DECODE_PROFILE=1` runs only the typed decode, many times, for a profiler.
    if std::env::var_os("DECODE_PROFILE").is_some() {
        for _ in 0..500 {
            black_box(typed(&bytes));
        }
        return;
    }
    // `cargo bench` passes `--bench`; under `cargo test --all-targets` (CI) one run of each
    // measurement proves the bench still works.
    let timed = std::env::args().any(|a| a == "--bench");
    let runs = if timed { 41 } else { 1 };
    // The decoders take turns within each round, so a change in the machine's speed
    // (shared machines drift by 2x within minutes) hits all of them alike.
    let mut rounds: [Vec<Duration>; 5] = Default::default();
    for _ in 0..runs {
        rounds[0].push(time(|| drop(typed(&bytes))));
        rounds[1].push(time(|| typed(&bytes)));
        rounds[2].push(time(|| {
            serde_json::from_slice::<Value>(black_box(&bytes)).unwrap()
        }));
        rounds[3].push(time(|| {
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&bytes)).unwrap()
        }));
        rounds[4].push(time(|| hand(&bytes)));
    }
    let [typed_with_drop, typed, value, ignored, hand] = rounds.map(median);

    let source = SourceInput::new("stripe-prod").with_config(SourceTypeConfigStripe::default());
    let destination = DestinationInput::new("orders")
        .with_config(DestinationTypeConfigHttp::new("https://example.com/hooks"));
    let body = CreateConnectionBody::default()
        .with_name("stripe-to-orders")
        .with_source(source)
        .with_destination(destination)
        .with_rules(vec![Rule::Delay(DelayRule::new(1000))]);
    let encode = median(
        (0..if timed { 1001 } else { 1 })
            .map(|_| time(|| serde_json::to_vec(black_box(&body)).unwrap()))
            .collect(),
    );

    let mbps = |d: Duration| bytes.len() as f64 / d.as_secs_f64() / 1e6;
    println!(
        "page: 255 connections, {} bytes; median of {runs} runs",
        bytes.len()
    );
    let row = |label: &str, d: Duration| {
        println!(
            "{label:<36}{:8.3} ms  {:7.1} MB/s",
            d.as_secs_f64() * 1e3,
            mbps(d)
        );
    };
    row("typed (ConnectionPaginatedResult):", typed);
    row("typed, dropping included:", typed_with_drop);
    row("serde_json::Value:", value);
    row("hand-written derive model:", hand);
    row("IgnoredAny:", ignored);
    println!(
        "typed / Value throughput:           {:8.2} x",
        value.as_secs_f64() / typed.as_secs_f64()
    );
    println!(
        "typed / hand-written derive:        {:8.2} x",
        hand.as_secs_f64() / typed.as_secs_f64()
    );
    println!(
        "typed / IgnoredAny throughput:      {:8.2} x",
        ignored.as_secs_f64() / typed.as_secs_f64()
    );
    println!(
        "encode a create body:               {:8.2} µs",
        encode.as_secs_f64() * 1e6
    );
}
