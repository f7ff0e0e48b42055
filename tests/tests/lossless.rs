//! Values the whole API allows that a type could lose, each decoded and re-encoded
//! unchanged: nulls where a schema appears nullable (map values, array items, a nullable
//! component as a body or an item), a property whose union arms are each nullable, a value
//! sent without its sibling tag, and numbers past `f32`'s precision.

use hookdeck::mock::{MockReply, MockTransport};
use hookdeck::types::{
    CountConnectionsResponse, DestinationConfigHttpAuth, DestinationTypeConfigHttp, EventAttempt,
    EventAttemptPaginatedResult, EventData, EventDataHeaders, MetricDataPoint,
};
use hookdeck::Nullable;
use integration_tests::instances::round_trip;
use serde_json::{json, Value};

fn attempt(body: Value) -> Value {
    json!({
        "id": "atm_1",
        "team_id": "tm_1",
        "event_id": "evt_1",
        "destination_id": "des_1",
        "response_status": 200,
        "attempt_number": 1,
        "trigger": "INITIAL",
        "body": body,
        "requested_url": "https://example.com",
        "http_method": "POST",
        "bulk_retry_id": null,
        "status": "SUCCESSFUL",
        "successful_at": null,
        "delivered_at": null,
        "responded_at": null,
        "delivery_latency": null,
        "response_latency": null,
        "updated_at": "2024-01-01T00:00:00.000Z",
        "created_at": "2024-01-01T00:00:00.000Z"
    })
}

#[test]
fn a_null_header_value_is_kept() {
    let headers: EventDataHeaders = round_trip(&json!({"x-one": "1", "x-none": null}));
    let EventDataHeaders::Map(map) = headers else {
        panic!("headers as a map: {headers:?}")
    };
    assert_eq!(map.get("x-none"), Some(&None));
    // Inside an event's data, as a page of events carries it.
    let data = json!({
        "url": "https://hkdk.events/abc",
        "method": "POST",
        "path": "/abc",
        "query": null,
        "parsed_query": null,
        "headers": {"content-type": "application/json", "x-empty": null},
        "body": {"a": 1}
    });
    round_trip::<EventData>(&data);
}

#[tokio::test]
async fn a_nullable_component_is_null_as_an_item_and_as_a_body() {
    let page = json!({
        "pagination": {"order_by": "created_at", "dir": "desc", "limit": 100},
        "count": 2,
        "models": [attempt(json!({"ok": true})), null]
    });
    let page: EventAttemptPaginatedResult = round_trip(&page);
    assert_eq!(page.models.as_ref().map(|m| m[1].is_none()), Some(true));
    // `GET /attempts/{id}` answers `EventAttempt`, which is nullable: `get_attempt` gives
    // `None` for a `null` body, and the attempt itself for an object.
    let mock = MockTransport::new().reply("getAttempt", MockReply::raw(200, "null"));
    let client = hookdeck::Client::builder("sk_test_lossless")
        .transport(mock.clone())
        .build()
        .expect("a client");
    let none = client
        .get_attempt("atm_1")
        .send()
        .await
        .expect("a null body decodes");
    assert!(none.is_none());
    let mock = MockTransport::new().reply(
        "getAttempt",
        MockReply::json(200, &attempt(json!({"ok": true}))),
    );
    let client = hookdeck::Client::builder("sk_test_lossless")
        .transport(mock)
        .build()
        .expect("a client");
    let some = client
        .get_attempt("atm_1")
        .send()
        .await
        .expect("an attempt decodes");
    assert_eq!(some.map(|a| a.id), Some("atm_1".to_owned()));
}

#[test]
fn a_union_of_nullable_arms_keeps_null_apart_from_absent() {
    let attempt: EventAttempt = round_trip(&attempt(Value::Null));
    assert!(matches!(attempt.body, Nullable::Null), "{:?}", attempt.body);
    let mut absent = self::attempt(Value::Null);
    absent.as_object_mut().unwrap().remove("body");
    let attempt: EventAttempt = round_trip(&absent);
    assert!(
        matches!(attempt.body, Nullable::Absent),
        "{:?}",
        attempt.body
    );
}

#[test]
fn a_value_without_its_tag_is_kept_as_sent() {
    for (tag, auth) in [
        // The empty-auth branch: a null tag and an empty object.
        (json!(null), json!({})),
        (json!(null), json!(null)),
        (json!(null), json!({"username": "u"})),
    ] {
        let config = json!({"url": "https://example.com", "auth_type": tag, "auth": auth});
        let decoded: DestinationTypeConfigHttp = round_trip(&config);
        let Nullable::Value(DestinationConfigHttpAuth::Untagged { tag_null, value }) =
            &decoded.auth
        else {
            panic!("kept as untagged: {:?}", decoded.auth)
        };
        assert!(*tag_null);
        assert_eq!(value, &auth);
    }
    // The tag left out, the value sent.
    let config = json!({"url": "https://example.com", "auth": {"token": "t"}});
    let decoded: DestinationTypeConfigHttp = round_trip(&config);
    assert!(matches!(
        decoded.auth,
        Nullable::Value(DestinationConfigHttpAuth::Untagged {
            tag_null: false,
            ..
        })
    ));
}

#[test]
fn numbers_keep_every_digit() {
    let count: CountConnectionsResponse = round_trip(&json!({"count": 16_777_217}));
    assert_eq!(count.count, 16_777_217.0);
    let point = json!({
        "time_bucket": "2024-01-01T00:00:00Z",
        "metrics": {"count": 123_456_789.125, "rate": 0.1, "error_rate": 1.0e-7}
    });
    let point: MetricDataPoint = round_trip(&point);
    assert_eq!(point.metrics.unwrap()["count"], 123_456_789.125);
}
