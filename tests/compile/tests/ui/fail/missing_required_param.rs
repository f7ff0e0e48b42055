//! A path parameter is a required argument of the operation's method, not an optional
//! setter: `get_connection` cannot be called without the connection's id.

use hookdeck::Client;

fn main() {
    let client = Client::new("sk_test");
    let _request = client.get_connection().send();
}
