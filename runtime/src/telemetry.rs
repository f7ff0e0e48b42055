//! `tracing` spans for calls and attempts, with OpenTelemetry's HTTP client field names
//! (semantic conventions for HTTP spans), so that `tracing-opentelemetry` exports them as
//! OpenTelemetry expects.
//!
//! One `http_call` span per call (`otel.name` is the operation id) holds one
//! `http_attempt` span per attempt (`otel.name` is the method and path template). The
//! fields carry the method, the path template (`url.template`, never the real path,
//! which may hold ids), the server's host and port, the status and `error.type`, and
//! for retries `http.request.resend_count`. No field or event holds a header value: the
//! API key cannot reach a span.

use reqwest::Url;
use tracing::field::Empty;
use tracing::Span;

use super::hooks::AttemptOutcome;
use super::operation::Operation;

/// The span of one call, over every attempt and the waits between them.
pub(crate) fn call_span(op: &Operation, url: &Url) -> Span {
    tracing::info_span!(
        "http_call",
        otel.name = op.id,
        otel.kind = "client",
        otel.status_code = Empty,
        operation = op.id,
        http.request.method = op.method.as_str(),
        url.template = op.path_template,
        server.address = url.host_str().unwrap_or_default(),
        server.port = url.port_or_known_default(),
        http.response.status_code = Empty,
        error.type = Empty,
        attempts = Empty,
    )
}

/// The span of one attempt (`attempt` counts from 1).
pub(crate) fn attempt_span(op: &Operation, url: &Url, attempt: u32) -> Span {
    let span = tracing::info_span!(
        "http_attempt",
        otel.name = format_args!("{} {}", op.method, op.path_template),
        otel.kind = "client",
        otel.status_code = Empty,
        http.request.method = op.method.as_str(),
        url.template = op.path_template,
        server.address = url.host_str().unwrap_or_default(),
        server.port = url.port_or_known_default(),
        http.request.resend_count = Empty,
        http.response.status_code = Empty,
        error.type = Empty,
    );
    // OpenTelemetry: set on retries only.
    if attempt > 1 {
        span.record("http.request.resend_count", attempt - 1);
    }
    span
}

/// Records an attempt's (or, on the call span, the last attempt's) outcome.
pub(crate) fn record_outcome(span: &Span, outcome: AttemptOutcome) {
    if let AttemptOutcome::Status(status) = outcome {
        span.record("http.response.status_code", status.as_u16());
    }
    if let Some(error_type) = outcome.error_type() {
        span.record("error.type", &*error_type);
        span.record("otel.status_code", "ERROR");
    }
}
