//! Decoding realistic pages into the SDK's types: 255 connections, and 100 events and 100
//! requests (the lists a team polls most) as listed by default and with their data
//! (`include=data`: each a webhook's headers and free-form JSON body), each against `serde_json::Value`, a model of
//! the page written by hand with `#[derive(Deserialize)]` ([`hand_model`],
//! [`hand_events`]) and `serde::de::IgnoredAny` on the same bytes; encoding a create body.
//! `cargo bench -p integration-tests --bench decode`; numbers in BENCHMARKS.md.

mod hand_events;
mod hand_model;
mod pages;

use hookdeck::types::{
    ConnectionPaginatedResult, CreateConnectionBody, DelayRule, DestinationInput,
    DestinationTypeConfigHttp, EventPaginatedResult, RequestPaginatedResult, Rule, SourceInput,
    SourceTypeConfigStripe,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::hint::black_box;
use std::time::{Duration, Instant};

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

/// How the SDK decodes a response body: checked as UTF-8 once, then parsed as text. The
/// hand-written models are decoded the same way.
fn decode<T: DeserializeOwned>(bytes: &[u8]) -> T {
    serde_json::from_str(std::str::from_utf8(black_box(bytes)).unwrap()).unwrap()
}

/// The medians of one page's decoders: typed, typed with the drop, `Value`, `IgnoredAny`
/// and the hand-written model.
struct Medians {
    typed: Duration,
    typed_with_drop: Duration,
    value: Duration,
    ignored: Duration,
    hand: Duration,
}

/// Times the decoders of one page, `Typed` the SDK's type and `Hand` the hand-written
/// model. They take turns within each round, so a change in the machine's speed (shared
/// machines drift by 2x within minutes) hits all of them alike.
fn measure<Typed: DeserializeOwned, Hand: DeserializeOwned>(bytes: &[u8], runs: usize) -> Medians {
    let mut rounds: [Vec<Duration>; 5] = Default::default();
    for _ in 0..runs {
        rounds[0].push(time(|| drop(decode::<Typed>(bytes))));
        rounds[1].push(time(|| decode::<Typed>(bytes)));
        rounds[2].push(time(|| {
            serde_json::from_slice::<Value>(black_box(bytes)).unwrap()
        }));
        rounds[3].push(time(|| {
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(bytes)).unwrap()
        }));
        rounds[4].push(time(|| decode::<Hand>(bytes)));
    }
    let [typed_with_drop, typed, value, ignored, hand] = rounds.map(median);
    Medians {
        typed,
        typed_with_drop,
        value,
        ignored,
        hand,
    }
}

/// Prints one page's rows; `prefix` names the page on its ratio lines ("" for the
/// connections page, whose lines keep the labels they had before the other pages).
fn report(title: &str, prefix: &str, typed_name: &str, bytes: &[u8], m: &Medians, runs: usize) {
    let mbps = |d: Duration| bytes.len() as f64 / d.as_secs_f64() / 1e6;
    println!(
        "page: {title}, {} bytes; median of {runs} runs",
        bytes.len()
    );
    let row = |label: &str, d: Duration| {
        println!(
            "{label:<44}{:8.3} ms  {:7.1} MB/s",
            d.as_secs_f64() * 1e3,
            mbps(d)
        );
    };
    row(&format!("typed ({typed_name}):"), m.typed);
    row("typed, dropping included:", m.typed_with_drop);
    row("serde_json::Value:", m.value);
    row("hand-written derive model:", m.hand);
    row("IgnoredAny:", m.ignored);
    let ratio = |label: &str, other: Duration| {
        println!(
            "{:<44}{:8.2} x",
            format!("{prefix}{label}"),
            other.as_secs_f64() / m.typed.as_secs_f64()
        );
    };
    ratio("typed / Value throughput:", m.value);
    ratio("typed / hand-written derive:", m.hand);
    ratio("typed / IgnoredAny throughput:", m.ignored);
}

/// The alternative a body type that is not decoded would give: the hand-written model of a
/// page with its bodies kept as raw JSON text (`Box<RawValue>`), beside the same model with
/// `Value` bodies and `Value` for the page, in turns. Prints its time and its throughput
/// against `Value`.
fn raw_body_alternative<ValueBody: DeserializeOwned, RawBody: DeserializeOwned>(
    prefix: &str,
    bytes: &[u8],
    runs: usize,
) {
    let mut rounds: [Vec<Duration>; 3] = Default::default();
    for _ in 0..runs {
        rounds[0].push(time(|| decode::<RawBody>(bytes)));
        rounds[1].push(time(|| decode::<ValueBody>(bytes)));
        rounds[2].push(time(|| {
            serde_json::from_slice::<Value>(black_box(bytes)).unwrap()
        }));
    }
    let [raw, hand, value] = rounds.map(median);
    println!(
        "{:<44}{:8.3} ms  ({:.3} ms with Value bodies)",
        format!("{prefix}hand-written, raw bodies:"),
        raw.as_secs_f64() * 1e3,
        hand.as_secs_f64() * 1e3
    );
    println!(
        "{:<44}{:8.2} x",
        format!("{prefix}raw bodies / Value throughput:"),
        value.as_secs_f64() / raw.as_secs_f64()
    );
}

fn main() {
    let connections = pages::connections();
    let [events, events_data] = [false, true].map(pages::events);
    let [requests, requests_data] = [false, true].map(pages::requests);
    // The pages must decode before they are worth timing.
    let page: ConnectionPaginatedResult = decode(&connections);
    assert_eq!(page.models.as_ref().map(Vec::len), Some(255));
    assert_eq!(
        decode::<hand_model::HandPage>(&connections).models.len(),
        255
    );
    for events in [&events, &events_data] {
        let page: EventPaginatedResult = decode(events);
        assert_eq!(page.models.as_ref().map(Vec::len), Some(pages::LIST_PAGE));
        assert_eq!(
            decode::<hand_events::EventPage>(events).models.len(),
            pages::LIST_PAGE
        );
    }
    for requests in [&requests, &requests_data] {
        let page: RequestPaginatedResult = decode(requests);
        assert_eq!(page.models.as_ref().map(Vec::len), Some(pages::LIST_PAGE));
        assert_eq!(
            decode::<hand_events::RequestPage>(requests).models.len(),
            pages::LIST_PAGE
        );
    }

    // `DECODE_PROFILE=connections` (or `events`, `requests`: with data) runs only that
    // page's typed decode, many times, for a profiler.
    if let Ok(page) = std::env::var("DECODE_PROFILE") {
        for _ in 0..2000 {
            match page.as_str() {
                "events" => drop(black_box(decode::<EventPaginatedResult>(&events_data))),
                "requests" => drop(black_box(decode::<RequestPaginatedResult>(&requests_data))),
                _ => drop(black_box(decode::<ConnectionPaginatedResult>(&connections))),
            }
        }
        return;
    }
    // `cargo bench` passes `--bench`; under `cargo test --all-targets` (CI) one run of each
    // measurement proves the bench still works.
    let timed = std::env::args().any(|a| a == "--bench");
    let runs = if timed { 41 } else { 1 };
    let m = measure::<ConnectionPaginatedResult, hand_model::HandPage>(&connections, runs);
    report(
        "255 connections",
        "",
        "ConnectionPaginatedResult",
        &connections,
        &m,
        runs,
    );
    for (title, prefix, bytes) in [
        ("100 events", "events: ", &events),
        ("100 events with data", "events with data: ", &events_data),
    ] {
        let m = measure::<EventPaginatedResult, hand_events::EventPage>(bytes, runs);
        report(title, prefix, "EventPaginatedResult", bytes, &m, runs);
    }
    for (title, prefix, bytes) in [
        ("100 requests", "requests: ", &requests),
        (
            "100 requests with data",
            "requests with data: ",
            &requests_data,
        ),
    ] {
        let m = measure::<RequestPaginatedResult, hand_events::RequestPage>(bytes, runs);
        report(title, prefix, "RequestPaginatedResult", bytes, &m, runs);
    }

    type RawBody = Box<serde_json::value::RawValue>;
    raw_body_alternative::<hand_events::EventPage, hand_events::EventPage<RawBody>>(
        "events with data: ",
        &events_data,
        runs,
    );
    raw_body_alternative::<hand_events::RequestPage, hand_events::RequestPage<RawBody>>(
        "requests with data: ",
        &requests_data,
        runs,
    );

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
    println!(
        "{:<44}{:8.2} µs",
        "encode a create body:",
        encode.as_secs_f64() * 1e6
    );
}
