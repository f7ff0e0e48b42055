//! A required property is a plain field: a `SourceInput` without its `name` does not
//! compile (optional properties could be left to `..Default::default()` elsewhere).

use hookdeck_connections::types::{SourceInput, SourceTypeConfig};
use hookdeck_connections::Nullable;

fn main() {
    let _source = SourceInput {
        config: Some(SourceTypeConfig::Stripe(None)),
        description: Nullable::Absent,
    };
}
