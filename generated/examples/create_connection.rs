//! Creates a connection in one call: an inline Stripe source with its webhook secret, an
//! inline HTTP destination with bearer-token auth, and retry, filter, delay and
//! deduplicate rules.
//!
//! Run with `HOOKDECK_API_KEY=... STRIPE_WEBHOOK_SECRET=whsec_... cargo run --example
//! create_connection -p hookdeck`.

use hookdeck::serde_json::{json, Map, Value};
use hookdeck::types::{
    CreateConnectionBody, DeduplicateRule, DelayRule, DestinationConfigHttpAuthBearerToken,
    DestinationInput, DestinationTypeConfigHttp, DestinationTypeConfigRateLimitPeriod, FilterRule,
    FilterRuleProperty, RetryRule, RetryStrategy, Rule, SourceAllowedHttpMethodItem,
    SourceConfigStripeAuth, SourceInput, SourceTypeConfigStripe,
};
use hookdeck::{Client, Error};

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

    // Model types are built with `new` (the required fields) or `default`, then `with_*`
    // setters: they are `#[non_exhaustive]`, so a property the API adds later is not a
    // breaking change for this code.
    let source = SourceInput::new("stripe-prod").with_config(
        SourceTypeConfigStripe::default()
            .with_auth(SourceConfigStripeAuth::new(stripe_secret))
            .with_allowed_http_methods(vec![SourceAllowedHttpMethodItem::Post]),
    );
    let destination = DestinationInput::new("orders-api").with_config(
        DestinationTypeConfigHttp::new("https://orders.example.com/webhooks/stripe")
            .with_rate_limit(10.0)
            .with_rate_limit_period(DestinationTypeConfigRateLimitPeriod::Second)
            .with_auth(
                DestinationConfigHttpAuthBearerToken::default().with_token("orders-service-token"),
            ),
    );
    let rules: Vec<Rule> = vec![
        RetryRule::new(RetryStrategy::Exponential)
            .with_count(5)
            .with_interval(60_000)
            .into(),
        FilterRule::default()
            .with_body(filter(json!({"type": "invoice.paid"})))
            .into(),
        DelayRule::new(5_000).into(),
        DeduplicateRule::new(60_000)
            .with_include_fields(vec!["body.id".to_owned()])
            .into(),
    ];

    let request = client.create_connection(
        CreateConnectionBody::default()
            .with_name("stripe-to-orders")
            .with_description("Paid Stripe invoices to the orders API")
            .with_source(source)
            .with_destination(destination)
            .with_rules(rules),
    );
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
