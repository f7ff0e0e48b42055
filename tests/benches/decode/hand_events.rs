//! Hand-written `#[derive(Deserialize)]` models of the "list events" and "list requests"
//! pages (`EventPaginatedResult`, `RequestPaginatedResult` in the spec), written the way a
//! Rust developer would: plain `Option`s, enums as strings, and the free-form parts (the
//! body, the parsed query) as `serde_json::Value`. The body's type is a parameter, so
//! that the same model with the body kept as raw JSON text (`Box<RawValue>`) measures
//! what a body type that is not decoded would gain.

// The bench only decodes into these types and counts `models`; the fields are never read.
#![allow(dead_code)]

use crate::hand_model::SeekPagination;
use hookdeck::chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// `EventPaginatedResult`.
#[derive(Debug, Deserialize)]
#[serde(bound = "B: Deserialize<'de>")]
pub struct EventPage<B = Value> {
    pub pagination: Option<SeekPagination>,
    pub count: Option<i64>,
    #[serde(default)]
    pub models: Vec<Event<B>>,
}

/// `Event`.
#[derive(Debug, Deserialize)]
#[serde(bound = "B: Deserialize<'de>")]
pub struct Event<B> {
    pub id: String,
    pub team_id: String,
    pub webhook_id: String,
    pub source_id: String,
    pub destination_id: String,
    pub event_data_id: String,
    pub request_id: String,
    pub attempts: i64,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub response_status: Option<i64>,
    /// `AttemptErrorCodes`.
    pub error_code: Option<String>,
    /// `EventStatus`: `SCHEDULED`, `QUEUED`, `HOLD`, `SUCCESSFUL`, `FAILED`, `CANCELLED`.
    pub status: String,
    pub successful_at: Option<DateTime<Utc>>,
    pub cli_id: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub data: Option<EventData<B>>,
}

/// `EventData`: the request as delivered.
#[derive(Debug, Deserialize)]
#[serde(bound = "B: Deserialize<'de>")]
pub struct EventData<B> {
    pub url: String,
    pub method: String,
    pub path: Option<String>,
    pub query: Option<String>,
    pub parsed_query: Option<Value>,
    pub headers: Option<Headers>,
    pub appended_headers: Option<Vec<String>>,
    pub body: Option<B>,
    pub is_large_payload: Option<bool>,
}

/// Headers as a map (values may be null), or as a string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Headers {
    Map(BTreeMap<String, Option<String>>),
    Text(String),
}

/// `RequestPaginatedResult`.
#[derive(Debug, Deserialize)]
#[serde(bound = "B: Deserialize<'de>")]
pub struct RequestPage<B = Value> {
    pub pagination: Option<SeekPagination>,
    pub count: Option<i64>,
    #[serde(default)]
    pub models: Vec<Request<B>>,
}

/// `Request`.
#[derive(Debug, Deserialize)]
#[serde(bound = "B: Deserialize<'de>")]
pub struct Request<B> {
    pub id: String,
    pub team_id: String,
    pub verified: Option<bool>,
    pub original_event_data_id: Option<String>,
    /// `RequestRejectionCause`.
    pub rejection_cause: Option<String>,
    pub ingested_at: Option<DateTime<Utc>>,
    pub source_id: String,
    pub events_count: Option<i64>,
    pub cli_events_count: Option<i64>,
    pub ignored_count: Option<i64>,
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub data: Option<ShortEventData<B>>,
}

/// `ShortEventData`: the request as received.
#[derive(Debug, Deserialize)]
#[serde(bound = "B: Deserialize<'de>")]
pub struct ShortEventData<B> {
    pub path: String,
    pub query: Option<String>,
    pub parsed_query: Option<Value>,
    pub headers: Option<Headers>,
    pub body: Option<B>,
    pub is_large_payload: Option<bool>,
}
