//! Type expressions: [`TypeRef`] → Rust type tokens, and the field types that wrap them
//! according to [`Presence`].

use crate::ir::{Api, IntKind, Presence, TypeId, TypeKind, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Where the tokens will live: inside `types` names are bare, elsewhere `crate::types::`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Types,
    Crate,
}

pub fn type_tokens(api: &Api, ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Int(kind) => match kind {
            IntKind::I32 => quote!(i32),
            IntKind::I64 => quote!(i64),
            IntKind::U8 => quote!(u8),
            IntKind::U16 => quote!(u16),
            IntKind::U32 => quote!(u32),
            IntKind::U64 => quote!(u64),
        },
        TypeRef::Number => quote!(f64),
        TypeRef::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        TypeRef::Named(id) => {
            let name = ident(&api.ty(*id).name);
            match scope {
                Scope::Types => quote!(#name),
                Scope::Crate => quote!(crate::types::#name),
            }
        }
        TypeRef::Array(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(Vec<#inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(Option<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::OneOrMany(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(crate::OneOrMany<#inner>)
        }
        TypeRef::OneOrPair(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(crate::OneOrPair<#inner>)
        }
    }
}

/// The field type for a value with this presence: `T`, `Option<T>` or `Nullable<T>`,
/// boxing `T` when it would otherwise contain itself.
pub fn field_tokens(
    api: &Api,
    ty: &TypeRef,
    presence: Presence,
    owner: Option<TypeId>,
    scope: Scope,
) -> TokenStream {
    let mut inner = type_tokens(api, ty, scope);
    if owner.is_some_and(|owner| contains_by_value(api, ty, owner)) {
        inner = quote!(Box<#inner>);
    }
    match presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional => quote!(Option<#inner>),
        Presence::OptionalNullable => quote!(crate::Nullable<#inner>),
    }
}

/// Whether a value of `ty` holds a `target` inline (not behind a `Vec` or map), which
/// would make `target` infinitely large without a `Box`.
pub fn contains_by_value(api: &Api, ty: &TypeRef, target: TypeId) -> bool {
    let mut seen = Vec::new();
    reaches(api, ty, target, &mut seen)
}

fn reaches(api: &Api, ty: &TypeRef, target: TypeId, seen: &mut Vec<TypeId>) -> bool {
    let id = match ty {
        TypeRef::Named(id) => *id,
        TypeRef::OneOrPair(inner) | TypeRef::OneOrMany(inner) => {
            return reaches(api, inner, target, seen)
        }
        _ => return false,
    };
    if id == target {
        return true;
    }
    if seen.contains(&id) {
        return false;
    }
    seen.push(id);
    match &api.ty(id).kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| reaches(api, &f.ty, target, seen)),
        TypeKind::Untagged(u) => u.variants.iter().any(|v| reaches(api, &v.ty, target, seen)),
        TypeKind::Tagged(t) => t
            .variants
            .iter()
            .any(|v| reaches(api, &TypeRef::Named(v.ty), target, seen)),
        TypeKind::Sibling(s) => s
            .variants
            .iter()
            .map(|v| &v.payload)
            .any(|p| reaches(api, &p.ty, target, seen)),
        TypeKind::Alias(inner) => reaches(api, inner, target, seen),
        TypeKind::StringEnum(_) => false,
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
