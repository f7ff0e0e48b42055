//! Names the generated code needs for itself, kept in one place: the generator gives a
//! spec's names a suffix instead of these. A test (`tests` below) checks each list against
//! what the runtime and the emitted code actually define.

/// The runtime's macro for the models' serde (`runtime/src/wire.rs`), as the `types`
/// module calls it. The emitter writes the calls, the formatter lays them out and the API
/// listing reads them, all by this path.
pub const MODEL_SERDE_MACRO: &str = "crate::runtime::wire::model_serde";

/// The runtime's macro for a string enum's impls (`runtime/src/string_enum.rs`).
pub const STRING_ENUM_MACRO: &str = "crate::runtime::string_enum::string_enum";

/// The runtime's macro for a sibling union's impls (`runtime/src/sibling.rs`).
pub const SIBLING_UNION_MACRO: &str = "crate::runtime::sibling::sibling_union";

/// The runtime's macro for the option setters of a request builder, called inside its
/// `impl` block (`runtime/src/builder_options.rs`).
pub const REQUEST_OPTIONS_MACRO: &str = "crate::runtime::builder_options::request_options";

/// The runtime's macros that the `types` module calls at item level, one call after each
/// type it is for: the formatter gives their arguments a line each and a blank line
/// before them.
pub const ITEM_MACROS: &[&str] = &[MODEL_SERDE_MACRO, STRING_ENUM_MACRO, SIBLING_UNION_MACRO];

/// The last segment of a macro's path: its name.
pub fn macro_name(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// The text of `macro_rules! name` in a runtime source, up to the `pub(crate) use` that
/// follows it: for the tests that hold what the generator knows of a runtime macro
/// against the macro itself.
#[cfg(test)]
pub(crate) fn runtime_macro_text<'a>(source: &'a str, name: &str) -> &'a str {
    let start = source
        .find(&format!("macro_rules! {name}"))
        .unwrap_or_else(|| panic!("no macro {name}"));
    let end = source[start..]
        .find("pub(crate) use")
        .expect("the macro's end");
    &source[start..start + end]
}

/// A runtime macro's path, as the emitter writes it in calls.
pub fn macro_path(path: &str) -> syn::Path {
    syn::parse_str(path).expect("the runtime macros' paths parse")
}

/// Type names the `types` module cannot use: the generated code relies on their prelude
/// meaning, or defines them locally in its serde impls.
pub const TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "From",
    "Into",
    "Iterator",
    "Send",
    "Sync",
    "Sized",
    "ToString",
    "ToOwned",
    // Local items of the emitted serde impls.
    "Visitor",
    "SerializeMap",
    // Generic parameters of the emitted serde code and of `model_serde!`, where the type
    // itself is named too.
    "A",
    "D",
    "E",
    "M",
    "S",
];

/// Methods `Client` has besides the operations (the runtime's, and common trait methods an
/// inherent method would shadow); an operation by one of these names gets a suffix.
pub const CLIENT_METHODS: &[&str] = &[
    // Defined by the generated crate, with its defaults.
    "new",
    "builder",
    // The runtime's, for the generated crate and the runtime's tests.
    "with_defaults",
    "connect_clients_kept",
    "base_url",
    "retry_policy",
    "execute",
    "http_client_for",
    "clone",
    "fmt",
    "eq",
    "into",
    "from",
    "to_owned",
    "to_string",
    "default",
];

/// Methods and fields of every request builder; a parameter by one of these names gets a
/// suffix on its setter.
pub const BUILDER_METHODS: &[&str] = &[
    // Methods of every builder.
    "send",
    "send_with_response",
    "timeout",
    "connect_timeout",
    "max_retries",
    "deadline",
    "options",
    "header",
    "stream",
    "clone",
    "new",
    // Fields of every builder.
    "client",
    "body",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The public methods of the inherent impls of `type_name` in a Rust file.
    fn methods(source: &str, type_name: &str) -> BTreeSet<String> {
        let file = syn::parse_file(source).expect("parses");
        let mut found = BTreeSet::new();
        for item in &file.items {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            let self_ty = quote::ToTokens::to_token_stream(&block.self_ty).to_string();
            if block.trait_.is_some() || !self_ty.ends_with(type_name) {
                continue;
            }
            for inner in &block.items {
                match inner {
                    syn::ImplItem::Fn(f) if matches!(f.vis, syn::Visibility::Public(_)) => {
                        found.insert(f.sig.ident.to_string());
                    }
                    // The runtime's `request_options!()`: the methods its body defines.
                    syn::ImplItem::Macro(m)
                        if m.mac
                            .path
                            .segments
                            .last()
                            .is_some_and(|s| s.ident == macro_name(REQUEST_OPTIONS_MACRO)) =>
                    {
                        found.extend(request_options_methods());
                    }
                    _ => {}
                }
            }
        }
        found
    }

    /// The public methods `request_options!()` defines, read from its body in the runtime.
    fn request_options_methods() -> Vec<String> {
        let body = runtime_macro_text(
            include_str!("../../runtime/src/builder_options.rs"),
            macro_name(REQUEST_OPTIONS_MACRO),
        );
        let names: Vec<String> = body
            .match_indices("pub fn ")
            .map(|(at, _)| {
                let rest = &body[at + "pub fn ".len()..];
                rest[..rest.find('(').expect("a parameter list")].to_string()
            })
            .collect();
        assert!(names.len() >= 6, "{names:?}");
        names
    }

    #[test]
    fn every_method_the_runtime_gives_client_is_reserved() {
        let runtime = methods(include_str!("../../runtime/src/client.rs"), "Client");
        assert!(runtime.contains("base_url"), "{runtime:?}");
        for method in &runtime {
            assert!(
                CLIENT_METHODS.contains(&method.as_str()),
                "`Client::{method}` is not in reserved::CLIENT_METHODS"
            );
        }
    }

    /// Every kind of builder: without a body (`ping`), with a body and a query parameter
    /// (`createThing`), and paginated (`listThings`, which has `stream`).
    const BUILDERS_SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '204': {description: ok}
  /things:
    post:
      operationId: createThing
      parameters:
        - {name: dry_run, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        '204': {description: ok}
    get:
      operationId: listThings
      parameters:
        - {name: next, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  models: {type: array, items: {type: string}}
                  pagination:
                    type: object
                    properties: {next: {type: string}}
";

    /// The generated file at `path`, or the files under it (`src/operations/`) one after
    /// the other.
    fn generated(path: &str) -> String {
        let files = crate::generate(BUILDERS_SPEC, &crate::Settings::hookdeck("reserved"))
            .expect("generates");
        // Several files read as one: their module docs (`//!`) could not follow items.
        let text: String = files
            .into_iter()
            .filter(|f| f.path == path || f.path.starts_with(path))
            .flat_map(|f| {
                f.contents
                    .lines()
                    .filter(|line| !line.starts_with("//!"))
                    .map(|line| format!("{line}\n"))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(!text.is_empty(), "{path} is generated");
        text
    }

    #[test]
    fn every_method_every_builder_has_is_reserved() {
        let operations = generated("src/operations/");
        let parameters = ["dry_run", "next"];
        for builder in ["PingRequest", "CreateThingRequest", "ListThingsRequest"] {
            let found = methods(&operations, builder);
            assert!(found.contains("send"), "{builder}: {found:?}");
            for method in found.iter().filter(|m| !parameters.contains(&m.as_str())) {
                assert!(
                    BUILDER_METHODS.contains(&method.as_str()),
                    "`{builder}::{method}` is not in reserved::BUILDER_METHODS"
                );
            }
        }
        let paginated = methods(&operations, "ListThingsRequest");
        assert!(paginated.contains("stream"), "{paginated:?}");
    }

    #[test]
    fn every_method_the_emitted_lib_rs_gives_client_is_reserved() {
        let lib = generated("src/lib.rs");
        let found = methods(&lib, "Client");
        assert!(found.contains("new"), "{found:?}");
        for method in &found {
            assert!(
                CLIENT_METHODS.contains(&method.as_str()),
                "`Client::{method}` (lib.rs) is not in reserved::CLIENT_METHODS"
            );
        }
    }

    /// Single-letter generic parameters (`<A: ...`, `, D: ...`) in the code that emits
    /// serde impls and in the runtime's macros: a type by that name would be shadowed.
    #[test]
    fn the_generic_parameters_of_the_serde_code_are_reserved() {
        let sources = [
            ("emit/tagged.rs", include_str!("emit/tagged.rs")),
            ("emit/untagged.rs", include_str!("emit/untagged.rs")),
            (
                "model_serde!",
                runtime_macro_text(include_str!("../../runtime/src/wire.rs"), "model_serde"),
            ),
            (
                "string_enum!",
                runtime_macro_text(
                    include_str!("../../runtime/src/string_enum.rs"),
                    "string_enum",
                ),
            ),
            (
                "sibling_union!",
                runtime_macro_text(
                    include_str!("../../runtime/src/sibling.rs"),
                    "sibling_union",
                ),
            ),
        ];
        // `<X: ` or `, X: `: a one-letter parameter opening a bound.
        let mut found = Vec::new();
        for (name, text) in sources {
            let before = found.len();
            for opener in ["<", ", "] {
                for (at, _) in text.match_indices(opener) {
                    let rest = &text.as_bytes()[at + opener.len()..];
                    if let [letter, b':', b' ', ..] = rest {
                        if letter.is_ascii_uppercase() {
                            found.push((*letter as char).to_string());
                        }
                    }
                }
            }
            // Each source has some, or the scan no longer reads it.
            assert!(
                found.len() > before,
                "no generic parameters found in {name}"
            );
        }
        for parameter in &found {
            assert!(
                TYPE_NAMES.contains(&parameter.as_str()),
                "generic parameter `{parameter}` is not in reserved::TYPE_NAMES"
            );
        }
    }

    #[test]
    fn the_local_items_of_the_serde_impls_are_reserved() {
        // The local items the serde code names: an untagged union's visitor, and the trait
        // the runtime's macro brings into scope.
        let model_serde = include_str!("../../runtime/src/wire.rs");
        let untagged = include_str!("emit/untagged.rs");
        for (source, text, local) in [
            ("untagged.rs", untagged, "struct Visitor"),
            ("wire.rs", model_serde, "SerializeMap"),
        ] {
            assert!(text.contains(local), "{source} no longer uses `{local}`");
            let name = local.trim_start_matches("struct ");
            assert!(TYPE_NAMES.contains(&name), "`{name}` is not reserved");
        }
    }
}
