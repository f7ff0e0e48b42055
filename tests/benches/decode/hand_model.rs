//! A hand-written `#[derive(Deserialize)]` model of the same "list connections" page the
//! bench builds (`ConnectionPaginatedResult` in the spec), written the way a Rust developer
//! would write it: the comparison point for the SDK's generated decoders.
//!
//! `Source.config` and `Destination.config` are left as `serde_json::Value`: each is a
//! union over 100+ per-type config schemas, which nobody would write out by hand. So are
//! the filter rule's free-form properties. Date-times are chrono's, through the SDK's
//! re-export (the `integration-tests` crate has no direct chrono dependency).

// The bench only decodes into these types and counts `models`; the fields are never read.
#![allow(dead_code)]

use hookdeck::chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

/// `ConnectionPaginatedResult`.
#[derive(Debug, Deserialize)]
pub struct HandPage {
    pub pagination: Option<SeekPagination>,
    pub count: Option<i64>,
    /// Optional in the spec; a missing list reads as empty.
    #[serde(default)]
    pub models: Vec<Connection>,
}

/// `SeekPagination`.
#[derive(Debug, Deserialize)]
pub struct SeekPagination {
    pub order_by: Option<OneOrMany<String>>,
    /// `asc`, `desc`, `ASC` or `DESC`, or a list of them.
    pub dir: Option<OneOrMany<String>>,
    pub limit: Option<i64>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// A value or a list of them (`order_by`, `dir`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

/// `Connection`.
#[derive(Debug, Deserialize)]
pub struct Connection {
    pub id: String,
    pub name: Option<String>,
    pub full_name: Option<String>,
    pub description: Option<String>,
    pub team_id: String,
    pub destination: Destination,
    pub source: Source,
    pub rules: Option<Vec<Rule>>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub paused_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// `Source`.
#[derive(Debug, Deserialize)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub team_id: String,
    pub url: String,
    /// `STRIPE`, `GITHUB`, `WEBHOOK`, ...
    pub r#type: String,
    pub authenticated: bool,
    /// One of 100+ per-type configs (`SourceConfig`), chosen by `type`.
    pub config: Option<Value>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// `Destination`.
#[derive(Debug, Deserialize)]
pub struct Destination {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub team_id: String,
    /// `HTTP`, `CLI` or `MOCK_API`.
    pub r#type: String,
    /// The per-type config (`DestinationConfig`), chosen by `type`.
    pub config: Option<Value>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// `Rule`: one of `RetryRule`, `FilterRule`, `TransformRule`, `DelayRule`,
/// `DeduplicateRule`, told apart by `type`.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Rule {
    Retry {
        /// `linear` or `exponential`.
        strategy: String,
        interval: Option<i64>,
        count: Option<i64>,
        response_status_codes: Option<Vec<String>>,
    },
    /// Each property is filter-syntax JSON: a string, number, boolean or object.
    Filter {
        headers: Option<Value>,
        body: Option<Value>,
        query: Option<Value>,
        path: Option<Value>,
    },
    Transform {
        transformation_id: Option<String>,
        transformation: Option<Transformation>,
    },
    Delay {
        delay: i64,
    },
    Deduplicate {
        window: i64,
        include_fields: Option<Vec<String>>,
        exclude_fields: Option<Vec<String>>,
    },
}

/// `TransformRule.transformation`: a transformation defined inline.
#[derive(Debug, Deserialize)]
pub struct Transformation {
    pub name: String,
    pub code: String,
    pub env: Option<HashMap<String, String>>,
}
