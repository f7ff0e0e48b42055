// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! What the generated code hands the client for each call: the operation, as the spec
//! describes it, and the parts of the request that vary per call. The client sends them;
//! telemetry and hooks name the operation.

use super::query::Query;
use reqwest::Method;

/// One operation: what the generated code knows about it statically.
#[derive(Clone, Debug)]
pub struct Operation {
    /// The spec's `operationId` (for tracing).
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The spec's path template, such as `/things/{id}` (for tracing; never the real path).
    pub path_template: &'static str,
    /// Whether sending the request twice has the same effect as once (decides retries).
    pub idempotent: bool,
    /// The statuses the operation declares as errors, decoded as its error type.
    pub error_statuses: &'static [u16],
}

/// The parts of one request that vary per call.
#[derive(Clone, Debug, Default)]
pub struct RequestParts {
    /// The path after the base URL, already percent-encoded, starting with `/`.
    pub path: String,
    /// The query parameters.
    pub query: Query,
    /// The JSON body, if any.
    pub body: Option<Vec<u8>>,
}
