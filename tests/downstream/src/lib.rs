//! Code written against the SDK the way its README and docs show: inputs built with
//! `new`/`default` and `with_*`, responses read and destructured, enums matched with a
//! wildcard arm, operations called and paged.
//!
//! It is a workspace member, so it compiles against the SDK checked in; the API-change
//! test (`codegen/tests/api_changes.rs`) also compiles it against SDKs regenerated from
//! specs with additive changes (it must still compile) and with a breaking one (it must
//! not). Nothing here runs: the functions only have to type-check.

use futures::{Stream, StreamExt};
use hookdeck::types::{
    Connection, CreateConnectionBody, DelayRule, DestinationInput, DestinationTypeConfigHttp,
    Operators, RetryRule, RetryStrategy, Rule, SourceConfig, SourceConfigStripeAuth, SourceInput,
    SourceTypeConfigStripe,
};
use hookdeck::{Client, Error, Nullable};

/// A request body, built as the README shows.
pub fn stripe_to_orders() -> CreateConnectionBody {
    let source = SourceInput::new("stripe-prod").with_config(
        SourceTypeConfigStripe::default().with_auth(SourceConfigStripeAuth::new("whsec_123")),
    );
    let destination = DestinationInput::new("orders-api")
        .with_config(DestinationTypeConfigHttp::new("https://example.com/hooks"));
    CreateConnectionBody::default()
        .with_name("stripe-to-orders")
        .with_source(source)
        .with_destination(destination)
        .with_rules(vec![
            RetryRule::new(RetryStrategy::Exponential)
                .with_count(3)
                .into(),
            Rule::Delay(DelayRule::new(1000)),
        ])
}

/// Reads a response: fields, a destructuring pattern, and matches on its enums.
pub fn describe(connection: &Connection) -> String {
    let Connection {
        id, name, rules, ..
    } = connection;
    let source = match &connection.source.config {
        SourceConfig::Stripe(Some(config)) => match &config.auth {
            Nullable::Value(_) => "a verified Stripe source",
            _ => "a Stripe source",
        },
        SourceConfig::Unknown { .. } => "a source type this SDK does not know",
        _ => "another source",
    };
    let rules: Vec<String> = rules.iter().flatten().map(describe_rule).collect();
    format!(
        "{id} ({}): {source}; {}",
        name.as_deref().unwrap_or("-"),
        rules.join(", ")
    )
}

pub fn describe_rule(rule: &Rule) -> String {
    match rule {
        Rule::Retry(retry) => match retry.strategy {
            RetryStrategy::Linear => "linear retries".to_owned(),
            RetryStrategy::Exponential => "exponential retries".to_owned(),
            _ => format!("{} retries", retry.strategy),
        },
        Rule::Delay(DelayRule { delay, .. }) => format!("a {delay} ms delay"),
        Rule::Unknown(raw) => format!("a rule of type {}", raw["type"]),
        _ => "another rule".to_owned(),
    }
}

/// Calls operations: create, list with filters, pause.
pub async fn create_and_pause(client: &Client) -> Result<String, Error> {
    let created = client.create_connection(stripe_to_orders()).send().await?;
    let page = client
        .list_connections()
        .name("stripe-to-orders")
        .paused_at(Operators::default().with_any(false))
        .limit(10)
        .send()
        .await?;
    let found = page.models.unwrap_or_default().len();
    let paused = client.pause_connection(&created.id).send().await?;
    Ok(format!("{found} found; {}", describe(&paused)))
}

/// Every connection's id, following the pages.
pub fn all_ids(client: &Client) -> impl Stream<Item = Result<String, Error>> + '_ {
    client
        .list_connections()
        .stream()
        .map(|connection| connection.map(|c| c.id))
}
