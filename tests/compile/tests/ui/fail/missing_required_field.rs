//! A required property is an argument of `new`: a `SourceInput` without its `name` does
//! not compile (optional properties are set with `with_*`).

use hookdeck::types::{SourceInput, SourceTypeConfig};

fn main() {
    let _source = SourceInput::new().with_config(SourceTypeConfig::Stripe(None));
}
