//! Pauses a connection (new events are held), then unpauses it (held events are
//! delivered), showing how to tell a missing connection from other failures.
//!
//! Run with `HOOKDECK_API_KEY=... cargo run --example pause_unpause -p hookdeck
//! -- <connection id>`.

use std::time::Duration;

use hookdeck::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api_key = std::env::var("HOOKDECK_API_KEY")?;
    let id = std::env::args()
        .nth(1)
        .ok_or("usage: pause_unpause <connection id>")?;
    let client = Client::builder(api_key)
        .timeout(Duration::from_secs(20))
        .max_retries(3)
        .build()?;

    let paused = match client.pause_connection(&id).send().await {
        Ok(connection) => connection,
        Err(Error::Api(api)) if api.status.as_u16() == 404 => {
            eprintln!("no connection {id}: {}", api.body.message);
            std::process::exit(1);
        }
        Err(error) => return Err(error.into()),
    };
    println!("paused {} at {:?}", paused.id, paused.paused_at);

    let unpaused = client.unpause_connection(&id).send().await?;
    println!(
        "unpaused {} (paused_at is now {:?})",
        unpaused.id, unpaused.paused_at
    );
    Ok(())
}
