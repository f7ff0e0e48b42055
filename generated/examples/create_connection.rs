//! Creates a connection in one call: an inline Stripe source with its webhook secret, an
//! inline HTTP destination with bearer-token auth, and retry, filter, delay and
//! deduplicate rules.
//!
//! Run with `HOOKDECK_API_KEY=... STRIPE_WEBHOOK_SECRET=whsec_... cargo run --example
//! create_connection -p hookdeck-connections`.

use hookdeck_connections::serde_json::{json, Map, Value};
use hookdeck_connections::types::{
    CreateConnectionBody, DeduplicateRule, DelayRule, DestinationConfigHttpAuth,
    DestinationConfigHttpAuthBearerToken, DestinationInput, DestinationTypeConfigHttp,
    DestinationTypeConfigRateLimitPeriod, FilterRule, FilterRuleProperty, RetryRule, RetryStrategy,
    Rule, SourceAllowedHttpMethodItem, SourceConfigStripeAuth, SourceInput, SourceTypeConfig,
    SourceTypeConfigStripe, VerificationConfig,
};
use hookdeck_connections::{Client, Error, Nullable};

/// A filter expression (any JSON object in Hookdeck's filter syntax).
fn filter(value: Value) -> FilterRuleProperty {
    let Value::Object(map) = value else {
        return FilterRuleProperty::Object(Map::new());
    };
    FilterRuleProperty::Object(map)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api_key = std::env::var("HOOKDECK_API_KEY")?;
    let stripe_secret = std::env::var("STRIPE_WEBHOOK_SECRET")?;
    let client = Client::new(api_key);

    let source = SourceInput {
        config: Some(SourceTypeConfig::Stripe(Some(SourceTypeConfigStripe {
            auth: Nullable::Value(SourceConfigStripeAuth::new(stripe_secret)),
            allowed_http_methods: Some(vec![SourceAllowedHttpMethodItem::Post]),
            ..SourceTypeConfigStripe::default()
        }))),
        ..SourceInput::new("stripe-prod".to_owned())
    };
    let destination = DestinationInput {
        config: Some(VerificationConfig::Http(DestinationTypeConfigHttp {
            rate_limit: Nullable::Value(10.0),
            rate_limit_period: Nullable::Value(DestinationTypeConfigRateLimitPeriod::Second),
            auth: Nullable::Value(DestinationConfigHttpAuth::BearerToken(Some(
                DestinationConfigHttpAuthBearerToken {
                    token: Some("orders-service-token".to_owned()),
                },
            ))),
            ..DestinationTypeConfigHttp::new(
                "https://orders.example.com/webhooks/stripe".to_owned(),
            )
        })),
        ..DestinationInput::new("orders-api".to_owned())
    };
    let rules: Vec<Rule> = vec![
        RetryRule {
            count: Nullable::Value(5),
            interval: Nullable::Value(60_000),
            ..RetryRule::new(RetryStrategy::Exponential)
        }
        .into(),
        FilterRule {
            body: Nullable::Value(filter(json!({"type": "invoice.paid"}))),
            ..FilterRule::default()
        }
        .into(),
        DelayRule { delay: 5_000 }.into(),
        DeduplicateRule {
            include_fields: Some(vec!["body.id".to_owned()]),
            ..DeduplicateRule::new(60_000)
        }
        .into(),
    ];

    let request = client.create_connection(CreateConnectionBody {
        name: Nullable::Value("stripe-to-orders".to_owned()),
        description: Nullable::Value("Paid Stripe invoices to the orders API".to_owned()),
        source: Some(source),
        destination: Some(destination),
        rules: Some(rules),
        ..CreateConnectionBody::default()
    });
    match request.send().await {
        Ok(connection) => {
            println!(
                "created {} ({})",
                connection.id,
                connection.full_name.unwrap_or_default()
            );
            println!("send Stripe webhooks to {}", connection.source.url);
            Ok(())
        }
        // A declared error (400, 422): the API says what is wrong with the body.
        Err(Error::Api(api)) => {
            eprintln!(
                "rejected ({}): {} {}",
                api.status, api.body.code, api.body.message
            );
            std::process::exit(1);
        }
        Err(other) => Err(other.into()),
    }
}
