//! A user's crate for `scripts/compile-user-crate.sh`: a monitor that calls five operations
//! across three resources (connections, events, requests) the way the SDK's docs show.
//! The script builds it against the SDK as generated now and at an earlier revision, and
//! times `cargo check` after changing the `PAGE_SIZE` line.

use futures::StreamExt;
use hookdeck::types::EventStatus;
use hookdeck::Client;

/// How many items a page asks for (the line the script's one-line edit changes).
const PAGE_SIZE: u8 = 50;

/// What one pass of the monitor did.
#[derive(Debug, Default)]
pub struct Pass {
    pub paused: usize,
    pub retried: usize,
    pub requests: usize,
}

/// Pauses every connection named `prefix*`, retries the failed events of one source and
/// counts the requests on the first page.
pub async fn run(client: &Client, prefix: &str, source_id: &str) -> Result<Pass, hookdeck::Error> {
    let mut pass = Pass::default();
    // connections: list_connections (streamed), pause_connection
    let mut connections = client.list_connections().limit(PAGE_SIZE).stream();
    while let Some(connection) = connections.next().await {
        let connection = connection?;
        if connection.name.as_deref().is_some_and(|name| name.starts_with(prefix)) {
            client.pause_connection(&connection.id).send().await?;
            pass.paused += 1;
        }
    }
    // events: list_events, retry_event
    let failed = client
        .list_events()
        .status(EventStatus::Failed)
        .source_id(source_id)
        .limit(PAGE_SIZE)
        .send()
        .await?;
    for event in failed.models.unwrap_or_default() {
        client.retry_event(event.id).send().await?;
        pass.retried += 1;
    }
    // requests: list_requests
    let requests = client.list_requests().limit(PAGE_SIZE).send().await?;
    pass.requests = requests.models.map_or(0, |models| models.len());
    Ok(pass)
}
