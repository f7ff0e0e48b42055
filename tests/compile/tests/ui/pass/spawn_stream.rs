//! Requests and streams own what they need: a paged stream and a request builder can be
//! moved into `tokio::spawn`, with no borrow of the client left behind.

use futures::StreamExt;
use hookdeck::Client;

fn main() {
    let client = Client::new("sk_test");
    let all = client.list_connections().limit(100).stream();
    let request = client.pause_connection("web_123").max_retries(1);
    drop(client);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        // Spawned, not run: nothing touches the network.
        let ids = tokio::spawn(all.map(|c| c.map(|c| c.id)).collect::<Vec<_>>());
        let paused = tokio::spawn(request.send());
        ids.abort();
        paused.abort();
    });
}
