//! Sibling-discriminated unions (a config named by the `type` beside it): a variant per tag
//! value, decoded from the tag, never guessed from the value's shape. The enum is written
//! out; its impls are one call of the runtime's `sibling_union!` (`runtime/src/sibling.rs`),
//! a line per variant.

use super::docs::{doc_attrs, own_doc, type_docs};
use super::type_expr::{field_tokens, ident, variant_payload, Scope};
use crate::ir::{Api, Sibling, TypeDef, TypeId, TypeKind, TypeRef};
use crate::reserved::{macro_path, SIBLING_UNION_MACRO};
use proc_macro2::TokenStream;
use quote::quote;

/// A sibling-discriminated union: one variant per tag value, plus `Unknown` and
/// `Untagged`, and its `sibling_union!` call.
pub fn item(api: &Api, id: TypeId, def: &TypeDef) -> TokenStream {
    let TypeKind::Sibling(union) = &def.kind else {
        return TokenStream::new();
    };
    let name = ident(&def.name);
    let docs = type_docs(def);
    let how = own_doc(
        "The variant is named by the tag property beside the value in the parent object, so a \
         value can only be paired with the tag it belongs to. Decoding reads the tag and decodes \
         the value as that variant's type; it never guesses from the value's shape.",
    );
    let froms = from_types(api, id, union);
    let mut variants = Vec::new();
    let mut lines = Vec::new();
    for (v, from) in union.variants.iter().zip(froms) {
        let vname = ident(&v.rust_name);
        let tag = &v.tag_value;
        let vdocs = match &v.docs {
            Some(d) => {
                let d = doc_attrs(Some(d));
                let own = own_doc(&format!("\nTag value `{}`.", tag.replace('`', "'")));
                quote!(#d #own)
            }
            None => own_doc(&format!("Tag value `{}`.", tag.replace('`', "'"))),
        };
        let payload = &v.payload;
        let ty = field_tokens(api, &payload.ty, payload.presence, Some(id), Scope::Types);
        variants.push(quote!(#vdocs #vname(#ty),));
        // `sibling_union!` names each presence as `model_serde!`'s field modules do.
        let presence = ident(super::model_serde::presence_module(payload.presence));
        let from = from.map(|ty| quote!(from #ty));
        lines.push(quote!(#vname = #tag #presence #from));
    }
    let unknown_doc =
        own_doc("A tag this version of the SDK does not know, with its value kept as raw JSON.");
    let path = macro_path(SIBLING_UNION_MACRO);
    quote! {
        #docs
        #[doc = ""]
        #how
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            Unknown {
                /// The tag as sent.
                tag: String,
                /// The value as sent, if any.
                value: Option<serde_json::Value>,
            },
            /// A value sent without its tag (the tag left out, or `null`), kept as raw JSON
            /// so that it is sent back as it came.
            Untagged {
                /// Whether the tag was sent as `null` (else it was left out).
                tag_null: bool,
                /// The value as sent.
                value: serde_json::Value,
            },
        }
        #path!(#name, #(#lines),*);
    }
}

/// For each variant, the payload type it converts `From` (so a config converts into its
/// union with `.into()`): a named type no other variant has.
fn from_types(api: &Api, id: TypeId, union: &Sibling) -> Vec<Option<TokenStream>> {
    let payloads: Vec<_> = union.variants.iter().map(|v| &v.payload.ty).collect();
    union
        .variants
        .iter()
        .map(|v| {
            let ty = &v.payload.ty;
            let unique = payloads.iter().filter(|t| **t == ty).count() == 1;
            (unique && matches!(ty, TypeRef::Named(_))).then(|| variant_payload(api, ty, id))
        })
        .collect()
}
