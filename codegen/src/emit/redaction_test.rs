//! A test, emitted into the `types` module, that every type holding a secret field keeps
//! the secret out of its `Debug` output. It decodes, for each such type, the smallest JSON
//! value with every secret field set to a marker, and looks for the marker in `Debug`.
//! Being generated, it covers the types a later spec adds as well.

use super::type_expr::ident;
use crate::ir::{Api, Presence, TypeId, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Map, Value};

/// The marker a secret field is set to.
const MARKER: &str = "s3cr3t-marker";

/// How deep samples of nested required values go before giving up on a type.
const MAX_DEPTH: usize = 12;

pub fn module(api: &Api, ids: &[TypeId]) -> TokenStream {
    let mut checks = Vec::new();
    for &id in ids {
        let TypeKind::Struct(s) = &api.ty(id).kind else {
            continue;
        };
        if !s.fields.iter().any(|f| f.secret) {
            continue;
        }
        let Some(sample) = struct_sample(api, id, true, 0) else {
            continue;
        };
        let name = ident(&api.ty(id).name);
        let json = sample.to_string();
        checks.push(quote!(check::<#name>(#json);));
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[cfg(test)]
        mod secrets_stay_out_of_debug {
            use super::*;

            fn check<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) {
                let value: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
                let shown = format!("{value:?}");
                assert!(!shown.contains(#MARKER), "a secret shows in {shown}");
                assert!(shown.contains("<redacted>"), "no secret is marked in {shown}");
            }

            #[test]
            fn every_type_with_a_secret_field_redacts_it() {
                #(#checks)*
            }
        }
    }
}

/// A struct with its required fields sampled and, when `secrets`, every secret field set.
fn struct_sample(api: &Api, id: TypeId, secrets: bool, depth: usize) -> Option<Value> {
    let TypeKind::Struct(s) = &api.ty(id).kind else {
        return None;
    };
    let mut object = Map::new();
    if let Some((tag, value)) = &s.constant_tag {
        object.insert(tag.clone(), json!(value));
    }
    for field in &s.fields {
        if let Some(sibling) = &field.sibling {
            if !field.presence.is_required() {
                continue;
            }
            let TypeRef::Named(union) = &field.ty else {
                return None;
            };
            let TypeKind::Sibling(union) = &api.ty(*union).kind else {
                return None;
            };
            let variant = union.variants.first()?;
            object.insert(sibling.tag_wire.clone(), json!(variant.tag_value));
            if variant.payload.presence.is_required() {
                let payload = sample(api, &variant.payload.ty, depth + 1)?;
                object.insert(sibling.value_wire.clone(), payload);
            }
            continue;
        }
        let value = if field.secret && secrets {
            match field.ty {
                TypeRef::String => json!(MARKER),
                _ => sample(api, &field.ty, depth + 1)?,
            }
        } else if field.presence == Presence::Required {
            sample(api, &field.ty, depth + 1)?
        } else {
            continue;
        };
        object.insert(field.wire_name.clone(), value);
    }
    Some(Value::Object(object))
}

/// The simplest JSON value of a type.
fn sample(api: &Api, ty: &TypeRef, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match ty {
        TypeRef::String => json!("x"),
        TypeRef::Bool => json!(false),
        TypeRef::Int(_) => json!(0),
        TypeRef::Number => json!(0.0),
        TypeRef::DateTime => json!("2024-01-01T00:00:00Z"),
        TypeRef::Json | TypeRef::JsonObject | TypeRef::Map(_) => json!({}),
        TypeRef::Array(_) => json!([]),
        TypeRef::Nullable(_) => Value::Null,
        TypeRef::FixedArray(inner, n) => {
            let item = sample(api, inner, depth + 1)?;
            Value::Array(vec![item; *n])
        }
        TypeRef::OneOrMany(inner) | TypeRef::OneOrPair(inner) => sample(api, inner, depth + 1)?,
        TypeRef::Named(id) => match &api.ty(*id).kind {
            TypeKind::Struct(_) => struct_sample(api, *id, false, depth + 1)?,
            TypeKind::StringEnum(e) => json!(e.variants.first()?.value),
            TypeKind::Alias(inner) => sample(api, inner, depth + 1)?,
            TypeKind::Untagged(u) => sample(api, &u.variants.first()?.ty, depth + 1)?,
            TypeKind::Tagged(t) => struct_sample(api, t.variants.first()?.ty, false, depth + 1)?,
            // Only ever a field beside its tag, handled by the struct.
            TypeKind::Sibling(_) => return None,
        },
    })
}
