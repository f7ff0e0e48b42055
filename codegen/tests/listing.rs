//! `public-api.txt` lists what users of the crate can reach, and nothing else.

mod common;

use codegen::{generate, Settings};
use common::real_spec_text;

fn listing() -> String {
    generate(&real_spec_text(), &Settings::hookdeck("hookdeck"))
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
        // What the runtime's macros add, read from their calls (`surface/macros.rs`).
        "impl serde::Serialize for types::Connection",
        "impl<'de> serde::Deserialize<'de> for types::Connection",
        "pub fn types::RetryStrategy::as_str(&self) -> &str",
        "impl FromStr for types::RetryStrategy",
        "impl Display for types::RetryStrategy",
        "pub fn types::SourceConfig::tag(&self) -> &str",
        "impl From<SourceTypeConfigStripe> for types::SourceConfig",
        "pub fn operations::ListConnectionsRequest::timeout(self, timeout: Duration) -> Self",
        "pub fn operations::ListConnectionsRequest::options(self, options: crate::RequestOptions) -> Self",
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
    // Sorted by path: a type's own lines (its fields, functions and impls) stand together.
    let connection: Vec<usize> = listing
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            l.contains("types::Connection ")
                || l.contains("types::Connection::")
                || l.ends_with("types::Connection")
        })
        .map(|(i, _)| i)
        .collect();
    assert!(connection.len() > 20, "{connection:?}");
    assert_eq!(
        connection.last().unwrap() - connection.first().unwrap() + 1,
        connection.len(),
        "the lines of types::Connection are not together"
    );
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

#[test]
fn the_listing_read_from_the_printed_files_is_the_one_read_while_printing() {
    // `cargo xtask codegen` compares the crate on disk (read back from its text) with the
    // one it generates (read from the syntax as it prints it): the two readings must agree,
    // or every run would report changes that are not there.
    let generated = codegen::generate_crate(&real_spec_text(), &Settings::hookdeck("hookdeck"))
        .expect("generates");
    let reread = codegen::surface::Surface::of_files(&generated.files).expect("parses");
    let changes = codegen::surface::changelog::Changelog::between(&reread, &generated.surface);
    assert!(changes.is_empty(), "{}", changes.markdown("0.2.0"));
    assert_eq!(reread, generated.surface);
}

/// An alias of another crate's type (`pub type Empty = serde_json::Value`) is not a public
/// name for it: the listing keeps every other crate's path as written.
#[test]
fn the_listing_never_rewrites_a_path_into_another_crate() {
    let listing = listing();
    for line in [
        "pub type types::DestinationConfigCliAuthEmpty = serde_json::Value",
        "pub types::ApiErrorResponse::data: crate::Nullable<serde_json::Map<String, serde_json::Value>>",
        "pub types::Rule::Unknown(serde_json::Value)",
    ] {
        assert!(
            listing.lines().any(|l| l == line),
            "missing from the listing: {line}"
        );
    }
    for line in listing.lines() {
        if let Some((name, target)) = line
            .strip_prefix("pub type ")
            .and_then(|l| l.split_once(" = "))
        {
            assert_ne!(name, target, "an alias of itself: {line}");
        }
    }

    // The same on a small crate: aliases and re-exports of its own private items rename
    // them; paths into other crates, even ending the same way, stay as they are.
    let file = |path: &str, contents: &str| codegen::GeneratedFile {
        path: path.into(),
        contents: contents.into(),
    };
    let files = [
        file(
            "src/lib.rs",
            "pub mod types;\nmod runtime;\npub use runtime::client::Client;\n",
        ),
        file("src/runtime/mod.rs", "pub mod client;\n"),
        file("src/runtime/client.rs", "pub struct Client;\n"),
        file(
            "src/types.rs",
            "pub type Empty = serde_json::Value;\n\
             pub type Theirs = other::runtime::client::Client;\n\
             pub struct S { pub any: serde_json::Value, pub client: crate::runtime::client::Client, \
             pub theirs: other::runtime::client::Client }\n",
        ),
    ];
    let listing = codegen::surface::Surface::of_files(&files)
        .expect("parses")
        .listing();
    for line in [
        "pub type types::Empty = serde_json::Value",
        "pub type types::Theirs = other::runtime::client::Client",
        "pub types::S::any: serde_json::Value",
        "pub types::S::client: crate::Client",
        "pub types::S::theirs: other::runtime::client::Client",
        "pub struct Client",
    ] {
        assert!(
            listing.lines().any(|l| l == line),
            "missing `{line}` from:\n{listing}"
        );
    }
}
