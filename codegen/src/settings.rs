//! Everything the generator knows about an API that the OpenAPI document does not say in
//! standard terms. [`Settings::neutral`] assumes nothing beyond the standard;
//! [`Settings::hookdeck`] is written as what Hookdeck's specs change from it, so it is the
//! one place to review when Hookdeck's conventions change. The lowering reads these values
//! and contains no Hookdeck names of its own.

/// How a query parameter is written when the spec declares no `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `name=a&name=b` (the OpenAPI default, `form` with `explode: true`).
    Form,
    /// `name[key]=value`, for object-valued parameters.
    DeepObject,
    /// `name[]=a&name[]=b`, for list-valued parameters, a list of one included.
    Brackets,
}

/// A property pair in which one property's value says which union variant the other holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiblingDiscriminator {
    /// The property holding the union, e.g. `config`.
    pub value_property: String,
    /// The string-enum property naming the variant, e.g. `type`.
    pub tag_property: String,
}

/// How list endpoints page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// Query parameter that asks for the page after a cursor.
    pub cursor_param: String,
    /// Path of properties in the response leading to the next cursor.
    pub next_cursor_path: Vec<String>,
    /// Response property holding the page's items.
    pub items_property: String,
}

/// Which struct fields hold credentials, so that `Debug` (and so every log line that
/// prints a value) shows `<redacted>` instead of them. A field is secret when:
/// - its property name contains one of `name_contains` (`webhook_secret_key`, `password`,
///   `refresh_token`, `api_key`), or
/// - it sits in an auth object (a type whose name contains `auth_type_contains`) and its
///   name ends with `auth_key_suffix` (`service_account_key`, `app_key`), unless it is one
///   of `not_secret` (`public_key`, `header_key`: a key's public half, a header's name), or
/// - its schema says `format: password` or `writeOnly: true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretFields {
    /// Words that make a property secret in any type when its snake_case name contains
    /// one (`token` in `refresh_token`).
    pub name_contains: Vec<String>,
    /// What a type's name contains to make it an auth object (`Auth` in `GcpAuth`).
    pub auth_type_contains: String,
    /// The ending that makes a property of an auth object secret (`_key`).
    pub auth_key_suffix: String,
    /// Snake_case property names that are never secret by name, whatever else they match.
    pub not_secret: Vec<String>,
}

impl SecretFields {
    /// Whether a property of a type named `owner` is secret by name alone.
    pub fn by_name(&self, owner: &str, property: &str) -> bool {
        // `privateKey` and `private_key` alike.
        let name = heck::ToSnakeCase::to_snake_case(property);
        if self.not_secret.contains(&name) {
            return false;
        }
        self.name_contains
            .iter()
            .any(|word| name.contains(word.as_str()))
            || (owner.contains(&self.auth_type_contains) && name.ends_with(&self.auth_key_suffix))
    }
}

impl Default for SecretFields {
    fn default() -> Self {
        SecretFields {
            name_contains: [
                "secret",
                "password",
                "token",
                "api_key",
                "apikey",
                "private_key",
            ]
            .map(String::from)
            .to_vec(),
            auth_type_contains: "Auth".into(),
            auth_key_suffix: "_key".into(),
            not_secret: ["public_key", "header_key"].map(String::from).to_vec(),
        }
    }
}

/// How an API signs the webhook requests it sends, for the generated `webhooks` module:
/// a MAC of the raw body, written in a header whose name a project may re-prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookScheme {
    /// The MAC the signature is.
    pub algorithm: SignatureAlgorithm,
    /// How the MAC's bytes are written in the header.
    pub encoding: SignatureEncoding,
    /// The signature headers' prefix unless a project changed it.
    pub default_prefix: String,
    /// What follows the prefix in each header that may carry a signature, the current
    /// secret's first.
    pub header_suffixes: Vec<String>,
}

/// The MAC of a webhook signature (the runtime's `webhooks::Algorithm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// HMAC with SHA-256, keyed with the webhook secret.
    HmacSha256,
}

/// How a webhook signature's bytes are written (the runtime's `webhooks::Encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureEncoding {
    /// Standard base64 with padding (RFC 4648 §4).
    Base64,
}

/// What the generated crate's manifest says about it, for crates.io and docs.rs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// The oldest Rust the crate builds with: what its locked dependency tree needs
    /// (`xtask/tests/msrv.rs` checks it against `cargo metadata`).
    pub rust_version: String,
    /// The manifest's `license`, an SPDX expression (`MIT OR Apache-2.0`).
    pub license: String,
    /// Where the API is documented; the crate README links to it.
    pub homepage: Option<String>,
    /// Where the crate's docs are published.
    pub documentation: Option<String>,
    /// The source repository; left out of the manifest when unknown, never made up.
    pub repository: Option<String>,
    /// The manifest's `keywords`, for crates.io search (it takes at most five).
    pub keywords: Vec<String>,
    /// The manifest's `categories`, crates.io category slugs (`api-bindings`).
    pub categories: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::SecretFields;

    #[test]
    fn secret_names_in_any_case() {
        let rule = SecretFields::default();
        for (owner, property) in [
            ("SourceConfigStripeAuth", "webhook_secret_key"),
            ("X", "clientSecret"),
            ("X", "apiKey"),
            ("GcpAuth", "serviceAccountKey"),
            ("GcpAuth", "private_key"),
        ] {
            assert!(rule.by_name(owner, property), "{owner}.{property}");
        }
        for (owner, property) in [
            ("SourceConfigHttpAuth", "header_key"),
            ("SourceConfigAlipayAuth", "publicKey"),
            ("Connection", "sort_key"),
        ] {
            assert!(!rule.by_name(owner, property), "{owner}.{property}");
        }
    }
}

/// How to generate a crate from a spec: the crate's name and manifest, and every convention
/// of the API that the spec does not state in standard OpenAPI terms. Start from
/// [`Settings::neutral`] or [`Settings::hookdeck`] and change fields as needed.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Cargo package name of the generated crate.
    pub crate_name: String,
    /// Version written into the generated Cargo.toml.
    pub crate_version: String,
    /// The API's name in the crate's docs and manifest; `None` takes the spec's
    /// `info.title` (of a single file, or what all the files agree on). An API published as
    /// several files titles each file differently, so the whole API's name is set here.
    pub api_title: Option<String>,
    /// The API's description for the crate's docs; `None` takes the spec's, as above.
    pub api_description: Option<String>,
    /// Whether the crate's manifest declares its own (empty) workspace, for crates written
    /// outside the project's workspace or inside a folder cargo would take for one.
    pub standalone: bool,
    /// Schema extension on a union variant naming the discriminator value it stands for
    /// (Hookdeck: `x-docs-type: STRIPE` on `SourceTypeConfigSTRIPE`). A variant without it
    /// (Hookdeck's `*Empty` schemas) means "no value".
    pub variant_tag_extension: String,
    /// Extension beside a `$ref` in a union saying that, for that variant, the value must be
    /// given (Hookdeck: `x-required: true`).
    pub required_variant_extension: String,
    /// Property pairs that are sibling-discriminated unions wherever they appear together in
    /// an object whose value property is a `oneOf` union and whose tag property is a string enum.
    pub sibling_discriminators: Vec<SiblingDiscriminator>,
    /// Style for query parameters that may hold an object, when the spec declares none. The
    /// real API reads `paused_at[gte]=...` (as Hookdeck's CLI sends it), not form/explode.
    pub object_query_style: QueryStyle,
    /// Style for query parameters that are always a list (`type: array`, not one value or a
    /// list), when the spec declares none. `None` keeps form/explode.
    pub list_query_style: Option<QueryStyle>,
    /// Per-parameter style overrides: (parameter name, style). Wins over the above.
    pub query_style_overrides: Vec<(String, QueryStyle)>,
    /// How list endpoints page; `None` generates no pagination helpers.
    pub pagination: Option<Pagination>,
    /// Hookdeck names alias endpoints `<operationId>_<alias>` (`disableConnection_archive` for
    /// `PUT /connections/{id}/archive`). When true the method is named after the alias verb
    /// (`archive_connection`) and documented as doing what the base operation does.
    pub alias_operation_suffix: bool,
    /// Name paginated `get<Things>` operations `list_<things>`.
    pub paginated_get_is_list: bool,
    /// Explicit method names: (operationId, Rust method name). Wins over the rules above.
    pub method_names: Vec<(String, String)>,
    /// Names for inline schemas, by JSON pointer, where the name made from the schema's
    /// place would mislead (an identical inline schema elsewhere shares the type).
    pub type_names: Vec<(String, String)>,
    /// Names types were published under before, kept as type aliases so that code written
    /// against them still compiles: (former name, the type's name now). Kept only where a
    /// type has the name now and none the former name (`codegen/tests/resources.rs` checks
    /// that the whole API keeps them).
    pub former_names: Vec<(String, String)>,
    /// Which fields `Debug` redacts.
    pub secret_fields: SecretFields,
    /// Whether each resource (the operations of one tag) is a cargo feature of the crate
    /// (all on by default), so that a build can compile only the parts it uses.
    pub resource_features: bool,
    /// Manifest metadata.
    pub package: Package,
    /// How the API signs its webhook requests; `None` generates no `webhooks` module.
    pub webhooks: Option<WebhookScheme>,
    /// Hand-written examples beside the generated crate that need cargo features:
    /// (example name, features), written as `[[example]]` entries with
    /// `required-features`. Not knowledge about the API but about the output directory,
    /// so empty here; `cargo xtask codegen` fills it from the examples it finds.
    pub examples_with_features: Vec<(String, Vec<String>)>,
}

/// The Cargo package name of the crate generated from Hookdeck's whole API (`cargo xtask
/// codegen`'s default). It succeeds `hookdeck-connections`, the crate of the Connections
/// spec alone.
pub const HOOKDECK_CRATE_NAME: &str = "hookdeck";

/// `POST /connections`'s body properties.
const CONNECTION_BODY: &str =
    "/paths/~1connections/post/requestBody/content/application~1json/schema/properties";

impl Settings {
    /// Settings that assume nothing beyond standard OpenAPI 3.0: no vendor extensions, no
    /// sibling-discriminated unions, form-style queries, no pagination helpers, names as
    /// the spec gives them.
    pub fn neutral(crate_name: &str) -> Self {
        Settings {
            crate_name: crate_name.to_string(),
            crate_version: "0.1.0".to_string(),
            api_title: None,
            api_description: None,
            standalone: false,
            // Empty: no extension names a variant's tag, or makes a variant required.
            variant_tag_extension: String::new(),
            required_variant_extension: String::new(),
            sibling_discriminators: Vec::new(),
            object_query_style: QueryStyle::Form,
            list_query_style: None,
            query_style_overrides: Vec::new(),
            pagination: None,
            alias_operation_suffix: false,
            paginated_get_is_list: false,
            method_names: Vec::new(),
            type_names: Vec::new(),
            former_names: Vec::new(),
            secret_fields: SecretFields::default(),
            resource_features: false,
            package: Package {
                rust_version: "1.88".into(),
                license: "MIT OR Apache-2.0".into(),
                homepage: None,
                documentation: Some(format!("https://docs.rs/{crate_name}")),
                repository: None,
                keywords: Vec::new(),
                categories: vec!["api-bindings".into()],
            },
            webhooks: None,
            examples_with_features: Vec::new(),
        }
    }

    /// The settings for Hookdeck's API specs: what they change from [`Settings::neutral`].
    pub fn hookdeck(crate_name: &str) -> Self {
        let neutral = Settings::neutral(crate_name);
        Settings {
            // Bumped by hand after reading `cargo xtask codegen`'s report. 0.2.0 (as
            // `hookdeck-connections`) made model structs non-exhaustive, the runtime private
            // and builders owned; 0.3.0, the whole API as `hookdeck`, decodes every number
            // as `f64` and nullable map values, items and bodies as `Option`.
            crate_version: "0.3.0".to_string(),
            // Hookdeck publishes its API as one file per group of tags, each with a title
            // of its own ("Hookdeck Events API"); the crate is the whole API.
            api_title: Some("Hookdeck API".to_string()),
            api_description: Some(
                "Hookdeck receives, queues and delivers webhooks. Its API configures \
                 connections, sources, destinations, transformations and issue triggers, and \
                 reads and retries the events, requests and delivery attempts that flow \
                 through them, in bulk too, with metrics over all of it."
                    .to_string(),
            ),
            // Every union variant schema names its tag value (`x-docs-type: STRIPE`), and
            // `x-required: true` beside a `$ref` makes that variant's payload mandatory.
            variant_tag_extension: "x-docs-type".to_string(),
            required_variant_extension: "x-required".to_string(),
            sibling_discriminators: vec![
                // A Source's/Destination's `type` picks its `config` variant.
                SiblingDiscriminator {
                    value_property: "config".into(),
                    tag_property: "type".into(),
                },
                // Inside a config, `auth_type` picks the `auth` variant.
                SiblingDiscriminator {
                    value_property: "auth".into(),
                    tag_property: "auth_type".into(),
                },
            ],
            // The API reads operator objects as `paused_at[gte]=...`, as Hookdeck's CLI
            // sends them, though the spec declares no style.
            object_query_style: QueryStyle::DeepObject,
            // Lists as `measures[]=count`, as Hookdeck's CLI sends them: the API reads a
            // plain `measures=count` as a string, which a list parameter refuses.
            list_query_style: Some(QueryStyle::Brackets),
            pagination: Some(Pagination {
                cursor_param: "next".into(),
                next_cursor_path: vec!["pagination".into(), "next".into()],
                items_property: "models".into(),
            }),
            // `disableConnection_archive` is `archive_connection`; `getConnections` with a
            // cursor is `list_connections`.
            alias_operation_suffix: true,
            paginated_get_is_list: true,
            // Hookdeck's API is 17 resources and about 760 types; a service that only
            // configures connections, or only reads events, need not compile the rest.
            resource_features: true,
            type_names: vec![
                // The inline source and destination that create and upsert both take.
                (
                    CONNECTION_BODY.to_string() + "/source",
                    "SourceInput".to_string(),
                ),
                (
                    CONNECTION_BODY.to_string() + "/destination",
                    "DestinationInput".to_string(),
                ),
            ],
            // `hookdeck-connections` named the `dir` of `list_connections` after it; every list
            // operation of the whole API shares that enum, named for all of them.
            former_names: vec![("ListConnectionsDir".into(), "Dir".into())],
            package: Package {
                homepage: Some("https://hookdeck.com/docs/api".into()),
                keywords: ["hookdeck", "webhooks", "api", "sdk", "client"]
                    .map(String::from)
                    .to_vec(),
                categories: ["api-bindings", "web-programming::http-client"]
                    .map(String::from)
                    .to_vec(),
                ..neutral.package.clone()
            },
            // `x-hookdeck-signature` is base64(HMAC-SHA256(signing secret, raw body));
            // during a secret rotation `x-hookdeck-signature-2` carries the signature under
            // the previous secret. A project can change the `x-hookdeck` prefix.
            webhooks: Some(WebhookScheme {
                algorithm: SignatureAlgorithm::HmacSha256,
                encoding: SignatureEncoding::Base64,
                default_prefix: "x-hookdeck".into(),
                header_suffixes: vec!["-signature".into(), "-signature-2".into()],
            }),
            ..neutral
        }
    }

    /// The name [`Settings::type_names`] gives the inline schema at `pointer`.
    pub(crate) fn type_name_for(&self, pointer: &str) -> Option<&str> {
        self.type_names
            .iter()
            .find(|(p, _)| p == pointer)
            .map(|(_, name)| name.as_str())
    }

    /// The style [`Settings::query_style_overrides`] gives the query parameter `param`.
    pub(crate) fn query_style_for(&self, param: &str) -> Option<QueryStyle> {
        self.query_style_overrides
            .iter()
            .find(|(name, _)| name == param)
            .map(|(_, style)| *style)
    }

    /// The method name [`Settings::method_names`] gives the operation `operation_id`.
    pub(crate) fn method_name_for(&self, operation_id: &str) -> Option<&str> {
        self.method_names
            .iter()
            .find(|(id, _)| id == operation_id)
            .map(|(_, name)| name.as_str())
    }
}
