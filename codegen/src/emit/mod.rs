//! Stage 3: the IR → token streams, one for each piece of Rust source the crate has, and the
//! text of its manifest and README. Reads the IR only: formatting, the API listing and the
//! crate's other files are [`crate::assemble`]'s.

mod crate_files;

/// `#[inline]` for a conversion, constructor, setter or query writer: compiled in the crate
/// that calls it, as a generic function is, rather than in the SDK crate for every user
/// whether or not it is called. About 1,000 one-line functions: 6% of the SDK's release
/// build; the query writers (called only from `send`, itself compiled where it is awaited)
/// and string enums' trait methods, another 2%.
fn inline() -> proc_macro2::TokenStream {
    quote::quote!(#[inline])
}

pub mod contract_calls;
pub mod docs;
mod model_serde;
mod operations;
mod query;
mod reach;
mod sibling;
mod string_enums;
mod structs;
mod tagged;
pub mod type_expr;
mod types;
mod untagged;

use crate::ir::{Api, TypeId, TypeRef};
use crate::settings::Settings;
use proc_macro2::TokenStream;
use std::ops::Range;

pub use crate_files::LIB_RS_COMMENTS;

/// Types per piece: small enough that two cores finish together, large enough that the
/// per-piece overhead stays negligible.
const TYPES_PER_PIECE: usize = 24;

/// A piece of Rust source emitted on its own (and formatted on its own thread: token
/// streams cannot cross threads, so each job builds its own tokens).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Lib,
    /// `operations/mod.rs`, declaring the resources' modules.
    OperationsMod,
    /// One resource's operations, by index in [`Api::resources`].
    Resource(usize),
    /// A run of types, by position in the types sorted by name.
    Types(Range<usize>),
}

/// What every piece is emitted from: the IR and the settings, with what several pieces
/// derive from them.
pub struct Emitter<'a> {
    api: &'a Api,
    settings: &'a Settings,
    default_error: TypeRef,
    query_types: Vec<TypeId>,
    crate_ident: String,
    /// Types in the order of their names, so a type keeps its place in the file whatever
    /// the spec's order, and a new one lands beside its namesakes.
    by_name: Vec<TypeId>,
    reach: reach::Reach,
}

impl<'a> Emitter<'a> {
    pub fn new(api: &'a Api, settings: &'a Settings) -> Self {
        let default_error = default_error_type(api);
        let mut by_name: Vec<TypeId> = (0..api.types.len()).map(TypeId).collect();
        by_name.sort_by(|a, b| api.ty(*a).name.cmp(&api.ty(*b).name));
        let reach = if settings.resource_features {
            reach::Reach::of(api, std::slice::from_ref(&default_error))
        } else {
            reach::Reach::everything(api)
        };
        Emitter {
            api,
            settings,
            query_types: query::query_types(api, &api.operations),
            crate_ident: settings.crate_name.replace('-', "_"),
            default_error,
            by_name,
            reach,
        }
    }

    /// Every piece of the crate's Rust source, in the order [`crate::assemble`] lays them
    /// out: `operations/mod.rs`, `lib.rs`, each resource, then the runs of types.
    pub fn pieces(&self) -> Vec<Piece> {
        let count = self.api.types.len();
        let mut pieces = vec![Piece::OperationsMod, Piece::Lib];
        pieces.extend((0..self.api.resources.len()).map(Piece::Resource));
        // At least one types piece, so that a spec without schemas still gets the module doc.
        pieces.extend(
            (0..count.max(1))
                .step_by(TYPES_PER_PIECE)
                .map(|start| Piece::Types(start..count.min(start + TYPES_PER_PIECE))),
        );
        pieces
    }

    /// `src/lib.rs`.
    pub fn lib_rs(&self) -> TokenStream {
        crate_files::lib_rs(self.api, self.settings, &self.default_error)
    }

    /// `src/operations/mod.rs`.
    pub fn operations_mod(&self) -> TokenStream {
        operations::operations_mod(self.api, self.settings.resource_features)
    }

    /// `src/operations/<module>.rs` of one resource.
    pub fn resource(&self, index: usize) -> TokenStream {
        operations::resource_module(self.api, index, &self.default_error, &self.crate_ident)
    }

    /// The `types` module's doc line, at the start of its first piece.
    pub fn types_header(&self) -> TokenStream {
        types::types_header()
    }

    /// The types of a [`Piece::Types`] run, in order.
    pub fn types_in(&self, range: Range<usize>) -> &[TypeId] {
        &self.by_name[range]
    }

    /// A type's items, and the `#[cfg(..)]` each of them carries (empty when the type is in
    /// every build).
    pub fn type_items(&self, id: TypeId) -> (TokenStream, TokenStream) {
        (
            types::type_items(self.api, &[id], &self.query_types),
            self.reach.cfg(id),
        )
    }

    /// `Cargo.toml`.
    pub fn cargo_toml(&self) -> String {
        crate_files::cargo_toml(self.api, self.settings)
    }

    /// `README.md`, the crate's front page on docs.rs too.
    pub fn readme(&self) -> String {
        crate_files::readme(self.api, self.settings)
    }
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
