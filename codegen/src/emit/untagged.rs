//! Untagged unions: variants tried in order, most specific first, or picked by the kind of
//! JSON value when their kinds all differ; `From` each variant's type.

use super::docs::{doc_or, own_doc};
use super::type_expr::{contains_by_value, ident, type_tokens, variant_payload, Scope};
use crate::ir::{Api, IntKind, TypeId, TypeKind, TypeRef, Untagged};
use proc_macro2::TokenStream;
use quote::quote;

pub fn item(
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
        let inline = super::inline();
        let from_str = if v.ty == TypeRef::String {
            quote! {
                impl From<&str> for #name {
                    #inline
                    fn from(value: &str) -> Self { Self::#vname(value.to_owned()) }
                }
            }
        } else if v.ty == string_array {
            quote! {
                impl From<Vec<&str>> for #name {
                    #inline
                    fn from(values: Vec<&str>) -> Self { Self::#vname(values.into_iter().map(str::to_owned).collect()) }
                }
            }
        } else {
            TokenStream::new()
        };
        quote! {
            impl From<#ty> for #name {
                #inline
                fn from(value: #ty) -> Self { Self::#vname(#wrap) }
            }
            #from_str
        }
    });
    let (order, derive, deserialize) = match untagged_by_kind(api, id, name, u) {
        Some(impl_) => (
            own_doc(
                "Decoding picks the variant from the kind of JSON value (string, number, ...).",
            ),
            quote!(serde::Serialize),
            impl_,
        ),
        None => match untagged_told_apart(api, id, name, u) {
            Some(impl_) => (
                own_doc(
                    "Decoding tries the variants in the order listed, most specific first, \
                     each only when its enum properties hold values it knows.",
                ),
                quote!(serde::Serialize),
                impl_,
            ),
            None => (
                own_doc("Decoding tries the variants in the order listed, most specific first."),
                quote!(serde::Serialize, serde::Deserialize),
                TokenStream::new(),
            ),
        },
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

/// `Deserialize` for an untagged union whose object variants are told apart by an enum
/// property: variants are tried in order as serde's untagged derive does, but one whose
/// property is present with a value it does not know (or absent when it requires it) is
/// skipped, so the property's `Unknown` fallback never picks the wrong variant. `None`
/// when no variant has such a property.
fn untagged_told_apart(
    api: &Api,
    id: TypeId,
    name: &proc_macro2::Ident,
    u: &Untagged,
) -> Option<TokenStream> {
    let property = &u.variants.iter().find_map(|v| v.told_by.as_ref())?.property;
    let attempts = u.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let payload = variant_payload(api, &v.ty, id);
        let attempt = quote! {
            if let Ok(decoded) = <#payload as serde::Deserialize>::deserialize(&value) {
                return Ok(Self::#vname(decoded));
            }
        };
        match &v.told_by {
            Some(told) => {
                let values = &told.values;
                let absent = if told.required {
                    TokenStream::new()
                } else {
                    quote!(| None)
                };
                quote! {
                    if matches!(told, Some(Some(#(#values)|*)) #absent) {
                        #attempt
                    }
                }
            }
            None => attempt,
        }
    });
    let message = format!("data did not match any variant of untagged enum {name}");
    Some(quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let told = value.get(#property).map(serde_json::Value::as_str);
                #(#attempts)*
                Err(serde::de::Error::custom(#message))
            }
        }
    })
}

/// The JSON kind a value of a type always has, when it has one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum JsonKind {
    Bool,
    Integer,
    Number,
    String,
    Array,
    Object,
}

fn json_kind(api: &Api, ty: &TypeRef) -> Option<JsonKind> {
    Some(match ty {
        TypeRef::Bool => JsonKind::Bool,
        TypeRef::Int(_) => JsonKind::Integer,
        TypeRef::Number => JsonKind::Number,
        TypeRef::String | TypeRef::DateTime => JsonKind::String,
        TypeRef::Array(_) => JsonKind::Array,
        TypeRef::JsonObject | TypeRef::Map(_) => JsonKind::Object,
        // `null` or the inner kind: not one JSON kind.
        TypeRef::Nullable(_) => return None,
        TypeRef::Named(id) => match &api.ty(*id).kind {
            TypeKind::Struct(_) | TypeKind::Tagged(_) => JsonKind::Object,
            TypeKind::StringEnum(_) => JsonKind::String,
            TypeKind::Alias(inner) => return json_kind(api, inner),
            _ => return None,
        },
        TypeRef::Json | TypeRef::OneOrMany(_) | TypeRef::OneOrPair(_) => return None,
    })
}

/// The type an alias stands for (through any chain of aliases); other types as they are.
fn unaliased<'a>(api: &'a Api, ty: &'a TypeRef) -> &'a TypeRef {
    match ty {
        TypeRef::Named(id) => match &api.ty(*id).kind {
            TypeKind::Alias(inner) => unaliased(api, inner),
            _ => ty,
        },
        _ => ty,
    }
}

/// `Deserialize` for an untagged union whose variants are all of different JSON kinds
/// (`FilterRuleProperty`: bool, number, string, object): the input's kind picks the
/// variant, with no buffering and no failed attempts. `None` when kinds overlap; serde's
/// untagged derive (try each in order) is used then.
fn untagged_by_kind(
    api: &Api,
    id: TypeId,
    name: &proc_macro2::Ident,
    u: &Untagged,
) -> Option<TokenStream> {
    let kinds: Vec<JsonKind> = u
        .variants
        .iter()
        .map(|v| json_kind(api, &v.ty))
        .collect::<Option<_>>()?;
    for (i, k) in kinds.iter().enumerate() {
        if kinds[i + 1..].contains(k) {
            return None;
        }
    }
    // The variant's name, its type (as written, and with aliases resolved) and whether it
    // is boxed.
    let variant = |kind: JsonKind| {
        let index = kinds.iter().position(|k| *k == kind)?;
        let v = &u.variants[index];
        let boxed = contains_by_value(api, &v.ty, id);
        Some((
            ident(&v.rust_name),
            type_tokens(api, &v.ty, Scope::Types),
            unaliased(api, &v.ty).clone(),
            boxed,
        ))
    };
    let wrap = |boxed: bool, value: TokenStream| {
        if boxed {
            quote!(Box::new(#value))
        } else {
            value
        }
    };
    let mut methods = Vec::new();
    if let Some((vname, _, _, boxed)) = variant(JsonKind::Bool) {
        let value = wrap(boxed, quote!(v));
        methods.push(quote!(fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<#name, E> { Ok(#name::#vname(#value)) }));
    }
    let integer = variant(JsonKind::Integer);
    let number = variant(JsonKind::Number);
    for (method, arg, kind) in [
        (quote!(visit_i64), quote!(i64), IntKind::I64),
        (quote!(visit_u64), quote!(u64), IntKind::U64),
    ] {
        let body = match (&integer, &number) {
            // Already the variant's type: no conversion (clippy's `useless_conversion`).
            (Some((vname, _, resolved, boxed)), _) if *resolved == TypeRef::Int(kind) => {
                let value = wrap(*boxed, quote!(v));
                quote!(Ok(#name::#vname(#value)))
            }
            (Some((vname, ty, _, boxed)), _) => {
                let value = wrap(*boxed, quote!(converted));
                quote! {
                    let converted = <#ty>::try_from(v).map_err(|_| E::custom(format_args!("{v} is out of range")))?;
                    Ok(#name::#vname(#value))
                }
            }
            (None, Some((vname, ty, _, boxed))) => {
                let value = wrap(*boxed, quote!(v as #ty));
                quote!(Ok(#name::#vname(#value)))
            }
            (None, None) => continue,
        };
        methods.push(
            quote!(fn #method<E: serde::de::Error>(self, v: #arg) -> Result<#name, E> { #body }),
        );
    }
    if let Some((vname, ty, resolved, boxed)) = &number {
        // `f64` needs no cast (clippy's `unnecessary_cast`); `f32` does.
        let value = if *resolved == TypeRef::Number {
            wrap(*boxed, quote!(v))
        } else {
            wrap(*boxed, quote!(v as #ty))
        };
        methods.push(quote!(fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<#name, E> { Ok(#name::#vname(#value)) }));
    }
    if let Some((vname, ty, _, boxed)) = variant(JsonKind::String) {
        let value = wrap(
            boxed,
            quote!(<#ty as serde::Deserialize>::deserialize(serde::de::value::StrDeserializer::<E>::new(v))?),
        );
        methods.push(quote!(fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<#name, E> { Ok(#name::#vname(#value)) }));
    }
    if let Some((vname, ty, _, boxed)) = variant(JsonKind::Array) {
        let value = wrap(
            boxed,
            quote!(<#ty as serde::Deserialize>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?),
        );
        methods.push(quote!(fn visit_seq<S: serde::de::SeqAccess<'de>>(self, seq: S) -> Result<#name, S::Error> { Ok(#name::#vname(#value)) }));
    }
    if let Some((vname, ty, _, boxed)) = variant(JsonKind::Object) {
        let value = wrap(
            boxed,
            quote!(<#ty as serde::Deserialize>::deserialize(serde::de::value::MapAccessDeserializer::new(map))?),
        );
        methods.push(quote!(fn visit_map<M: serde::de::MapAccess<'de>>(self, map: M) -> Result<#name, M::Error> { Ok(#name::#vname(#value)) }));
    }
    let expecting = format!("a {name} value");
    Some(quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(#expecting) }
                    #(#methods)*
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    })
}
