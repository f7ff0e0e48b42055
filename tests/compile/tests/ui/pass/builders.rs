//! Idiomatic use of the request builders: filters (including an `Operators` filter),
//! sorting, paging, per-request timeout and retries, and the id-taking operations.
//! The futures are built but never polled, so nothing touches the network.

use std::future::Future;
use std::time::Duration;

use hookdeck::chrono::{TimeZone, Utc};
use hookdeck::types::{
    ListConnectionsDir, ListConnectionsOrderBy, Operators, UpdateConnectionBody,
};
use hookdeck::{Client, Error, Nullable, RetryPolicy};

/// Requests must be usable from a multi-threaded runtime (`tokio::spawn`).
fn assert_send<F: Future + Send>(future: F) -> F {
    future
}

async fn list(client: &Client) -> Result<usize, Error> {
    let since = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let page = client
        .list_connections()
        .source_id(vec!["src_1", "src_2"])
        .destination_id("des_1")
        .name("orders")
        .disabled(false)
        .disabled_at(Operators::default().with_gte(since))
        .paused_at(Operators::default().with_any(false))
        .order_by((
            ListConnectionsOrderBy::CreatedAt,
            ListConnectionsOrderBy::FullName,
        ))
        .dir(ListConnectionsDir::Desc)
        .limit(50)
        .timeout(Duration::from_secs(10))
        .max_retries(0)
        .send()
        .await?;
    let names: Vec<&str> = page
        .models
        .iter()
        .flatten()
        .filter_map(|connection| connection.name.as_deref())
        .collect();
    Ok(names.len())
}

async fn get_update_delete(client: &Client, id: &str) -> Result<String, Error> {
    let connection = client
        .get_connection(id)
        .timeout(Duration::from_secs(5))
        .send()
        .await?;
    let mut body = UpdateConnectionBody::default().with_name("orders-v2");
    // Clears the description (sent as `null`), unlike leaving it `Absent`.
    body.description = Nullable::Null;
    let updated = client
        .update_connection(&connection.id, body)
        .max_retries(5)
        .connect_timeout(Duration::from_secs(2))
        .send()
        .await?;
    client.count_connections().disabled(true).send().await?;
    client.pause_connection(&updated.id).send().await?;
    client
        .delete_connection(updated.id)
        .max_retries(1)
        .send()
        .await
}

fn main() {
    let client = Client::builder("sk_test")
        .base_url("http://127.0.0.1:9")
        .timeout(Duration::from_secs(30))
        .retry_policy(RetryPolicy::new().with_max_retries(3))
        .build()
        .expect("a valid configuration");
    let shared = Client::new("sk_test");
    let _list = assert_send(list(&client));
    let _crud = assert_send(get_update_delete(&shared, "web_123"));
}
