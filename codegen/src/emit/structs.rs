//! Structs: the definition, `new` and the `with_*` setters, `Debug` (redacting secret
//! fields), and `Serialize`/`Deserialize` as one `model_serde!` call
//! ([`super::model_serde`]).

use super::docs::{doc_attrs, doc_or, own_doc, type_docs};
use super::model_serde;
use super::type_expr::{contains_by_value, field_tokens, ident, Scope};
use crate::ir::{Api, Presence, Struct, TypeDef, TypeId, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The struct's items: definition, constructor, setters, `Debug` and serde impls.
pub fn item(api: &Api, id: TypeId, def: &TypeDef, s: &Struct) -> TokenStream {
    let definition = struct_item(api, id, def, s);
    let serde = model_serde::macro_call(def, s);
    quote!(#definition #serde)
}

fn struct_item(api: &Api, id: TypeId, def: &TypeDef, s: &Struct) -> TokenStream {
    let docs = type_docs(def);
    let name = ident(&def.name);
    let defaultable = s.fields.iter().all(|f| f.presence != Presence::Required);
    let default = if defaultable {
        quote!(Default,)
    } else {
        TokenStream::new()
    };
    let fields = s.fields.iter().map(|f| {
        let field_docs = doc_or(
            f.docs.as_deref(),
            &format!("The `{}` property.", f.wire_name.replace('`', "'")),
        );
        let field_name = ident(&f.rust_name);
        let ty = field_tokens(api, &f.ty, f.presence, Some(id), Scope::Types);
        quote!(#field_docs pub #field_name: #ty,)
    });
    let constructor = constructor(api, id, s);
    let setters = setters(api, id, s);
    // A struct that holds a credential writes its own `Debug`, without the value.
    let (debug_derive, debug_impl) = if s.fields.iter().any(|f| f.secret) {
        (TokenStream::new(), redacting_debug(def, s))
    } else {
        (quote!(Debug,), TokenStream::new())
    };
    // `#[non_exhaustive]`: a property the spec adds later is a new field, and that must
    // not break code outside the crate. Such code builds values with `new` (or `default`)
    // and the `with_*` setters instead of struct literals.
    quote! {
        #docs
        #[derive(Clone, #debug_derive PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name { #(#fields)* }
        impl #name {
            #constructor
            #(#setters)*
        }
        #debug_impl
    }
}

/// `Debug` that shows whether each secret field is set (`Some(<redacted>)`), not its value.
fn redacting_debug(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let label = &def.name;
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let shown = crate::names::bare(&f.rust_name);
        let value = match (f.secret, f.presence) {
            (false, _) => quote!(&self.#field),
            (true, Presence::Required) => quote!(&crate::runtime::redact::Redacted),
            (true, Presence::OptionalNullable) => {
                quote!(&crate::runtime::redact::nullable(&self.#field))
            }
            (true, _) => quote!(&self.#field.as_ref().map(|_| crate::runtime::redact::Redacted)),
        };
        quote!(.field(#shown, #value))
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#fields)* .finish()
            }
        }
    }
}

/// `with_<field>(value)` for each field `new` does not take: sets it and returns the value,
/// so that a value is built as `Name::new(..).with_a(..).with_b(..)`.
fn setters(api: &Api, id: TypeId, s: &Struct) -> Vec<TokenStream> {
    s.fields
        .iter()
        .filter(|f| f.presence != Presence::Required)
        .map(|f| {
            let field = ident(&f.rust_name);
            let setter = quote::format_ident!("with_{}", crate::names::bare(&f.rust_name));
            let inner = field_tokens(api, &f.ty, Presence::Required, Some(id), Scope::Types);
            let boxed = contains_by_value(api, &f.ty, id);
            let (arg, value) = if takes_into(&f.ty) && !boxed {
                (quote!(impl Into<#inner>), quote!(value.into()))
            } else {
                (inner, quote!(value))
            };
            let wrapped = match f.presence {
                Presence::OptionalNullable => quote!(crate::Nullable::Value(#value)),
                _ => quote!(Some(#value)),
            };
            // What the field is for, as the field's own docs say it, under what is set.
            let bare = crate::names::bare(&f.rust_name);
            let wire = f.wire_name.replace('`', "'");
            let head = if bare == wire {
                own_doc(&format!("Sets the `{wire}` property."))
            } else {
                own_doc(&format!("Sets `{bare}` (the `{wire}` property)."))
            };
            let doc = match f.docs.as_deref() {
                Some(text) if !text.trim().is_empty() => {
                    let body = doc_attrs(Some(text));
                    quote!(#head #[doc = ""] #body)
                }
                _ => head,
            };
            let inline = super::inline();
            quote! {
                #doc
                #inline
                pub fn #setter(mut self, value: #arg) -> Self { self.#field = #wrapped; self }
            }
        })
        .collect()
}

/// `Name::new(required...)` for structs with required fields, so a value can be built
/// without naming every optional field.
fn constructor(api: &Api, id: TypeId, s: &Struct) -> TokenStream {
    let required: Vec<_> = s
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Required)
        .collect();
    if required.is_empty() {
        return TokenStream::new();
    }
    let args = required.iter().map(|f| {
        let n = ident(&f.rust_name);
        let ty = field_tokens(api, &f.ty, f.presence, Some(id), Scope::Types);
        if takes_into(&f.ty) {
            quote!(#n: impl Into<#ty>)
        } else {
            quote!(#n: #ty)
        }
    });
    let inits = s.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        match f.presence {
            Presence::Required if takes_into(&f.ty) => quote!(#n: #n.into()),
            Presence::Required => quote!(#n),
            _ => quote!(#n: Default::default()),
        }
    });
    let doc = own_doc("A value with the required fields set and every optional field unset.");
    let inline = super::inline();
    // One argument per required property, as the spec has them: clippy's limit is 7.
    let allow = if required.len() > CLIPPY_MAX_ARGUMENTS {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    quote! {
        #doc
        #inline
        #allow
        pub fn new(#(#args),*) -> Self { Self { #(#inits),* } }
    }
}

/// The most arguments clippy's `too_many_arguments` lets a function take by default.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// Whether a constructor argument takes `impl Into<T>`: strings (so `&str` works) and
/// named types; numbers stay plain so integer literals infer.
fn takes_into(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::String | TypeRef::Named(_))
}
