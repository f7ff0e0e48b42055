//! Operations beyond Connections on the wire, against an in-process mock server: what a
//! team running webhooks does with the rest of the API (retry an event, page through
//! events, read an attempt, query metrics), and the query forms the real API reads.

use futures::StreamExt;
use hookdeck::chrono::{TimeZone, Utc};
use hookdeck::serde_json::json;
use hookdeck::types::{
    EventStatus, QueryEventMetricsDimensionsItem, QueryEventMetricsFilters,
    QueryEventMetricsMeasuresItem, QueryMetricsDateRange,
};
use hookdeck::Client;
use integration_tests::mock_server::{MockServer, Reply};

fn client(server: &MockServer) -> Client {
    Client::builder("sk_test_whole_api")
        .base_url(server.url())
        .max_retries(0)
        .build()
        .expect("valid client configuration")
}

#[tokio::test]
async fn metrics_send_objects_in_brackets_and_lists_as_lists_even_of_one() {
    let server = MockServer::start(vec![Reply::json(200, r#"{"data": []}"#); 2]).await;
    let client = client(&server);
    let range = QueryMetricsDateRange::new(
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap(),
    );
    client
        .query_event_metrics()
        .date_range(range.clone())
        .granularity("1h")
        .filters(
            QueryEventMetricsFilters::default()
                .with_source_id(hookdeck::OneOrMany::One("src_1".to_owned())),
        )
        .measures(vec![QueryEventMetricsMeasuresItem::Count])
        .send()
        .await
        .expect("an empty series");
    client
        .query_event_metrics()
        .date_range(range)
        .measures(vec![
            QueryEventMetricsMeasuresItem::SuccessfulCount,
            QueryEventMetricsMeasuresItem::FailedCount,
        ])
        .dimensions(vec![QueryEventMetricsDimensionsItem::SourceId])
        .send()
        .await
        .expect("an empty series");
    let requests = server.requests();
    assert_eq!(requests[0].path, "/metrics/events");
    assert_eq!(
        requests[0].query_pairs(),
        [
            ("date_range[start]", "2026-01-01T00:00:00Z"),
            ("date_range[end]", "2026-01-02T00:00:00Z"),
            ("granularity", "1h"),
            ("filters[source_id]", "src_1"),
            // One measure is still a list: `measures=count` would read as a string.
            ("measures[]", "count"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    let second: Vec<(String, String)> = requests[1].query_pairs();
    assert_eq!(
        &second[2..],
        [
            ("measures[]", "successful_count"),
            ("measures[]", "failed_count"),
            ("dimensions[]", "source_id"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[tokio::test]
async fn retry_an_event_then_page_through_failed_events() {
    let event = |id: &str| {
        json!({
            "id": id, "team_id": "tm_1", "webhook_id": "web_1", "source_id": "src_1",
            "destination_id": "des_1", "event_data_id": "edt_1", "request_id": "req_1",
            "attempts": 3, "last_attempt_at": null, "next_attempt_at": null,
            "response_status": 500, "error_code": null, "status": "FAILED",
            "successful_at": null, "cli_id": null,
            "updated_at": "2026-01-01T00:00:00Z", "created_at": "2026-01-01T00:00:00Z"
        })
    };
    let page = |models: Vec<hookdeck::serde_json::Value>, next: Option<&str>| {
        json!({"pagination": {"order_by": "created_at", "dir": "desc", "limit": 2, "next": next},
               "count": 3, "models": models})
        .to_string()
    };
    let retried = event("evt_1").to_string();
    let server = MockServer::start(vec![
        Reply::json(200, retried),
        Reply::json(
            200,
            page(vec![event("evt_1"), event("evt_2")], Some("cur_2")),
        ),
        Reply::json(200, page(vec![event("evt_3")], None)),
    ])
    .await;
    let client = client(&server);
    client.retry_event("evt_1").send().await.expect("retried");
    let ids: Vec<String> = client
        .list_events()
        .status(EventStatus::Failed)
        .stream()
        .map(|event| event.expect("decodes").id)
        .collect()
        .await;
    assert_eq!(ids, ["evt_1", "evt_2", "evt_3"]);
    let requests = server.requests();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("POST", "/events/evt_1/retry")
    );
    assert_eq!(requests[1].query.as_deref(), Some("status=FAILED"));
    assert_eq!(
        requests[2].query.as_deref(),
        Some("status=FAILED&next=cur_2")
    );
}
