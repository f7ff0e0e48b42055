//! A source's config is typed by its source type: a Stripe config cannot be given to a
//! GitHub source.

use hookdeck::types::{SourceInput, SourceTypeConfig, SourceTypeConfigStripe};

fn main() {
    let stripe = SourceTypeConfigStripe::default();
    let _source = SourceInput::new("github").with_config(SourceTypeConfig::Github(Some(stripe)));
}
