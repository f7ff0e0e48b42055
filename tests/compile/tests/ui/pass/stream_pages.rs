//! Streaming every connection across pages with `futures::StreamExt` (and
//! `TryStreamExt`) over `.stream()`, which follows the cursors itself. The stream is
//! `Unpin` and `Send`: no pinning needed, and it can move to a spawned task.

use futures::{StreamExt, TryStreamExt};
use hookdeck::types::Connection;
use hookdeck::{Client, Error};

async fn paused_names(client: &Client) -> Result<Vec<String>, Error> {
    let mut stream = client.list_connections().limit(100).stream();
    let mut names = Vec::new();
    while let Some(connection) = stream.next().await {
        let connection: Connection = connection?;
        if connection.paused_at.is_some() {
            names.push(connection.name.unwrap_or(connection.id));
        }
    }
    Ok(names)
}

async fn first_ten(client: &Client) -> Result<Vec<Connection>, Error> {
    client
        .list_connections()
        .disabled(true)
        .stream()
        .take(10)
        .try_collect()
        .await
}

async fn from_a_task(client: Client) -> usize {
    tokio::spawn(async move {
        let mut stream = client.list_connections().stream();
        let mut seen = 0;
        while let Some(Ok(_)) = stream.next().await {
            seen += 1;
        }
        seen
    })
    .await
    .unwrap_or(0)
}

fn main() {
    let client = Client::new("sk_test");
    let _names = paused_names(&client);
    let _ten = first_ten(&client);
    let _task = from_a_task(client.clone());
}
