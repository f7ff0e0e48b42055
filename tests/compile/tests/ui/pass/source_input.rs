//! Creating a connection with an inline source whose config is typed by its source type
//! (`SourceTypeConfig::Stripe` holds a `SourceTypeConfigStripe`) and an HTTP destination.

use std::time::Duration;

use hookdeck::types::{
    CreateConnectionBody, DestinationConfigHttpAuth, DestinationConfigHttpAuthBearerToken,
    DestinationInput, DestinationTypeConfigHttp, SourceConfigStripeAuth, SourceInput,
    SourceTypeConfig, SourceTypeConfigStripe, UpsertConnectionBody, VerificationConfig,
};
use hookdeck::Client;

fn stripe_source() -> SourceInput {
    let config = SourceTypeConfigStripe::default().with_auth(SourceConfigStripeAuth::new("whsec_test"));
    SourceInput::new("stripe-payments")
        .with_config(SourceTypeConfig::Stripe(Some(config)))
        .with_description("Payments from Stripe")
}

fn http_destination() -> DestinationInput {
    let http = DestinationTypeConfigHttp::new("https://example.com/webhooks")
        .with_rate_limit(10.0)
        .with_auth(DestinationConfigHttpAuth::BearerToken(Some(
            DestinationConfigHttpAuthBearerToken::default().with_token("token"),
        )));
    DestinationInput::new("billing-service").with_config(VerificationConfig::Http(http))
}

fn main() {
    let source = stripe_source();
    assert_eq!(
        source.config.as_ref().map(SourceTypeConfig::tag),
        Some("STRIPE")
    );

    let body = CreateConnectionBody::default()
        .with_name("stripe-to-billing")
        .with_source(source.clone())
        .with_destination(http_destination());
    let upsert = UpsertConnectionBody::default()
        .with_name("stripe-to-billing")
        .with_source(source)
        .with_destination_id("des_123");

    let client = Client::new("sk_test");
    let _create = client
        .create_connection(body)
        .timeout(Duration::from_secs(5))
        .send();
    let _upsert = client.upsert_connection(upsert).max_retries(2).send();
}
