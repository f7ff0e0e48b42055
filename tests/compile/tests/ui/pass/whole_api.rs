//! The shapes the whole API adds, as a team running webhooks uses them: failed events
//! streamed and retried, a bulk retry built from a typed query, issues matched by kind, an
//! attempt that may be `null`, header values that may be `null`, a value kept without its
//! tag, and metrics with a date range.

use futures::StreamExt;
use hookdeck::chrono::{TimeZone, Utc};
use hookdeck::types::{
    CreateEventBulkRetryBody, CreateEventBulkRetryBodyQuery, DestinationConfigHttpAuth,
    EventAttempt, EventDataHeaders, EventStatus, Issue, IssueWithData,
    QueryEventMetricsMeasuresItem, QueryMetricsDateRange,
};
use hookdeck::{Client, Error, Nullable};

async fn retry_failed(client: &Client) -> Result<usize, Error> {
    let mut failed = client.list_events().status(EventStatus::Failed).stream();
    let mut retried = 0;
    while let Some(event) = failed.next().await {
        client.retry_event(event?.id).send().await?;
        retried += 1;
    }
    Ok(retried)
}

async fn bulk_retry(client: &Client, source: &str) -> Result<(), Error> {
    let query = CreateEventBulkRetryBodyQuery::default()
        .with_status(EventStatus::Failed.into())
        .with_source_id(source.to_owned().into());
    let body = CreateEventBulkRetryBody::default().with_query(query);
    client.create_event_bulk_retry(body).send().await?;
    Ok(())
}

fn kind(issue: &IssueWithData) -> &'static str {
    match issue {
        IssueWithData::Delivery(_) => "delivery",
        IssueWithData::Transformation(_) => "transformation",
        IssueWithData::Backpressure(_) => "backpressure",
        IssueWithData::Request(_) => "request",
        IssueWithData::Unknown(_) => "unknown",
        _ => "added later",
    }
}

fn is_delivery(issue: &Issue) -> bool {
    matches!(issue, Issue::Delivery(_))
}

async fn attempt(client: &Client, id: &str) -> Result<Option<EventAttempt>, Error> {
    client.get_attempt(id).send().await
}

fn attempt_body_state(attempt: &EventAttempt) -> &'static str {
    match &attempt.body {
        Nullable::Absent => "not sent",
        Nullable::Null => "null",
        Nullable::Value(_) => "a body",
    }
}

fn null_headers(headers: &EventDataHeaders) -> Vec<&str> {
    match headers {
        EventDataHeaders::Map(map) => map
            .iter()
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| name.as_str())
            .collect(),
        _ => Vec::new(),
    }
}

fn kept_without_tag(auth: &DestinationConfigHttpAuth) -> Option<&hookdeck::serde_json::Value> {
    match auth {
        DestinationConfigHttpAuth::Untagged { value, .. } => Some(value),
        _ => None,
    }
}

async fn failures_today(client: &Client) -> Result<(), Error> {
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap();
    let series = client
        .query_event_metrics()
        .date_range(QueryMetricsDateRange::new(start, end))
        .granularity("1h")
        .measures(vec![QueryEventMetricsMeasuresItem::FailedCount])
        .send()
        .await?;
    for point in series.data.unwrap_or_default() {
        let _: Option<f64> = point.metrics.and_then(|m| m.get("failed_count").copied());
    }
    Ok(())
}

fn main() {
    let _ = (retry_failed, bulk_retry, attempt, failures_today);
    let _ = (kind, is_delivery, attempt_body_state, null_headers, kept_without_tag);
}
