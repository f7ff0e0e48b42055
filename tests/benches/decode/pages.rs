//! The pages the bench decodes, built from the spec's schemas (`integration_tests::instances`)
//! with realistic request data where the schema leaves it free-form.

use integration_tests::instances::{merged_spec, spec, Instances, Mode};
use serde_json::{json, Value};

/// 255 connections: source types in turn (each with its config), every rule kind, and
/// every other connection with nulls where the spec allows them.
pub fn connections() -> Vec<u8> {
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
    page(models)
}

/// How many events or requests a page holds: the API's default `limit`.
pub const LIST_PAGE: usize = 100;

/// 100 events, as `list_events` returns them: every other one with nulls where the spec
/// allows them. Enums (status, error code) take their values in turn. With `data` (what
/// `include=data` asks for), the full ones carry a delivered webhook's URL, headers and
/// JSON body, the others a null; without, no event has `data`, as the API lists them by
/// default.
pub fn events(data: bool) -> Vec<u8> {
    let root = merged_spec();
    let spec = Instances::new(&root);
    let models = (0..LIST_PAGE)
        .map(|i| {
            let overrides = [(
                "data",
                json!({
                    "url": format!("https://api.example.com/webhooks/{i}"),
                    "method": "POST",
                    "path": format!("/webhooks/{i}"),
                    "query": "",
                    "parsed_query": {},
                    "headers": headers(i),
                    "appended_headers": ["x-hookdeck-eventid", "x-hookdeck-signature"],
                    "body": body(i),
                    "is_large_payload": false,
                }),
            )];
            let event = match i % 2 {
                0 => spec.object(spec.schema("Event"), Mode::Full, &overrides),
                _ => spec.object(spec.schema("Event"), Mode::Nulls, &[]),
            };
            with_data(event, data)
        })
        .collect();
    page(models)
}

/// 100 requests, as `list_requests` returns them, with or without their data, built as
/// the events are.
pub fn requests(data: bool) -> Vec<u8> {
    let root = merged_spec();
    let spec = Instances::new(&root);
    let models = (0..LIST_PAGE)
        .map(|i| {
            let overrides = [(
                "data",
                json!({
                    "path": format!("/e/src_{i}"),
                    "query": "attempt=1",
                    "parsed_query": {"attempt": "1"},
                    "headers": headers(i),
                    "body": body(i),
                    "is_large_payload": false,
                }),
            )];
            let request = match i % 2 {
                0 => spec.object(spec.schema("Request"), Mode::Full, &overrides),
                _ => spec.object(spec.schema("Request"), Mode::Nulls, &[]),
            };
            with_data(request, data)
        })
        .collect();
    page(models)
}

/// The item as listed with `include=data` (`data` kept) or without (`data` left out).
fn with_data(mut item: Value, data: bool) -> Value {
    if !data {
        item.as_object_mut().expect("an object").remove("data");
    }
    item
}

fn page(models: Vec<Value>) -> Vec<u8> {
    let count = models.len();
    let page = json!({
        "pagination": {"order_by": "created_at", "dir": "desc", "limit": count, "next": "cursor_2"},
        "count": count,
        "models": models,
    });
    serde_json::to_vec(&page).expect("encodes")
}

/// A webhook's headers as a provider sends them and Hookdeck records them.
fn headers(i: usize) -> Value {
    json!({
        "accept": "*/*; q=0.5, application/xml",
        "cache-control": "no-cache",
        "content-length": "1843",
        "content-type": "application/json; charset=utf-8",
        "host": "hkdk.events",
        "stripe-signature": format!("t=1717171717,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8b{}", i % 10),
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "x-forwarded-for": "54.187.174.169",
        "x-forwarded-proto": "https",
        "x-real-ip": "54.187.174.169",
        "x-request-id": format!("req_{i:08}"),
        "x-hookdeck-original-ip": null,
    })
}

/// A Stripe-like event payload: the free-form JSON body of a webhook.
fn body(i: usize) -> Value {
    json!({
        "id": format!("evt_1P{i:014}"),
        "object": "event",
        "api_version": "2024-04-10",
        "created": 1_717_171_717 + i,
        "livemode": false,
        "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": format!("ik_{i}")},
        "type": "payment_intent.succeeded",
        "data": {
            "object": {
                "id": format!("pi_3P{i:014}"),
                "object": "payment_intent",
                "amount": 2000 + i,
                "amount_received": 2000 + i,
                "currency": "usd",
                "customer": format!("cus_{i:010}"),
                "description": "Order #1234",
                "metadata": {"order_id": format!("{i}"), "channel": "web"},
                "payment_method_types": ["card"],
                "status": "succeeded",
                "charges": {
                    "object": "list",
                    "data": [{
                        "id": format!("ch_3P{i:014}"),
                        "amount": 2000 + i,
                        "paid": true,
                        "billing_details": {
                            "address": {"city": "Montréal", "country": "CA", "line1": "123 Rue Example", "postal_code": "H2X 1Y4"},
                            "email": "jenny@example.com",
                            "name": "Jenny Rosen",
                        },
                        "outcome": {"network_status": "approved_by_network", "risk_level": "normal", "risk_score": 32, "type": "authorized"},
                    }],
                    "has_more": false,
                },
            }
        },
    })
}
