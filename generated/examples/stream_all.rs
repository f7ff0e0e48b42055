//! Walks every connection of the project, page after page, with one stream that follows
//! `pagination.next`; compares the total with `count_connections`.
//!
//! Run with `HOOKDECK_API_KEY=... cargo run --example stream_all -p hookdeck`.

use futures::StreamExt;
use hookdeck::types::{ListConnectionsDir, ListConnectionsOrderBy};
use hookdeck::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api_key = std::env::var("HOOKDECK_API_KEY")?;
    let client = Client::new(api_key);

    let mut seen = 0usize;
    let mut connections = std::pin::pin!(client
        .list_connections()
        .order_by(ListConnectionsOrderBy::CreatedAt)
        .dir(ListConnectionsDir::Asc)
        .limit(100)
        .stream());
    while let Some(connection) = connections.next().await {
        // A failing page ends the stream with its error (after the client's retries).
        let connection = connection?;
        seen += 1;
        println!(
            "{:>5}  {}  {}",
            seen,
            connection.id,
            connection.full_name.as_deref().unwrap_or("-")
        );
    }

    let count = client.count_connections().send().await?;
    println!("streamed {seen} connections; the API counts {count}");
    Ok(())
}
