//! `generated/examples/webhook_server.rs` run as a test: it serves on a free port, sends
//! itself a signed, a tampered and a wrongly shaped webhook, and asserts 200, 401 and 400.

#[path = "../../generated/examples/webhook_server.rs"]
mod webhook_server;

#[test]
fn the_webhook_example_accepts_a_signed_body_and_refuses_the_others() {
    // With SERVE set the example would serve forever instead.
    assert!(
        std::env::var_os("SERVE").is_none(),
        "unset SERVE to run this test"
    );
    webhook_server::main();
}
