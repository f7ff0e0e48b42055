//! Sibling-discriminated unions (a config named by the `type` beside it): a variant per tag
//! value, decoded from the tag, never guessed from the value's shape.

use super::docs::{doc_attrs, own_doc, type_docs};
use super::type_expr::{field_tokens, ident, variant_payload, Scope};
use crate::ir::{Api, Presence, Sibling, TypeDef, TypeId, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// A sibling-discriminated union: one variant per tag value, plus `Unknown`.
pub fn item(api: &Api, id: TypeId, def: &TypeDef) -> TokenStream {
    let TypeKind::Sibling(union) = &def.kind else {
        return TokenStream::new();
    };
    let name = ident(&def.name);
    let docs = type_docs(def);
    let inline = super::inline();
    let how = own_doc(
        "The variant is named by the tag property beside the value in the parent object, so a \
         value can only be paired with the tag it belongs to. Decoding reads the tag and decodes \
         the value as that variant's type; it never guesses from the value's shape.",
    );
    let mut variants = Vec::new();
    let mut tags = Vec::new();
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    let mut absents = Vec::new();
    for v in &union.variants {
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
        tags.push(quote!(Self::#vname(..) => #tag,));
        let payload = &v.payload;
        let ty = field_tokens(api, &payload.ty, payload.presence, Some(id), Scope::Types);
        variants.push(quote!(#vdocs #vname(#ty),));
        writes.push(match payload.presence {
            Presence::Required | Presence::RequiredNullable => {
                quote!(Self::#vname(value) => map.serialize_entry(key, value),)
            }
            Presence::Optional => quote! {
                Self::#vname(Some(value)) => map.serialize_entry(key, value),
                Self::#vname(None) => Ok(()),
            },
            Presence::OptionalNullable => quote! {
                Self::#vname(value) if value.is_absent() => Ok(()),
                Self::#vname(value) => map.serialize_entry(key, value),
            },
        });
        reads.push(quote!(#tag => Self::#vname(serde::Deserialize::deserialize(value)?),));
        absents.push(match payload.presence {
            Presence::Required => quote!(#tag => None,),
            _ => quote!(#tag => Some(Self::#vname(Default::default())),),
        });
    }
    let unknown_doc =
        own_doc("A tag this version of the SDK does not know, with its value kept as raw JSON.");
    let froms = sibling_froms(api, id, &name, union);
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
        impl #name {
            /// The tag value that goes with this variant on the wire (empty for
            /// `Untagged`, which has none).
            #inline
            pub fn tag(&self) -> &str {
                match self { #(#tags)* Self::Unknown { tag, .. } => tag, Self::Untagged { .. } => "" }
            }
        }
        impl crate::runtime::sibling::SiblingUnion for #name {
            #inline
            fn tag(&self) -> &str { #name::tag(self) }
            fn serialize_value<M: serde::ser::SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error> {
                match self {
                    #(#writes)*
                    Self::Unknown { value: Some(value), .. } => map.serialize_entry(key, value),
                    Self::Unknown { value: None, .. } => Ok(()),
                    Self::Untagged { value, .. } => map.serialize_entry(key, value),
                }
            }
            fn decode_value<'de, D: serde::Deserializer<'de>>(tag: &str, value: D) -> Result<Self, D::Error> {
                Ok(match tag {
                    #(#reads)*
                    _ => Self::Unknown { tag: tag.to_owned(), value: Some(<serde_json::Value as serde::Deserialize>::deserialize(value)?) },
                })
            }
            #inline
            fn decode_absent(tag: &str) -> Option<Self> {
                match tag {
                    #(#absents)*
                    _ => Some(Self::Unknown { tag: tag.to_owned(), value: None }),
                }
            }
            #inline
            fn untagged(tag_null: bool, value: serde_json::Value) -> Self {
                Self::Untagged { tag_null, value }
            }
            #inline
            fn untagged_tag(&self) -> Option<bool> {
                match self { Self::Untagged { tag_null, .. } => Some(*tag_null), _ => None }
            }
        }
        #(#froms)*
    }
}

/// `From<Payload>` for each variant whose payload type no other variant has, so a config
/// converts into its union with `.into()`.
fn sibling_froms(
    api: &Api,
    id: TypeId,
    name: &proc_macro2::Ident,
    union: &Sibling,
) -> Vec<TokenStream> {
    let payloads: Vec<_> = union.variants.iter().map(|v| &v.payload.ty).collect();
    union
        .variants
        .iter()
        .filter_map(|v| {
            let payload = &v.payload;
            let unique = payloads.iter().filter(|t| **t == &payload.ty).count() == 1;
            if !unique || !matches!(payload.ty, TypeRef::Named(_)) {
                return None;
            }
            let vname = ident(&v.rust_name);
            let ty = variant_payload(api, &payload.ty, id);
            let wrap = match payload.presence {
                Presence::Required => quote!(value),
                Presence::RequiredNullable | Presence::Optional => quote!(Some(value)),
                Presence::OptionalNullable => quote!(crate::Nullable::Value(value)),
            };
            let inline = super::inline();
            Some(quote! {
                impl From<#ty> for #name {
                    #inline
                    fn from(value: #ty) -> Self { Self::#vname(#wrap) }
                }
            })
        })
        .collect()
}
