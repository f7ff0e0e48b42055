//! The crate's manifest and root module.

use super::docs::inner_doc;
use super::type_expr::{type_tokens, Scope};
use crate::format;
use crate::ir::{Api, TypeRef};
use crate::settings::Settings;
use proc_macro2::TokenStream;
use quote::quote;

pub fn cargo_toml(api: &Api, settings: &Settings) -> String {
    // One line of a TOML basic string: whitespace runs (new lines too) become one space.
    let title = api.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let description = format!("Rust client for the {title} (generated from its OpenAPI spec).")
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let workspace = if settings.standalone {
        "\n# Built on its own, not as part of an enclosing workspace.\n[workspace]\n"
    } else {
        ""
    };
    let body = format!(
        r#"
[package]
name = "{name}"
version = "{version}"
edition = "2021"
rust-version = "1.80"
description = "{description}"
license = "MIT OR Apache-2.0"

[dependencies]
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std", "clock"] }}
futures = {{ version = "0.3", default-features = false, features = ["std", "async-await"] }}
reqwest = {{ version = "0.12", default-features = false, features = ["rustls-tls", "json", "http2"] }}
serde = {{ version = "1", features = ["derive"] }}
# preserve_order: raw JSON the SDK keeps (unknown variants, free-form objects) re-encodes in the order received.
serde_json = {{ version = "1", features = ["preserve_order"] }}
tokio = {{ version = "1", features = ["time"] }}
tracing = "0.1"
url = "2"

[dev-dependencies]
tokio = {{ version = "1", features = ["macros", "rt-multi-thread", "net", "io-util"] }}
{workspace}"#,
        name = settings.crate_name,
        version = settings.crate_version,
    );
    format::text_file(&body, "#")
}

pub fn lib_rs(api: &Api, settings: &Settings, default_error: &TypeRef) -> TokenStream {
    let crate_ident = settings.crate_name.replace('-', "_");
    let mut docs = format!("# {}\n", api.title.replace(['[', ']', '<', '>'], ""));
    if let Some(description) = &api.description {
        docs.push('\n');
        docs.push_str(&super::docs::sanitize(description));
        docs.push('\n');
    }
    docs.push_str(&format!(
        "\nGenerated from the API's OpenAPI spec. Start with [`Client`]; every operation is a \
         method on it that returns a request builder, sent with `.send().await`. The data types \
         are in [`types`].\n\n{}",
        example(api, &crate_ident)
    ));
    let docs = inner_doc(&docs);
    let base_url = api.base_url.clone().unwrap_or_default();
    let user_agent = format!("{}-rust/{}", settings.crate_name, settings.crate_version);
    let error_body = type_tokens(api, default_error, Scope::Types)
        .to_string()
        .replace(' ', "");
    let error_body: TokenStream = match default_error {
        TypeRef::Named(_) => format!("types::{error_body}").parse().unwrap_or_default(),
        other => type_tokens(api, other, Scope::Crate),
    };
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #[rustfmt::skip]
        pub mod types;
        #[rustfmt::skip]
        pub mod operations;
        // The runtime is private: only what users need is re-exported below, so that its
        // wire helpers can change without breaking anyone. It is the same for every
        // generated SDK, and an API uses only part of it (query styles, nullable secrets).
        #[allow(dead_code)]
        mod runtime;

        // In rustfmt's order, so `cargo fmt --check` agrees with the generator.
        /// Re-exported: the types use its date-times.
        pub use chrono;
        /// Re-exported: errors carry its status codes, and a caller may supply its client.
        pub use reqwest;
        pub use runtime::client::{Client, ClientBuilder, RequestOptions};
        pub use runtime::error::{ApiError, BuildError};
        pub use runtime::nullable::Nullable;
        pub use runtime::one_or_many::{OneOrMany, OneOrPair};
        pub use runtime::retry::RetryPolicy;
        /// Re-exported: the types use its JSON values.
        pub use serde_json;

        /// What a call can fail with. `E` is the body the API sends with a declared error
        /// status (the `Api` variant); see [`error::Error`] for the variants.
        pub type Error<E = #error_body> = runtime::error::Error<E>;

        /// The errors of API calls and of building a client.
        pub mod error {
            pub use crate::runtime::error::{ApiError, BuildError, Error};
        }

        /// The server the client talks to unless told otherwise (the spec's first server).
        pub const DEFAULT_BASE_URL: &str = #base_url;
        /// The `User-Agent` sent unless told otherwise.
        pub const DEFAULT_USER_AGENT: &str = #user_agent;
    }
}

/// Comments for lib.rs (quote drops comments), placed before the line they explain.
pub const LIB_RS_COMMENTS: &[(&str, &str)] = &[(
    "#[rustfmt::skip]\npub mod types;",
    "// prettyplease lays out the generated modules, not rustfmt.",
)];

/// A crate-level example built from the first operation that needs no arguments.
fn example(api: &Api, crate_ident: &str) -> String {
    let call = api
        .operations
        .iter()
        .find(|op| {
            op.params.iter().all(|p| !p.required) && op.body.as_ref().is_none_or(|b| !b.required)
        })
        .map(|op| {
            format!(
                "let response = client.{}().send().await?;\n// `Debug` shows every field but secrets (keys, tokens, passwords): `<redacted>`.\nprintln!(\"{{response:?}}\");\n",
                crate::names::bare(&op.method_name)
            )
        })
        .unwrap_or_default();
    format!(
        "```no_run\n# async fn run() -> Result<(), {crate_ident}::Error> {{\nlet client = {crate_ident}::Client::new(std::env::var(\"API_KEY\").unwrap_or_default());\n{call}# Ok(())\n# }}\n```"
    )
}
