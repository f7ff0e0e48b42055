//! `public-api.txt` lists what users of the crate can reach, and nothing else.

mod common;

use codegen::{generate, Settings};
use common::real_spec_text;

fn listing() -> String {
    generate(
        &real_spec_text(),
        &Settings::hookdeck("hookdeck-connections"),
    )
    .expect("generates")
    .into_iter()
    .find(|f| f.path == "public-api.txt")
    .expect("the listing is generated")
    .contents
}

#[test]
fn the_listing_has_every_kind_of_public_item() {
    let listing = listing();
    for line in [
        // Client methods (defined on the re-exported runtime type) and their builders.
        "pub fn Client::new(api_key: impl Into<String>) -> Self",
        "pub fn Client::list_connections(&self) -> crate::operations::ListConnectionsRequest",
        "pub fn operations::ListConnectionsRequest::limit(self, value: u8) -> Self",
        "pub async fn operations::ListConnectionsRequest::send(self) -> Result<crate::types::ConnectionPaginatedResult, crate::Error>",
        // Types, fields, constructors, setters, variants, impls.
        "pub struct types::Connection #[non_exhaustive]",
        "pub types::Connection::id: String",
        "pub fn types::SourceInput::new(name: impl Into<String>) -> Self",
        "pub fn types::SourceInput::with_description(self, value: impl Into<String>) -> Self",
        "pub types::RetryStrategy::Linear",
        "impl From<DelayRule> for types::Rule",
        // The runtime's public types under the paths users write.
        "pub error::Error::Api(Box<ApiError<E>>)",
        "pub enum Nullable<T>",
        "pub struct Response<T> #[non_exhaustive]",
    ] {
        assert!(
            listing.lines().any(|l| l == line),
            "missing from the listing: {line}"
        );
    }
    let mut sorted: Vec<&str> = listing.lines().filter(|l| !l.starts_with('#')).collect();
    let count = sorted.len();
    sorted.dedup();
    assert_eq!(sorted.len(), count, "a line is listed twice");
}

#[test]
fn the_listing_leaves_out_what_users_cannot_reach() {
    let listing = listing();
    for private in [
        "runtime::",
        "wire::",
        "QueryValue",
        "SiblingUnion",
        "Slot",
        "fn execute",
    ] {
        assert!(
            !listing.contains(private),
            "`{private}` is not public API but is listed"
        );
    }
}
