//! Stage 3: the IR → the files of the crate. Reads the IR only.

mod crate_files;
pub mod docs;
mod operations;
mod query;
mod serde_impls;
pub mod type_expr;
mod types;

use crate::error::Error;
use crate::format;
use crate::ir::{Api, TypeRef};
use crate::settings::Settings;
use crate::GeneratedFile;

/// The runtime files every generated crate carries, copied from `codegen/runtime/`.
const RUNTIME: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("nullable.rs", include_str!("../../runtime/nullable.rs")),
    (
        "one_or_many.rs",
        include_str!("../../runtime/one_or_many.rs"),
    ),
    ("paginate.rs", include_str!("../../runtime/paginate.rs")),
    ("path.rs", include_str!("../../runtime/path.rs")),
    ("query.rs", include_str!("../../runtime/query.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("sibling.rs", include_str!("../../runtime/sibling.rs")),
    ("wire.rs", include_str!("../../runtime/wire.rs")),
];

pub fn emit(api: &Api, settings: &Settings) -> Result<Vec<GeneratedFile>, Error> {
    let default_error = default_error_type(api);
    let query_types = query::query_types(api, &api.operations);
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: crate_files::cargo_toml(api, settings),
        },
        lib_rs(api, settings, &default_error)?,
        rust("src/types.rs", types::types_module(api, &query_types))?,
        rust(
            "src/operations.rs",
            operations::operations_module(
                api,
                &default_error,
                &settings.crate_name.replace('-', "_"),
            ),
        )?,
    ];
    // The runtime's doc examples name the crate `__CRATE__`.
    let crate_ident = settings.crate_name.replace('-', "_");
    for (name, contents) in RUNTIME {
        let contents = contents.replace("__CRATE__", &crate_ident);
        files.push(GeneratedFile {
            path: format!("src/runtime/{name}"),
            contents: format::text_file(&contents, "//"),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn lib_rs(api: &Api, settings: &Settings, default_error: &TypeRef) -> Result<GeneratedFile, Error> {
    let mut file = rust(
        "src/lib.rs",
        crate_files::lib_rs(api, settings, default_error),
    )?;
    for (line, comment) in crate_files::LIB_RS_COMMENTS {
        file.contents = file
            .contents
            .replacen(line, &format!("{comment}\n{line}"), 1);
    }
    Ok(file)
}

fn rust(path: &str, tokens: proc_macro2::TokenStream) -> Result<GeneratedFile, Error> {
    Ok(GeneratedFile {
        path: path.to_string(),
        contents: format::rust_file(path, tokens)?,
    })
}

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
