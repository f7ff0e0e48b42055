//! Every item the API listing says the runtime's macros add (`codegen/src/surface/macros.rs`)
//! exists with the listed signature: a string enum's (`string_enum!`), a sibling union's
//! (`sibling_union!`), a model's serde (`model_serde!`) and a request builder's option
//! setters (`request_options!`).

use hookdeck::operations::ListAttemptsRequest;
use hookdeck::types::{
    AttemptStatus, DestinationConfig, DestinationTypeConfigHttp, EventAttempt,
};
use hookdeck::serde_json;
use hookdeck::RequestOptions;
use std::str::FromStr;
use std::time::Duration;

fn string_enum() {
    let status: AttemptStatus = AttemptStatus::from("FAILED");
    let _: &str = status.as_str();
    let _: Result<AttemptStatus, std::convert::Infallible> = AttemptStatus::from_str("x");
    let _: String = status.to_string();
    // `Serialize` and `Deserialize`.
    let _: Result<AttemptStatus, _> = serde_json::to_value(&status).and_then(serde_json::from_value);
}

fn sibling_union(http: DestinationTypeConfigHttp, attempt: EventAttempt) {
    let config: DestinationConfig = DestinationConfig::from(http);
    let _: &str = config.tag();
    let _: Result<EventAttempt, _> = serde_json::to_value(&attempt).and_then(serde_json::from_value);
}

fn request_options(request: ListAttemptsRequest) -> ListAttemptsRequest {
    request
        .timeout(Duration::from_secs(1))
        .connect_timeout(Duration::from_secs(1))
        .options(RequestOptions::new())
        .header("Idempotency-Key", "k")
        .max_retries(0)
        .deadline(Duration::from_secs(5))
}

fn main() {
    let _ = (string_enum, sibling_union, request_options);
}
