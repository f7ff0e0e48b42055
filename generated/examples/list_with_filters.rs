//! Lists connections with filters: several ids, a date range on `paused_at` (sent in the
//! bracket form the API reads, `paused_at[gte]=...`), two sort keys and a page size.
//!
//! Run with `HOOKDECK_API_KEY=... cargo run --example list_with_filters -p hookdeck`.

use hookdeck::chrono::{Duration, Utc};
use hookdeck::types::{ListConnectionsDir, ListConnectionsOrderBy, Operators};
use hookdeck::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api_key = std::env::var("HOOKDECK_API_KEY")?;
    let client = Client::new(api_key);

    // Connections paused during the last seven days, newest first.
    let week_ago = Utc::now() - Duration::days(7);
    let page = client
        .list_connections()
        .paused_at(Operators::default().with_gte(week_ago))
        .order_by((
            ListConnectionsOrderBy::UpdatedAt,
            ListConnectionsOrderBy::FullName,
        ))
        .dir((ListConnectionsDir::Desc, ListConnectionsDir::Asc))
        .limit(50)
        .send()
        .await?;
    for connection in page.models.unwrap_or_default() {
        println!(
            "{}  {}  paused at {:?}",
            connection.id,
            connection.full_name.unwrap_or_default(),
            connection.paused_at
        );
    }

    // Only some connections, by id (`id=...&id=...`), including disabled ones.
    let ids = std::env::args().skip(1).collect::<Vec<String>>();
    if !ids.is_empty() {
        let page = client
            .list_connections()
            .id(ids)
            .disabled(true)
            .send()
            .await?;
        println!("{} of the given ids exist", page.count.unwrap_or(0));
    }
    Ok(())
}
