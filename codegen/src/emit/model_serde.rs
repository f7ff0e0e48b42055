//! Which shape a struct's serde code takes ([`ModelSerde`]), and the parts of the derive
//! and macro shapes: the derive list, the field attributes, the `model_serde!` call.

use super::struct_visitor;
use super::type_expr::ident;
use crate::ir::{Api, Field, Presence, Struct, TypeDef, TypeId, TypeRef};
use crate::settings::ModelSerde;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The shape for this struct: the chosen one, unless the struct has a wire shape derive
/// cannot express (a sibling-discriminated pair or a constant tag): `model_serde!` then.
pub fn shape(chosen: ModelSerde, s: &Struct) -> ModelSerde {
    let special = s.constant_tag.is_some() || s.fields.iter().any(|f| f.sibling.is_some());
    if special && chosen == ModelSerde::Derive {
        ModelSerde::Macro
    } else {
        chosen
    }
}

/// What the struct derives besides `Clone`, `Debug`, `PartialEq` and `Default`.
pub fn derives(shape: ModelSerde) -> TokenStream {
    match shape {
        ModelSerde::Derive => quote!(serde::Serialize, serde::Deserialize,),
        ModelSerde::WrittenOut | ModelSerde::Macro => TokenStream::new(),
    }
}

/// The `#[serde(...)]` attribute of a field in the derive shape: its property name when
/// that differs from the field's, and its presence rules.
pub fn field_attrs(shape: ModelSerde, f: &Field) -> TokenStream {
    if shape != ModelSerde::Derive {
        return TokenStream::new();
    }
    let mut parts = Vec::new();
    if crate::names::bare(&f.rust_name) != f.wire_name {
        let wire = &f.wire_name;
        parts.push(quote!(rename = #wire));
    }
    match f.presence {
        Presence::Required => {}
        // serde reads a missing `Option` field as `None` by itself, but not one with a
        // `deserialize_with`.
        Presence::RequiredNullable if f.ty == TypeRef::DateTime => parts.push(quote!(default)),
        Presence::RequiredNullable => {}
        Presence::Optional => {
            parts.push(quote!(default, skip_serializing_if = "Option::is_none"));
        }
        Presence::OptionalNullable => {
            parts.push(quote!(
                default,
                skip_serializing_if = "crate::Nullable::is_absent"
            ));
        }
    }
    if f.ty == TypeRef::DateTime {
        let reader = format!(
            "crate::runtime::wire::field::{}::deserialize",
            time_module(f)
        );
        parts.push(quote!(deserialize_with = #reader));
    }
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// The `Serialize` and `Deserialize` impls of the written-out and macro shapes.
pub fn impls(shape: ModelSerde, api: &Api, id: TypeId, def: &TypeDef, s: &Struct) -> TokenStream {
    match shape {
        ModelSerde::WrittenOut => struct_visitor::impls(api, id, def, s),
        ModelSerde::Derive => TokenStream::new(),
        ModelSerde::Macro => macro_call(def, s),
    }
}

/// `crate::runtime::wire::model_serde!(Name, "a Name object", presence(field, "wire"), ...);`
/// with `Name where "type" = "retry"` for a constant tag, and
/// `sibling_presence(field, "tag", "value")` for a sibling-discriminated pair.
fn macro_call(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let expecting = format!("a {} object", def.name);
    let tag = s
        .constant_tag
        .as_ref()
        .map(|(tag, value)| quote!(where #tag = #value));
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if let Some(sibling) = &f.sibling {
            let module = format_ident!("sibling_{}", presence_module(f.presence));
            let (tag, value) = (&sibling.tag_wire, &sibling.value_wire);
            return quote!(#module(#field, #tag, #value));
        }
        let module = if f.ty == TypeRef::DateTime {
            time_module(f)
        } else {
            presence_module(f.presence).to_string()
        };
        let module = format_ident!("{}", module);
        let wire = &f.wire_name;
        quote!(#module(#field, #wire))
    });
    let path: syn::Path =
        syn::parse_str(crate::reserved::MODEL_SERDE_MACRO).expect("the macro's path parses");
    quote! {
        #path!(#name #tag, #expecting, #(#fields),*);
    }
}

/// The runtime's `wire::field` module for a presence.
fn presence_module(presence: Presence) -> &'static str {
    match presence {
        Presence::Required => "required",
        Presence::RequiredNullable => "required_nullable",
        Presence::Optional => "optional",
        Presence::OptionalNullable => "optional_nullable",
    }
}

/// The `wire::field` module of a date-time field, which reads RFC 3339 on a fast path.
fn time_module(f: &Field) -> String {
    format!("{}_time", presence_module(f.presence))
}
