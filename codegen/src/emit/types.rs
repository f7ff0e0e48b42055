//! The `types` module: one Rust type per [`TypeDef`], each emitted by the module for its
//! kind ([`super::structs`], [`super::string_enums`], [`super::untagged`],
//! [`super::tagged`], [`super::sibling`]); aliases are written here.

use super::docs::type_docs;
use super::type_expr::{ident, type_tokens, Scope};
use super::{sibling, string_enums, structs, tagged, untagged};
use crate::ir::{Api, TypeDef, TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// The `types` module's own doc line; the items follow, emitted in chunks.
pub fn types_header() -> TokenStream {
    quote! {
        //! The API's data types: one per schema of the spec, plus named inline schemas.
    }
}

/// The items of the types `ids`, in that order.
pub fn type_items(api: &Api, ids: &[TypeId], query_types: &[TypeId]) -> TokenStream {
    let items = ids.iter().map(|&id| {
        let def = api.ty(id);
        let in_query = query_types.contains(&id);
        let item = type_item(api, id, def, in_query);
        // A string enum's `QueryValue` comes with its `string_enum!` call.
        let query = if in_query && !matches!(def.kind, TypeKind::StringEnum(_)) {
            super::query::query_impl(def)
        } else {
            TokenStream::new()
        };
        quote!(#item #query)
    });
    quote!(#(#items)*)
}

fn type_item(api: &Api, id: TypeId, def: &TypeDef, in_query: bool) -> TokenStream {
    let docs = type_docs(def);
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => structs::item(api, id, def, s),
        TypeKind::StringEnum(e) => string_enums::item(&name, docs, e, in_query),
        TypeKind::Untagged(u) => untagged::item(api, id, &name, docs, u),
        TypeKind::Tagged(_) => tagged::item(api, id, def),
        TypeKind::Sibling(_) => sibling::item(api, id, def),
        TypeKind::Alias(target) => {
            let target = type_tokens(api, target, Scope::Types);
            quote!(#docs pub type #name = #target;)
        }
    }
}
