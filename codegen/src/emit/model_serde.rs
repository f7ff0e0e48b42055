//! A struct's `Serialize` and `Deserialize`: one call of the runtime's `model_serde!`
//! (`runtime/src/wire.rs`), a line per field naming its presence, its field and its
//! property name. BENCHMARKS.md has the measurement that chose it over derive and over
//! code written out per struct.

use super::type_expr::ident;
use crate::ir::{Field, Presence, Struct, TypeDef, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `crate::runtime::wire::model_serde!(Name, "a Name object", presence(field, "wire"), ...);`
/// with `Name where "type" = "retry"` for a constant tag, and
/// `sibling_presence(field, "tag", "value")` for a sibling-discriminated pair.
pub fn macro_call(def: &TypeDef, s: &Struct) -> TokenStream {
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
    let path = crate::reserved::macro_path(crate::reserved::MODEL_SERDE_MACRO);
    quote! {
        #path!(#name #tag, #expecting, #(#fields),*);
    }
}

/// The runtime's `wire::field` module for a presence; `sibling_union!` takes the same
/// words for how a variant holds its value.
pub(super) fn presence_module(presence: Presence) -> &'static str {
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
