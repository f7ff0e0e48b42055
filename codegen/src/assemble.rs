//! Stage 4: the emitted pieces → the crate's files. Formats each piece of Rust source
//! ([`crate::format`]), reads its public items for the API listing ([`crate::surface`]),
//! and adds what is not emitted from the IR: the runtime's sources, the licences and the
//! listing itself. Pieces are formatted in parallel; the output does not depend on it.

use crate::emit::{Emitter, Piece, LIB_RS_COMMENTS};
use crate::error::Error;
use crate::format;
use crate::ir::Api;
use crate::settings::Settings;
use crate::surface::{extract, Item, Surface, LISTING_PATH};
use crate::{GeneratedCrate, GeneratedFile};

/// The runtime files every generated crate carries, copied from the `runtime` crate's
/// sources (its tests live in its own `tests/`, so none are copied).
const RUNTIME: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/src/lib.rs")),
    (
        "builder_options.rs",
        include_str!("../../runtime/src/builder_options.rs"),
    ),
    ("client.rs", include_str!("../../runtime/src/client.rs")),
    ("error.rs", include_str!("../../runtime/src/error.rs")),
    ("hooks.rs", include_str!("../../runtime/src/hooks.rs")),
    ("mock.rs", include_str!("../../runtime/src/mock.rs")),
    ("nullable.rs", include_str!("../../runtime/src/nullable.rs")),
    (
        "one_or_many.rs",
        include_str!("../../runtime/src/one_or_many.rs"),
    ),
    (
        "operation.rs",
        include_str!("../../runtime/src/operation.rs"),
    ),
    ("paginate.rs", include_str!("../../runtime/src/paginate.rs")),
    ("path.rs", include_str!("../../runtime/src/path.rs")),
    ("query.rs", include_str!("../../runtime/src/query.rs")),
    ("redact.rs", include_str!("../../runtime/src/redact.rs")),
    ("response.rs", include_str!("../../runtime/src/response.rs")),
    ("retry.rs", include_str!("../../runtime/src/retry.rs")),
    ("sibling.rs", include_str!("../../runtime/src/sibling.rs")),
    (
        "string_enum.rs",
        include_str!("../../runtime/src/string_enum.rs"),
    ),
    (
        "telemetry.rs",
        include_str!("../../runtime/src/telemetry.rs"),
    ),
    ("wire.rs", include_str!("../../runtime/src/wire.rs")),
];

/// The runtime's webhook verification, copied only for an API with a webhook scheme
/// (settings' `webhooks`); `mod.rs` declares it on a line of its own.
const WEBHOOKS_RUNTIME: (&str, &str) =
    ("webhooks.rs", include_str!("../../runtime/src/webhooks.rs"));
const WEBHOOKS_MOD: &str = "#[cfg(feature = \"webhooks\")]\npub mod webhooks;\n";

const LISTING_HEADER: &str = "\
# The crate's public API, one item per line, sorted by path. A change to this file is a
# change to the published API: `cargo xtask codegen` prints what it means for semver.
";

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

/// The runtime's items for the API listing. The runtime's files are copied as they are and
/// depend on nothing in the spec, so [`crate::generate_crate`] reads them while the spec
/// is loaded and lowered.
pub fn runtime_items(settings: &Settings) -> Result<Vec<Item>, Error> {
    let mut parsed = Vec::new();
    for (name, contents) in runtime_files(settings) {
        let file = syn::parse_file(&contents).map_err(|e| {
            Error::new(
                "",
                format!("internal: runtime `{name}` does not parse: {e}"),
            )
        })?;
        parsed.push((name, file));
    }
    // A module the runtime declares behind a feature (`#[cfg(feature = "test-util")] pub
    // mod mock;`) has its items in that feature's builds only.
    let mut declared: Vec<(String, Vec<String>)> = Vec::new();
    if let Some((_, root)) = parsed.iter().find(|(name, _)| *name == "mod.rs") {
        for item in &root.items {
            if let syn::Item::Mod(module) = item {
                if let Some(features) = crate::surface::cfg_features(&module.attrs) {
                    declared.push((module.ident.to_string(), features));
                }
            }
        }
    }
    let mut items = Vec::new();
    for (name, file) in &parsed {
        let stem = name.strip_suffix(".rs").unwrap_or(name);
        let module = match stem {
            "mod" => "runtime".to_string(),
            stem => format!("runtime::{stem}"),
        };
        let before = items.len();
        extract::items(file, &module, &mut items);
        if let Some((_, features)) = declared.iter().find(|(declared, _)| declared == stem) {
            for item in &mut items[before..] {
                item.features.get_or_insert_with(|| features.clone());
            }
        }
    }
    Ok(items)
}

/// The generated crate for the API.
pub fn assemble(api: &Api, settings: &Settings) -> Result<GeneratedCrate, Error> {
    assemble_with_runtime(api, settings, runtime_items(settings)?)
}

/// [`assemble`], given the runtime's items.
pub fn assemble_with_runtime(
    api: &Api,
    settings: &Settings,
    runtime: Vec<Item>,
) -> Result<GeneratedCrate, Error> {
    let emitter = Emitter::new(api, settings);
    let pieces = emitter.pieces();
    // Each piece is parsed once: printed, and read for the public API listing.
    let outputs = crate::parallel::map(&pieces, |piece| {
        format_piece(&emitter, api, settings, piece)
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
    // quote drops comments: they go in before the line they explain.
    for (line, comment) in LIB_RS_COMMENTS {
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
            contents: format::text_file(&emitter.cargo_toml(), "#"),
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: lib,
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: format::markdown_file(&emitter.readme()),
        },
        GeneratedFile {
            path: "LICENSE-MIT".into(),
            // Licence texts word for word: no generated-file line in them.
            contents: include_str!("../templates/LICENSE-MIT").to_string(),
        },
        GeneratedFile {
            path: "LICENSE-APACHE".into(),
            contents: include_str!("../templates/LICENSE-APACHE").to_string(),
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
    Ok(GeneratedCrate {
        files,
        surface,
        warnings: api.warnings.clone(),
    })
}

/// The contract tests' files (`tests/src/every_operation.rs`, `every_schema.rs`), formatted.
pub fn contract_calls(api: &Api, settings: &Settings) -> Result<Vec<GeneratedFile>, Error> {
    use crate::emit::contract_calls::{file, schemas_file, PATH, SCHEMAS_PATH};
    let mut files = Vec::new();
    for (path, tokens) in [
        (PATH, file(api, &settings.crate_name)?),
        (SCHEMAS_PATH, schemas_file(api, &settings.crate_name)?),
    ] {
        let parsed = format::parse(path, tokens)?;
        files.push(GeneratedFile {
            path: path.to_string(),
            contents: format::rust_file(&parsed),
        });
    }
    Ok(files)
}

/// One piece, formatted, with its public items.
fn format_piece(
    emitter: &Emitter<'_>,
    api: &Api,
    settings: &Settings,
    piece: &Piece,
) -> Result<(String, Vec<Item>), Error> {
    let mut items = Vec::new();
    let text = match piece {
        Piece::Lib => {
            let file = format::parse("src/lib.rs", emitter.lib_rs())?;
            extract::items(&file, "", &mut items);
            format::rust_file(&file)
        }
        Piece::OperationsMod => {
            let file = format::parse("src/operations/mod.rs", emitter.operations_mod())?;
            format::rust_file(&file)
        }
        Piece::Resource(index) => {
            let resource = &api.resources[*index];
            let path = format!("src/operations/{}.rs", resource.module);
            let file = format::parse(&path, emitter.resource(*index))?;
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
                0 => emitter.types_header(),
                _ => proc_macro2::TokenStream::new(),
            };
            let mut file = format::parse("src/types.rs", header)?;
            for &id in emitter.types_in(range.clone()) {
                let (tokens, cfg) = emitter.type_items(id);
                let part = format::parse("src/types.rs", tokens)?;
                for mut item in part.items {
                    if !cfg.is_empty() {
                        format::add_attributes(&mut item, cfg.clone())?;
                    }
                    file.items.push(item);
                }
            }
            extract::items(&file, "types", &mut items);
            format::print(&file)
        }
    };
    Ok((text, items))
}
