//! Stage 3: the IR → the files of the crate. Reads the IR only.

mod crate_files;

/// `#[inline]` for a one-line conversion, constructor or setter: compiled in the crate that
/// calls it, as a generic function is, rather than in the SDK crate for every user whether
/// or not it is called. About 1,000 such functions: 6% of the SDK's release build.
fn inline() -> proc_macro2::TokenStream {
    quote::quote!(#[inline])
}

pub mod contract_calls;
pub mod docs;
mod model_serde;
mod operations;
mod parallel;
mod query;
mod reach;
mod redaction_test;
mod sibling;
mod string_enums;
mod struct_visitor;
mod structs;
mod tagged;
pub mod type_expr;
mod types;
mod untagged;

use crate::error::Error;
use crate::format;
use crate::ir::{Api, TypeId, TypeRef};
use crate::settings::Settings;
use crate::surface::{extract, Item, Surface, LISTING_PATH};
use crate::{GeneratedCrate, GeneratedFile};
use std::ops::Range;

/// The runtime files every generated crate carries, copied from the `runtime` crate's
/// sources (its tests live in its own `tests/`, so none are copied).
const RUNTIME: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../../runtime/src/lib.rs")),
    ("client.rs", include_str!("../../../runtime/src/client.rs")),
    ("error.rs", include_str!("../../../runtime/src/error.rs")),
    ("hooks.rs", include_str!("../../../runtime/src/hooks.rs")),
    ("mock.rs", include_str!("../../../runtime/src/mock.rs")),
    (
        "nullable.rs",
        include_str!("../../../runtime/src/nullable.rs"),
    ),
    (
        "one_or_many.rs",
        include_str!("../../../runtime/src/one_or_many.rs"),
    ),
    (
        "paginate.rs",
        include_str!("../../../runtime/src/paginate.rs"),
    ),
    ("path.rs", include_str!("../../../runtime/src/path.rs")),
    ("query.rs", include_str!("../../../runtime/src/query.rs")),
    ("redact.rs", include_str!("../../../runtime/src/redact.rs")),
    (
        "response.rs",
        include_str!("../../../runtime/src/response.rs"),
    ),
    ("retry.rs", include_str!("../../../runtime/src/retry.rs")),
    (
        "sibling.rs",
        include_str!("../../../runtime/src/sibling.rs"),
    ),
    (
        "telemetry.rs",
        include_str!("../../../runtime/src/telemetry.rs"),
    ),
    ("wire.rs", include_str!("../../../runtime/src/wire.rs")),
];

/// The runtime's webhook verification, copied only for an API with a webhook scheme
/// (settings' `webhooks`); `mod.rs` declares it on a line of its own.
const WEBHOOKS_RUNTIME: (&str, &str) = (
    "webhooks.rs",
    include_str!("../../../runtime/src/webhooks.rs"),
);
const WEBHOOKS_MOD: &str = "#[cfg(feature = \"webhooks\")]\npub mod webhooks;\n";

/// The runtime files of this crate, `__CRATE__` replaced by its ident: [`RUNTIME`], and the
/// webhooks module when the settings have a webhook scheme.
fn runtime_files(settings: &Settings) -> Vec<(&'static str, String)> {
    let crate_ident = settings.crate_name.replace('-', "_");
    let mut files: Vec<(&'static str, String)> = RUNTIME
        .iter()
        .map(|(name, contents)| (*name, contents.replace("__CRATE__", &crate_ident)))
        .collect();
    if settings.webhooks.is_some() {
        let (name, contents) = WEBHOOKS_RUNTIME;
        files.push((name, contents.replace("__CRATE__", &crate_ident)));
    } else if let Some((_, module)) = files.iter_mut().find(|(name, _)| *name == "mod.rs") {
        *module = module.replacen(WEBHOOKS_MOD, "", 1);
    }
    files
}

/// Types per formatting job: small enough that two cores finish together, large enough
/// that the per-job overhead stays negligible.
const TYPES_PER_JOB: usize = 24;

/// A piece of Rust source that is emitted and formatted on its own thread. Token streams
/// cannot cross threads, so each job builds its own tokens and returns formatted text.
enum Piece {
    Lib,
    /// `operations/mod.rs`, declaring the resources' modules.
    OperationsMod,
    /// One resource's operations, by index in [`Api::resources`].
    Resource(usize),
    /// A run of types, by position in [`Api::types`] sorted by name.
    Types(Range<usize>),
    /// The `types` module's tests, after the types.
    TypesTests,
}

/// The generated crate for the API.
pub fn emit(api: &Api, settings: &Settings) -> Result<GeneratedCrate, Error> {
    emit_with_runtime(api, settings, runtime_items(settings)?)
}

/// The runtime's items for the API listing. The runtime's files are copied as they are and
/// depend on nothing in the spec, so [`crate::generate_crate`] reads them while the spec
/// is loaded and lowered.
pub fn runtime_items(settings: &Settings) -> Result<Vec<Item>, Error> {
    let mut items = Vec::new();
    for (name, contents) in runtime_files(settings) {
        let file = syn::parse_file(&contents).map_err(|e| {
            Error::new(
                "",
                format!("internal: runtime `{name}` does not parse: {e}"),
            )
        })?;
        let module = match name.strip_suffix(".rs") {
            Some("mod") | None => "runtime".to_string(),
            Some(stem) => format!("runtime::{stem}"),
        };
        extract::items(&file, &module, &mut items);
    }
    Ok(items)
}

/// [`emit`], given the runtime's items.
pub fn emit_with_runtime(
    api: &Api,
    settings: &Settings,
    runtime: Vec<Item>,
) -> Result<GeneratedCrate, Error> {
    let default_error = default_error_type(api);
    let query_types = query::query_types(api, &api.operations);
    let crate_ident = settings.crate_name.replace('-', "_");
    // Types are written in the order of their names, so a type keeps its place in the
    // file whatever the spec's order, and a new one lands beside its namesakes.
    let mut by_name: Vec<TypeId> = (0..api.types.len()).map(TypeId).collect();
    by_name.sort_by(|a, b| api.ty(*a).name.cmp(&api.ty(*b).name));

    let reach = if settings.resource_features {
        reach::Reach::of(api, std::slice::from_ref(&default_error))
    } else {
        reach::Reach::everything(api)
    };
    let mut pieces = vec![Piece::OperationsMod, Piece::Lib];
    pieces.extend((0..api.resources.len()).map(Piece::Resource));
    // At least one types piece, so that a spec without schemas still gets the module doc.
    pieces.extend(
        (0..api.types.len().max(1))
            .step_by(TYPES_PER_JOB)
            .map(|start| Piece::Types(start..api.types.len().min(start + TYPES_PER_JOB))),
    );
    pieces.push(Piece::TypesTests);
    // Each piece is parsed once: printed, and read for the public API listing.
    let outputs = parallel::map(&pieces, |piece| -> Result<(String, Vec<Item>), Error> {
        let mut items = Vec::new();
        let text = match piece {
            Piece::Lib => {
                let file = format::parse(
                    "src/lib.rs",
                    crate_files::lib_rs(api, settings, &default_error),
                )?;
                extract::items(&file, "", &mut items);
                format::rust_file(&file)
            }
            Piece::OperationsMod => {
                let tokens = operations::operations_mod(api, settings.resource_features);
                let file = format::parse("src/operations/mod.rs", tokens)?;
                format::rust_file(&file)
            }
            Piece::Resource(index) => {
                let resource = &api.resources[*index];
                let path = format!("src/operations/{}.rs", resource.module);
                let tokens = operations::resource_module(api, *index, &default_error, &crate_ident);
                let file = format::parse(&path, tokens)?;
                // Paths as users write them: the module is re-exported into `operations`.
                extract::items(&file, "operations", &mut items);
                if settings.resource_features {
                    for item in &mut items {
                        item.features = Some(vec![resource.feature.clone()]);
                    }
                }
                format::rust_file(&file)
            }
            Piece::Types(range) => {
                let header = match range.start {
                    0 => types::types_header(),
                    _ => proc_macro2::TokenStream::new(),
                };
                let mut file = format::parse("src/types.rs", header)?;
                for &id in &by_name[range.clone()] {
                    let tokens = types::type_items(api, &[id], &query_types, settings.model_serde);
                    let part = format::parse("src/types.rs", tokens)?;
                    let cfg = reach.cfg(id);
                    for mut item in part.items {
                        if let (false, Some(attrs)) = (cfg.is_empty(), item_attrs(&mut item)) {
                            // syn's types are not Clone here: each item parses its own copy.
                            let parsed = syn::parse::Parser::parse2(
                                syn::Attribute::parse_outer,
                                cfg.clone(),
                            )
                            .map_err(|e| {
                                Error::new("", format!("internal: a cfg does not parse: {e}"))
                            })?;
                            attrs.splice(0..0, parsed);
                        }
                        file.items.push(item);
                    }
                }
                extract::items(&file, "types", &mut items);
                format::print(&file)
            }
            Piece::TypesTests => {
                let file = format::parse("src/types.rs", redaction_test::module(api, &by_name))?;
                format::print(&file)
            }
        };
        Ok((text, items))
    });

    let mut api_items = runtime;
    let mut texts = Vec::new();
    for output in outputs {
        let (text, items) = output?;
        api_items.extend(items);
        texts.push(text);
    }
    let mut texts = texts.into_iter();
    let mut next = || texts.next().expect("one text per piece");
    let operations_mod = next();
    let mut lib = next();
    let resource_files: Vec<GeneratedFile> = api
        .resources
        .iter()
        .map(|resource| GeneratedFile {
            path: format!("src/operations/{}.rs", resource.module),
            contents: next(),
        })
        .collect();
    for (line, comment) in crate_files::LIB_RS_COMMENTS {
        lib = lib.replacen(line, &format!("{comment}\n{line}"), 1);
    }
    let mut types = String::new();
    for text in texts {
        types.push_str(&text);
    }
    let types = format!("{}\n\n{}", format::PREAMBLE, format::space_items(&types));

    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: crate_files::cargo_toml(api, settings),
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: lib,
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: crate_files::readme(api, settings),
        },
        GeneratedFile {
            path: "LICENSE-MIT".into(),
            contents: format::text_file(include_str!("../../templates/LICENSE-MIT"), "//"),
        },
        GeneratedFile {
            path: "LICENSE-APACHE".into(),
            contents: format::text_file(include_str!("../../templates/LICENSE-APACHE"), "//"),
        },
        GeneratedFile {
            path: "src/types.rs".into(),
            contents: types,
        },
        GeneratedFile {
            path: "src/operations/mod.rs".into(),
            contents: operations_mod,
        },
    ];
    files.extend(resource_files);
    // The runtime's doc examples name the crate `__CRATE__`.
    for (name, contents) in runtime_files(settings) {
        files.push(GeneratedFile {
            path: format!("src/runtime/{name}"),
            contents: format::text_file(&contents, "//"),
        });
    }
    // The public API, read from the syntax just printed, is listed beside it.
    let surface = Surface::of_items(api_items);
    files.push(GeneratedFile {
        path: LISTING_PATH.into(),
        contents: format::text_file(&format!("{LISTING_HEADER}{}", surface.listing()), "#"),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(GeneratedCrate { files, surface })
}

/// The attributes of an item that can carry a `#[cfg]`.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item;
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

const LISTING_HEADER: &str = "\
# The crate's public API, one item per line, sorted by path. A change to this file is a
# change to the published API: `cargo xtask codegen` prints what it means for semver.
";

/// The error body most operations declare; `crate::Error` defaults to it.
fn default_error_type(api: &Api) -> TypeRef {
    let mut counts: Vec<(&TypeRef, usize)> = Vec::new();
    for op in &api.operations {
        match counts.iter_mut().find(|(t, _)| *t == &op.error_type) {
            Some((_, n)) => *n += 1,
            None => counts.push((&op.error_type, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(t, _)| t.clone())
        .unwrap_or(TypeRef::Json)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_auth_is_what_the_spec_offers() {
        let spec = |schemes: &str| {
            format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n\
                 components:\n  securitySchemes:\n{schemes}"
            )
        };
        let lib = |text: String| {
            crate::generate(&text, &crate::Settings::hookdeck("auth-api"))
                .unwrap()
                .into_iter()
                .find(|f| f.path == "src/lib.rs")
                .unwrap()
                .contents
        };
        let basic = "    b: {type: http, scheme: basic}\n";
        let bearer = "    t: {type: http, scheme: bearer}\n";
        assert!(lib(spec(basic)).contains("DefaultAuth::BasicWithKey"));
        assert!(lib(spec(&format!("{basic}{bearer}"))).contains("DefaultAuth::Bearer"));
        assert!(lib(spec(bearer)).contains("DefaultAuth::Bearer"));
    }

    #[test]
    fn a_spec_without_schemas_still_gets_a_documented_types_module() {
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        '204': {description: ok}\n";
        let files = crate::generate(spec, &crate::Settings::hookdeck("empty-api")).unwrap();
        let types = files.iter().find(|f| f.path == "src/types.rs").unwrap();
        assert!(
            types.contents.starts_with(&format!(
                "{}\n\n//! The API's data types",
                crate::format::PREAMBLE
            )),
            "{}",
            types.contents
        );
    }
}
