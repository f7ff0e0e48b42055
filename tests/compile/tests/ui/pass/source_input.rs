//! Creating a connection with an inline source whose config is typed by its source type
//! (`SourceTypeConfig::Stripe` holds a `SourceTypeConfigStripe`) and an HTTP destination.

use std::time::Duration;

use hookdeck_connections::types::{
    CreateConnectionBody, DestinationConfigHttpAuth, DestinationConfigHttpAuthBearerToken,
    DestinationInput, DestinationTypeConfigHttp, SourceConfigStripeAuth, SourceInput,
    SourceTypeConfig, SourceTypeConfigStripe, UpsertConnectionBody, VerificationConfig,
};
use hookdeck_connections::Client;

fn stripe_source() -> SourceInput {
    let config = SourceTypeConfigStripe {
        auth: SourceConfigStripeAuth::new("whsec_test").into(),
        ..Default::default()
    };
    SourceInput {
        config: Some(SourceTypeConfig::Stripe(Some(config))),
        description: "Payments from Stripe".to_owned().into(),
        ..SourceInput::new("stripe-payments")
    }
}

fn http_destination() -> DestinationInput {
    let http = DestinationTypeConfigHttp {
        rate_limit: 10.0.into(),
        auth: DestinationConfigHttpAuth::BearerToken(Some(DestinationConfigHttpAuthBearerToken {
            token: Some("token".to_owned()),
        }))
        .into(),
        ..DestinationTypeConfigHttp::new("https://example.com/webhooks")
    };
    DestinationInput {
        config: Some(VerificationConfig::Http(http)),
        ..DestinationInput::new("billing-service")
    }
}

fn main() {
    let source = stripe_source();
    assert_eq!(
        source.config.as_ref().map(SourceTypeConfig::tag),
        Some("STRIPE")
    );

    let body = CreateConnectionBody {
        name: "stripe-to-billing".to_owned().into(),
        source: Some(source.clone()),
        destination: Some(http_destination()),
        ..Default::default()
    };
    let upsert = UpsertConnectionBody {
        name: "stripe-to-billing".to_owned().into(),
        source: Some(source),
        destination_id: "des_123".to_owned().into(),
        ..Default::default()
    };

    let client = Client::new("sk_test");
    let _create = client
        .create_connection(body)
        .timeout(Duration::from_secs(5))
        .send();
    let _upsert = client.upsert_connection(upsert).max_retries(2).send();
}
