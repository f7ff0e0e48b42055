//! The `types` module: one Rust type per [`TypeDef`].

use super::docs::{doc_or, own_doc, type_fallback};
use super::serde_impls;
use super::type_expr::{contains_by_value, field_tokens, ident, type_tokens, Scope};
use crate::ir::{Api, Presence, StringEnum, Struct, TypeDef, TypeId, TypeKind, TypeRef, Untagged};
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
        let item = type_item(api, id, def);
        let query = if query_types.contains(&id) {
            super::query::query_impl(def)
        } else {
            TokenStream::new()
        };
        quote!(#item #query)
    });
    quote!(#(#items)*)
}

fn type_item(api: &Api, id: TypeId, def: &TypeDef) -> TokenStream {
    let docs = type_docs(def);
    let name = ident(&def.name);
    match &def.kind {
        // Written out rather than derived: one `visit_map` per struct compiles to less
        // than serde's derive (no field enum, no sequence form) and handles the wire
        // shapes derive cannot (sibling pairs, constant tags).
        TypeKind::Struct(s) => {
            let body = struct_item(api, id, def, s);
            let impls = serde_impls::struct_serde(api, id, def, s);
            quote!(#body #impls)
        }
        TypeKind::StringEnum(e) => string_enum(&name, docs, e),
        TypeKind::Untagged(u) => untagged(api, id, &name, docs, u),
        TypeKind::Tagged(_) => serde_impls::tagged(api, id, def),
        TypeKind::Sibling(_) => serde_impls::sibling(api, id, def),
        TypeKind::Alias(target) => {
            let target = type_tokens(api, target, Scope::Types);
            quote!(#docs pub type #name = #target;)
        }
    }
}

pub fn type_docs(def: &TypeDef) -> TokenStream {
    doc_or(def.docs.as_deref(), &type_fallback(&def.name, &def.pointer))
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
            let doc = own_doc(&format!(
                "Sets `{}` (the `{}` property).",
                crate::names::bare(&f.rust_name),
                f.wire_name.replace('`', "'")
            ));
            quote! {
                #doc
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
    quote! {
        #doc
        #[allow(clippy::too_many_arguments)]
        pub fn new(#(#args),*) -> Self { Self { #(#inits),* } }
    }
}

/// Whether a constructor argument takes `impl Into<T>`: strings (so `&str` works) and
/// named types; numbers stay plain so integer literals infer.
fn takes_into(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::String | TypeRef::Named(_))
}

fn string_enum(name: &proc_macro2::Ident, docs: TokenStream, e: &StringEnum) -> TokenStream {
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let doc = own_doc(&format!("`{}`", v.value.replace('`', "'")));
        quote!(#doc #vname,)
    });
    let as_str = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let value = &v.value;
        quote!(Self::#vname => #value,)
    });
    let from = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let value = &v.value;
        quote!(#value => Self::#vname,)
    });
    let unknown_doc = own_doc("A value this version of the SDK does not know; kept as sent.");
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            Unknown(String),
        }
        impl #name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self { #(#as_str)* Self::Unknown(value) => value }
            }
            fn from_wire(value: &str) -> Self {
                match value { #(#from)* other => Self::Unknown(other.to_owned()) }
            }
        }
        impl From<&str> for #name {
            fn from(value: &str) -> Self { Self::from_wire(value) }
        }
        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> { Ok(Self::from(value)) }
        }
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::wire::deserialize_str(deserializer, Self::from_wire)
            }
        }
    }
}

fn untagged(
    api: &Api,
    id: TypeId,
    name: &proc_macro2::Ident,
    docs: TokenStream,
    u: &Untagged,
) -> TokenStream {
    let variants = u.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let vdocs = doc_or(
            v.docs.as_deref(),
            &format!("A value of the `{}` shape.", v.rust_name),
        );
        let ty = variant_payload(api, &v.ty, id);
        quote!(#vdocs #vname(#ty),)
    });
    let froms = u.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = type_tokens(api, &v.ty, Scope::Types);
        let boxed = contains_by_value(api, &v.ty, id);
        let wrap = if boxed {
            quote!(Box::new(value))
        } else {
            quote!(value)
        };
        let string_array = TypeRef::Array(Box::new(TypeRef::String));
        let from_str = if v.ty == TypeRef::String {
            quote! {
                impl From<&str> for #name {
                    fn from(value: &str) -> Self { Self::#vname(value.to_owned()) }
                }
            }
        } else if v.ty == string_array {
            quote! {
                impl From<Vec<&str>> for #name {
                    fn from(values: Vec<&str>) -> Self { Self::#vname(values.into_iter().map(str::to_owned).collect()) }
                }
            }
        } else {
            TokenStream::new()
        };
        quote! {
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self { Self::#vname(#wrap) }
            }
            #from_str
        }
    });
    let (order, derive, deserialize) = match serde_impls::untagged_by_kind(api, id, name, u) {
        Some(impl_) => (
            own_doc(
                "Decoding picks the variant from the kind of JSON value (string, number, ...).",
            ),
            quote!(serde::Serialize),
            impl_,
        ),
        None => (
            own_doc("Decoding tries the variants in the order listed, most specific first."),
            quote!(serde::Serialize, serde::Deserialize),
            TokenStream::new(),
        ),
    };
    quote! {
        #docs
        #[doc = ""]
        #order
        #[derive(Clone, Debug, PartialEq, #derive)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name { #(#variants)* }
        #deserialize
        #(#froms)*
    }
}

/// A variant payload, boxed when the enum would otherwise contain itself.
pub fn variant_payload(api: &Api, ty: &TypeRef, owner: TypeId) -> TokenStream {
    let tokens = type_tokens(api, ty, Scope::Types);
    if contains_by_value(api, ty, owner) {
        quote!(Box<#tokens>)
    } else {
        tokens
    }
}
