//! The crate's manifest and root module.

use super::type_expr::{type_tokens, Scope};
use crate::ir::{Api, TypeRef};
use crate::settings::{Settings, SignatureAlgorithm, SignatureEncoding, WebhookScheme};
use proc_macro2::TokenStream;
use quote::quote;

pub fn cargo_toml(api: &Api, settings: &Settings) -> String {
    let package = &settings.package;
    // One line of a TOML basic string: whitespace runs (new lines too) become one space.
    let title = api.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let description = toml_string(&format!(
        "Rust client for the {title} (generated from its OpenAPI spec)."
    ));
    let workspace = if settings.standalone {
        "\n# Built on its own, not as part of an enclosing workspace.\n[workspace]\n"
    } else {
        ""
    };
    let mut links = String::new();
    for (key, value) in [
        ("homepage", &package.homepage),
        ("documentation", &package.documentation),
        ("repository", &package.repository),
    ] {
        if let Some(value) = value {
            links.push_str(&format!("{key} = {}\n", toml_string(value)));
        }
    }
    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| toml_string(i))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (default_resources, resource_features) = resource_features(api, settings);
    // The webhooks module and its cryptography, for an API that signs its webhooks.
    let (webhooks_feature, webhooks_deps) = match &settings.webhooks {
        Some(_) => (
            "# Verifies the signatures of the webhook requests the API sends (`webhooks` module).\n\
             webhooks = [\"dep:base64\", \"dep:hmac\", \"dep:sha2\"]\n",
            "base64 = { version = \"0.22\", optional = true }\n",
        ),
        None => ("", ""),
    };
    let hmac_deps = match &settings.webhooks {
        Some(_) => (
            "hmac = { version = \"0.12\", optional = true }\n",
            "sha2 = { version = \"0.10\", optional = true }\n",
        ),
        None => ("", ""),
    };
    let body = format!(
        r#"
[package]
name = "{name}"
version = "{version}"
edition = "2021"
rust-version = "{rust_version}"
description = {description}
license = {license}
{links}readme = "README.md"
keywords = [{keywords}]
categories = [{categories}]

[package.metadata.docs.rs]
all-features = true

[features]
default = ["rustls-tls"{default_resources}]
{resource_features}# TLS through rustls (the default) or the platform's library (OpenSSL on Linux). With
# neither, only plain http:// base URLs work.
rustls-tls = ["reqwest/rustls-tls"]
native-tls = ["reqwest/native-tls"]
# Asks for gzip-compressed responses and decompresses them once the status is known.
gzip = ["dep:flate2"]
# A mock transport (`mock` module) for testing code that uses the client without a network.
test-util = ["dep:bytes", "dep:http", "dep:http-body"]
{webhooks_feature}
[dependencies]
{webhooks_deps}# bytes, http, http-body: what reqwest is built on, for the mock transport's responses.
bytes = {{ version = "1", optional = true }}
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std", "clock"] }}
flate2 = {{ version = "1", optional = true }}
futures = {{ version = "0.3", default-features = false, features = ["std", "async-await"] }}
{hmac}http = {{ version = "1", optional = true }}
http-body = {{ version = "1", optional = true }}
reqwest = {{ version = "0.12", default-features = false, features = ["http2"] }}
serde = {{ version = "1", features = ["derive"] }}
# preserve_order: raw JSON the SDK keeps (unknown variants, free-form objects) re-encodes in the order received.
# float_roundtrip: numbers decode to the nearest f64 (by default serde_json may miss by one
# unit in the last place, and a tagged object re-read from its text drifts further).
serde_json = {{ version = "1", features = ["preserve_order", "float_roundtrip"] }}
{sha2}tokio = {{ version = "1", features = ["time"] }}
tracing = "0.1"
url = "2"

[dev-dependencies]
{axum}tokio = {{ version = "1", features = ["macros", "rt-multi-thread", "net", "io-util"] }}
{examples}{workspace}"#,
        name = settings.crate_name,
        version = settings.crate_version,
        rust_version = package.rust_version,
        license = toml_string(&package.license),
        keywords = list(&package.keywords),
        categories = list(&package.categories),
        axum = if settings.webhooks.is_some() {
            "# The webhook_server example's HTTP server.\n\
             axum = { version = \"0.8\", default-features = false, features = [\"http1\", \"tokio\"] }\n"
        } else {
            ""
        },
        examples = examples_toml(settings),
        hmac = hmac_deps.0,
        sha2 = hmac_deps.1,
    );
    body
}

/// The map of the API on the crate's front page: each resource (the operations of one tag)
/// with its feature, its methods and a call of one of them (one doc test for all).
fn resources_section(api: &Api, settings: &Settings) -> String {
    if api.resources.len() < 2 {
        return String::new();
    }
    let krate = settings.crate_name.replace('-', "_");
    let mut table = String::from("\n## The API, by resource\n\n");
    table.push_str(if settings.resource_features {
        "Each resource is a group of methods on `Client` and a cargo feature (all on by default; \
         turn off the ones you do not use and their operations and types are not compiled).\n\n\
         | resource | feature | methods |\n|---|---|---|\n"
    } else {
        "Each resource is a group of methods on `Client`.\n\n| resource | methods |\n|---|---|\n"
    });
    let mut calls = String::new();
    for (index, resource) in api.resources.iter().enumerate() {
        let ops: Vec<&crate::ir::Operation> = api
            .operations
            .iter()
            .filter(|op| op.resource == index)
            .collect();
        let methods: Vec<String> = ops
            .iter()
            .map(|op| {
                let method = crate::names::bare(&op.method_name);
                format!("[`{method}`](crate::Client::{method})")
            })
            .collect();
        let tag = resource
            .tag
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if settings.resource_features {
            table.push_str(&format!(
                "| {tag} | `{}` | {} |\n",
                resource.feature,
                methods.join(", ")
            ));
        } else {
            table.push_str(&format!("| {tag} | {} |\n", methods.join(", ")));
        }
        // A list operation shows best what a resource holds; else any the example can call.
        let call = ops
            .iter()
            .filter(|op| op.pagination.is_some())
            .chain(ops.iter())
            .find_map(|op| super::operations::example_call(api, op));
        if let Some(call) = call {
            calls.push_str(&format!(
                "// {tag}\nlet response = {call}.send().await?;\nprintln!(\"{{response:?}}\");\n"
            ));
        }
    }
    format!(
        "{table}\nOne call of each:\n\n```rust,no_run\n# async fn run(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n{calls}# Ok(())\n# }}\n```\n"
    )
}

/// With a feature per resource: the features for `default` (`, "connections", …`) and their
/// declarations, each with the resource's operations as its comment.
fn resource_features(api: &Api, settings: &Settings) -> (String, String) {
    if !settings.resource_features || api.resources.is_empty() {
        return (String::new(), String::new());
    }
    let mut defaults = String::new();
    let mut declarations = String::from(
        "# One feature per resource (the operations of one tag of the API reference), all on by\n\
         # default. A build with some of them compiles only the operations and types they reach.\n",
    );
    for (index, resource) in api.resources.iter().enumerate() {
        defaults.push_str(&format!(", \"{}\"", resource.feature));
        let count = api
            .operations
            .iter()
            .filter(|op| op.resource == index)
            .count();
        declarations.push_str(&format!(
            "{} = [] # {}: {count} operation{}\n",
            resource.feature,
            resource
                .tag
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            if count == 1 { "" } else { "s" }
        ));
    }
    (defaults, declarations)
}

/// `[[example]]` entries for the hand-written examples that need features.
fn examples_toml(settings: &Settings) -> String {
    let mut text = String::new();
    for (name, features) in &settings.examples_with_features {
        let features: Vec<String> = features.iter().map(|f| toml_string(f)).collect();
        text.push_str(&format!(
            "\n[[example]]\nname = {}\nrequired-features = [{}]\n",
            toml_string(name),
            features.join(", ")
        ));
    }
    text
}

/// A TOML basic string: control characters dropped, `\\` and `"` escaped.
fn toml_string(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    format!("\"{}\"", clean.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn lib_rs(api: &Api, settings: &Settings, default_error: &TypeRef) -> TokenStream {
    let base_url = api.base_url.clone().unwrap_or_default();
    // Bearer when the spec offers it (or says nothing); basic when that is all it offers.
    let default_auth = if api.auth.basic && !api.auth.bearer {
        quote!(BasicWithKey)
    } else {
        quote!(Bearer)
    };
    let user_agent = format!("{}-rust/{}", settings.crate_name, settings.crate_version);
    let error_body = type_tokens(api, default_error, Scope::Types)
        .to_string()
        .replace(' ', "");
    let error_body: TokenStream = match default_error {
        TypeRef::Named(_) => format!("types::{error_body}").parse().unwrap_or_default(),
        other => type_tokens(api, other, Scope::Crate),
    };
    let webhooks = settings
        .webhooks
        .as_ref()
        .map(webhooks_module)
        .unwrap_or_default();
    quote! {
        // The crate's README is its front page on docs.rs too, and its example a doc test.
        #![doc = include_str!("../README.md")]
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #[rustfmt::skip]
        pub mod types;
        #[rustfmt::skip]
        pub mod operations;
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
        pub use runtime::response::Response;
        pub use runtime::retry::RetryPolicy;
        /// Re-exported: the types use its JSON values.
        pub use serde_json;

        /// What a call can fail with. `E` is the body the API sends with a declared error
        /// status (the `Api` variant); see [`error::Error`] for the variants.
        pub type Error<E = #error_body> = runtime::error::Error<E>;

        /// Code that runs on every attempt of every call: to add or change headers, and to
        /// observe each attempt (register with [`ClientBuilder::hook`]). Calls and attempts
        /// are also `tracing` spans, `http_call` and `http_attempt`, with OpenTelemetry's
        /// HTTP field names.
        pub mod hooks {
            pub use crate::runtime::hooks::{AttemptInfo, AttemptOutcome, Retry};
            pub use crate::runtime::hooks::{Hook, OutgoingRequest};
        }

        /// A transport with canned replies and injectable faults, for testing code that uses
        /// the client without a network (give it to `ClientBuilder::transport`). Replies are
        /// keyed by the spec's `operationId`.
        #[cfg(feature = "test-util")]
        pub mod mock {
            pub use crate::runtime::mock::{MockReply, MockRequest, MockTransport};
        }

        /// The errors of API calls and of building a client.
        pub mod error {
            pub use crate::runtime::error::{ApiError, BuildError, Error};
        }

        /// The server the client talks to unless told otherwise (the spec's first server).
        pub const DEFAULT_BASE_URL: &str = #base_url;
        /// The `User-Agent` sent unless told otherwise.
        pub const DEFAULT_USER_AGENT: &str = #user_agent;

        /// What the runtime's client takes from this crate: the spec's server, the user agent,
        /// and the authentication the spec's security schemes offer.
        const DEFAULTS: runtime::client::Defaults = runtime::client::Defaults {
            base_url: DEFAULT_BASE_URL,
            user_agent: DEFAULT_USER_AGENT,
            auth: runtime::client::DefaultAuth::#default_auth,
        };

        impl Client {
            /// A client with the given API key sent as the spec's security schemes say (a
            /// bearer token when the spec offers one), and the defaults: the spec's server, a
            /// 60 s timeout per attempt, a 10 s connect timeout, the default [`RetryPolicy`]
            /// and the crate's user agent.
            ///
            /// This never panics. If the configuration cannot be used (an API key with
            /// characters that cannot travel in an HTTP header, or an HTTP client that cannot
            /// be initialised) every request fails with [`error::Error::InvalidRequest`]
            /// saying why; use [`Client::builder`] and [`ClientBuilder::build`] to get that
            /// error up front.
            pub fn new(api_key: impl Into<String>) -> Self {
                Client::with_defaults(api_key, &DEFAULTS)
            }

            /// A builder for a client with the given API key.
            pub fn builder(api_key: impl Into<String>) -> ClientBuilder {
                ClientBuilder::with_defaults(api_key, &DEFAULTS)
            }
        }

        #webhooks
    }
}

/// The `webhooks` module: the runtime's verifier with this API's signature scheme passed
/// in, as `DEFAULTS` is for the client.
fn webhooks_module(scheme: &WebhookScheme) -> TokenStream {
    let algorithm = match scheme.algorithm {
        SignatureAlgorithm::HmacSha256 => quote!(HmacSha256),
    };
    let encoding = match scheme.encoding {
        SignatureEncoding::Base64 => quote!(Base64),
    };
    let prefix = &scheme.default_prefix;
    let suffixes = &scheme.header_suffixes;
    let headers = suffixes
        .iter()
        .map(|suffix| format!("`{prefix}{suffix}`"))
        .collect::<Vec<_>>()
        .join(", then ");
    let module_doc = [
        " Verifies the webhook requests the API sends, then decodes their bodies.".to_owned(),
        String::new(),
        format!(
            " The signature is read from {headers} (the current secret's first; a match of any \
         is valid), or from the same names under a project's own prefix \
         ([`Verifier::with_prefix`](webhooks::Verifier::with_prefix)). A webhook body is the payload the API forwards as it \
         received it: decode it into `serde_json::Value` or a type of your own."
        ),
    ];
    let new_doc = format!(
        " A verifier that checks signatures made with `secret`, read from the headers \
         starting with `{prefix}`. Add the previous secret with [`Verifier::with_secret`] \
         while rotating."
    );
    quote! {
        #(#[doc = #module_doc])*
        #[cfg(feature = "webhooks")]
        pub mod webhooks {

            pub use crate::runtime::webhooks::{sign, Verifier, WebhookError};

            /// The prefix of the signature headers unless a project changed it.
            pub const DEFAULT_PREFIX: &str = #prefix;

            /// How the API signs its webhooks, for the runtime's verifier.
            const SCHEME: crate::runtime::webhooks::Scheme = crate::runtime::webhooks::Scheme {
                algorithm: crate::runtime::webhooks::Algorithm::#algorithm,
                encoding: crate::runtime::webhooks::Encoding::#encoding,
                default_prefix: DEFAULT_PREFIX,
                header_suffixes: &[#(#suffixes),*],
            };

            impl Verifier {
                #[doc = #new_doc]
                pub fn new(secret: impl AsRef<[u8]>) -> Self {
                    Verifier::with_scheme(&SCHEME, secret)
                }
            }
        }
    }
}

/// Comments for lib.rs (quote drops comments), placed before the line they explain.
pub const LIB_RS_COMMENTS: &[(&str, &str)] = &[
    (
        "#[rustfmt::skip]\npub mod types;",
        "// prettyplease lays out the generated modules, not rustfmt.",
    ),
    (
        "#[allow(dead_code)]\nmod runtime;",
        "// The runtime is private: only what users need is re-exported below, so that its\n\
         // wire helpers can change without breaking anyone. It is the same for every\n\
         // generated SDK, and an API uses only part of it (dead_code: query styles, say).",
    ),
];

/// The crate's README: what it is, install, authentication, an example, errors, retries,
/// timeouts and deadlines, response metadata, features, testing and versioning.
pub fn readme(api: &Api, settings: &Settings) -> String {
    let name = &settings.crate_name;
    let krate = name.replace('-', "_");
    let version = &settings.crate_version;
    let title = api.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let description = api
        .description
        .as_deref()
        .map(|d| format!("{}\n\n", super::docs::sanitize(d)))
        .unwrap_or_default();
    let docs_link = match &settings.package.homepage {
        Some(url) => format!(" ([API reference]({url}))"),
        None => String::new(),
    };
    // The quick start calls an operation that needs no input, preferring a paginated list
    // of the resource with the most operations (the API's centre, as far as the spec
    // says), not whichever resource sorts first.
    let operations_of = |resource: usize| {
        api.operations
            .iter()
            .filter(|o| o.resource == resource)
            .count()
    };
    let call = api
        .operations
        .iter()
        .filter(|op| {
            op.params.iter().all(|p| !p.required) && op.body.as_ref().is_none_or(|b| !b.required)
        })
        .min_by_key(|op| {
            (std::cmp::Reverse(operations_of(op.resource)), op.pagination.is_none())
        })
        .map(|op| {
            format!(
                "    let response = client.{}().send().await?;\n    \
                 // `Debug` shows every field but secrets (keys, tokens, passwords): `<redacted>`.\n    \
                 println!(\"{{response:?}}\");\n",
                crate::names::bare(&op.method_name)
            )
        })
        .unwrap_or_default();
    let basic = if api.auth.basic {
        " The API also takes HTTP basic auth: `Client::builder(key).basic_auth()` sends the key \
         as the user name, `.basic_auth_credentials(user, password)` sends other credentials."
    } else {
        ""
    };
    let (webhooks_row, webhooks_section) = match &settings.webhooks {
        Some(scheme) => (
            "| `webhooks` | no | verifies the signatures of the webhook requests the API sends (`webhooks` module; pulls in `hmac`, `sha2` and `base64`) |\n",
            format!(
                r#"
## Webhooks

With the `webhooks` feature, `webhooks::Verifier::new(signing_secret)` checks a webhook
request's raw body against its `{prefix}{first}` header (HMAC-SHA256, compared in
constant time) and `verify_and_decode::<T>(&headers, &body)` then decodes it. Add the
previous secret with `.with_secret(old)` during a rotation, and a project's own header
prefix with `.with_prefix("x-acme")`. Missing, malformed and mismatching signatures are
distinct `WebhookError`s. `webhooks::sign(secret, body)` signs bodies for tests.
"#,
                prefix = scheme.default_prefix,
                first = scheme.header_suffixes.first().map_or("", String::as_str),
            ),
        ),
        None => ("", String::new()),
    };
    let body = format!(
        r#"
# {name}

A Rust client for the {title}{docs_link}, generated from version {api_version} of its
OpenAPI spec.

{description}## Install

```toml
[dependencies]
{name} = "{version}"
```

## Authenticate

`Client::new(api_key)` sends the API key as a bearer token.{basic} The key never
appears in `Debug` output or in errors.

## Example

```rust,no_run
#[tokio::main]
async fn main() -> Result<(), {krate}::Error> {{
    let client = {krate}::Client::new(std::env::var("API_KEY").unwrap_or_default());
{call}    Ok(())
}}
```

Every operation is a method on `Client` that returns a request builder: set optional
parameters on it, then `.send().await`. Builders and streams own what they need (a
`Client` is a cheap clone of a shared connection pool), so they can be moved into
`tokio::spawn`. Paged list operations also have `.stream()`, which follows the cursors.
Model types are built with `new(required...)` or `default()` and `with_*` setters.
{resources}
## Errors

`{krate}::Error` separates what the server said from what went wrong on the way:
`Api` (a status the operation declares, with its decoded body), `UnexpectedStatus`,
`Decode` and `Decompress` (each keeps the status, the headers and the raw body),
`Timeout`, `Transport` and `InvalidRequest`. Each answers `status()`, `headers()`,
`raw_body()` and `is_retryable()`.

## Retries, timeouts and deadlines

Requests are retried twice by default, on connection errors, 408, 429 and 5xx, with
jittered exponential backoff that honours `Retry-After`. Requests that are not
idempotent (POST, PATCH) are retried only when nothing reached the server. Each
attempt has a 60 s timeout and a 10 s connect timeout. A deadline limits a whole call,
every attempt and the waits between them. Set all of these on `Client::builder(key)`
(`timeout`, `connect_timeout`, `deadline`, `max_retries`, `retry_policy`) or per
request.

## Response metadata

`send_with_response()` returns the value with the response's status and headers (request
ids, rate limits). An error that had a response keeps its headers too.

## Features

| feature | default | what |
|---|---|---|
| `rustls-tls` | yes | TLS through rustls |
| `native-tls` | no | TLS through the platform's library (OpenSSL on Linux) |
| `gzip` | no | asks for gzip-compressed responses and decompresses them once the status is known, so a corrupt body still gives an error with the status and the raw bytes |
| `test-util` | no | `mock::MockTransport`: canned replies and faults instead of the network, for tests |
{webhooks_row}
{webhooks_section}## Hooks and tracing

`Client::builder(key).hook(my_hook)` registers a `hooks::Hook`: `on_request` may add or
change headers of every attempt (retries included), and `on_attempt` sees each attempt's
operation id, method, path template, outcome, latency and whether (and after how long)
it will be retried. Hooks never see the API key. Every call is a `tracing` span
(`http_call`), and every attempt one inside it (`http_attempt`), with OpenTelemetry's
HTTP field names (`http.request.method`, `url.template`, `http.response.status_code`,
`http.request.resend_count`, `error.type`, `server.address`).

## Testing code that uses this crate

With the `test-util` feature (in your `[dev-dependencies]`), give the client a
`mock::MockTransport` with `Client::builder(key).transport(mock.clone())`. Queue replies
per `operationId`: `MockReply::json(200, &value)`, `MockReply::raw(status, body)`, or a
fault (`MockReply::timeout()`, `MockReply::drop_connection()`, `MockReply::status(503)`,
`.header("retry-after", "1")`, `.delay(..)`). Each reply is used once, and the last keeps
answering. Then check `mock.requests()`: the method, URL, headers and body of every
attempt. Retries, timeouts and decoding work as against a server. No network is needed.

## Versioning

The crate follows Rust's semver rules: in 0.x, a breaking change bumps the minor
number and an additive one the patch number. Model structs and enums are
`#[non_exhaustive]`, so the additions an API makes all the time (an optional property,
an enum value, an operation) are not breaking. `public-api.txt` lists the public API one
item per line; the generator reports every change to it when the spec changes. The
minimum supported Rust version (`rust-version`, {rust_version}) is what the locked
dependency tree needs; raising it is a minor (0.x) release.
"#,
        rust_version = settings.package.rust_version,
        api_version = api.version,
        resources = resources_section(api, settings),
    );
    body
}
