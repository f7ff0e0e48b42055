//! Written-out serde impls: `Serialize` and `Deserialize` for every struct (one `visit_map`
//! each, which also carries the wire shapes derive cannot: sibling-discriminated pairs and
//! constant tags), the sibling-discriminated unions, the internally tagged unions that keep
//! unknown tags, and the untagged unions whose variants differ in JSON kind.

use super::docs::{doc_attrs, own_doc};
use super::type_expr::{field_tokens, ident, Scope};
use super::types::variant_payload;
use crate::ir::{
    Api, FloatKind, IntKind, Presence, Sibling, Struct, TypeDef, TypeId, TypeKind, TypeRef,
    Untagged,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `Serialize` and `Deserialize` for a struct, written out field by field.
pub fn struct_serde(api: &Api, id: TypeId, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let expecting = format!("a {} object", def.name);

    let tag_entry = match &s.constant_tag {
        Some((tag, value)) => quote!(map.serialize_entry(#tag, #value)?;),
        None => TokenStream::new(),
    };
    let ser_fields = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        if let Some(sibling) = &f.sibling {
            let tag = &sibling.tag_wire;
            let value = &sibling.value_wire;
            let write = quote!(crate::runtime::sibling::write(&mut map, #tag, #value, union)?;);
            return match f.presence {
                Presence::Required => quote!({ let union = &self.#field; #write }),
                Presence::Optional => quote!(if let Some(union) = &self.#field { #write }),
                Presence::RequiredNullable => quote! {
                    match &self.#field {
                        Some(union) => { #write }
                        None => map.serialize_entry(#tag, &())?,
                    }
                },
                Presence::OptionalNullable => quote! {
                    match &self.#field {
                        crate::Nullable::Absent => {}
                        crate::Nullable::Null => map.serialize_entry(#tag, &())?,
                        crate::Nullable::Value(union) => { #write }
                    }
                },
            };
        }
        match f.presence {
            Presence::Required | Presence::RequiredNullable => {
                quote!(map.serialize_entry(#wire, &self.#field)?;)
            }
            Presence::Optional => {
                quote!(if let Some(value) = &self.#field { map.serialize_entry(#wire, value)?; })
            }
            Presence::OptionalNullable => {
                quote!(if !self.#field.is_absent() { map.serialize_entry(#wire, &self.#field)?; })
            }
        }
    });

    let locals = s.fields.iter().map(|f| {
        let local = format_ident!("field_{}", crate::names::bare(&f.rust_name));
        let ty = field_tokens(api, &f.ty, f.presence, Some(id), Scope::Types);
        if f.sibling.is_some() {
            let union = super::type_expr::type_tokens(api, &f.ty, Scope::Types);
            quote!(let mut #local = crate::runtime::sibling::Slot::<#union>::default();)
        } else {
            match f.presence {
                Presence::OptionalNullable => {
                    quote!(let mut #local: #ty = crate::Nullable::Absent;)
                }
                Presence::Optional => quote!(let mut #local: #ty = None;),
                _ => quote!(let mut #local: Option<#ty> = None;),
            }
        }
    });
    let arms = s.fields.iter().map(|f| {
        let local = format_ident!("field_{}", crate::names::bare(&f.rust_name));
        let wire = &f.wire_name;
        match &f.sibling {
            Some(sibling) => {
                let tag = &sibling.tag_wire;
                let value = &sibling.value_wire;
                quote! {
                    #tag => #local.set_tag(map.next_value()?),
                    #value => #local.set_value(&mut map)?,
                }
            }
            // Date-times go through the runtime's fast RFC 3339 reader.
            None if f.ty == TypeRef::DateTime => {
                let read = quote!(map.next_value::<Option<crate::runtime::wire::Timestamp>>()?.map(|t| t.0));
                match f.presence {
                    Presence::Required => {
                        quote!(#wire => #local = Some(map.next_value::<crate::runtime::wire::Timestamp>()?.0),)
                    }
                    Presence::RequiredNullable => quote!(#wire => #local = Some(#read),),
                    Presence::Optional => quote!(#wire => #local = #read,),
                    Presence::OptionalNullable => quote!(#wire => #local = #read.into(),),
                }
            }
            None => match f.presence {
                Presence::OptionalNullable => quote!(#wire => #local = map.next_value()?,),
                Presence::Optional => quote!(#wire => #local = map.next_value()?,),
                _ => quote!(#wire => #local = Some(map.next_value()?),),
            },
        }
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let local = format_ident!("field_{}", crate::names::bare(&f.rust_name));
        let wire = &f.wire_name;
        if let Some(sibling) = &f.sibling {
            let tag = &sibling.tag_wire;
            let value = &sibling.value_wire;
            let finish = match f.presence {
                Presence::Required => quote!(finish_required),
                Presence::RequiredNullable | Presence::Optional => quote!(finish_optional),
                Presence::OptionalNullable => quote!(finish_nullable),
            };
            return quote!(#field: #local.#finish(#tag, #value)?,);
        }
        match f.presence {
            Presence::Required => {
                quote!(#field: #local.ok_or_else(|| serde::de::Error::missing_field(#wire))?,)
            }
            // A required-but-nullable property the server leaves out reads as null.
            Presence::RequiredNullable => quote!(#field: #local.unwrap_or_default(),),
            Presence::Optional | Presence::OptionalNullable => quote!(#field: #local,),
        }
    });
    let ignore_tag = match &s.constant_tag {
        // The constant tag is implied by the type.
        Some((tag, _)) => quote!(#tag => { map.next_value::<serde::de::IgnoredAny>()?; }),
        None => TokenStream::new(),
    };

    let read_loop = if s.fields.is_empty() && s.constant_tag.is_none() {
        // Nothing to keep: skip whatever the server sends.
        quote! {
            while map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
    } else {
        quote! {
            while let Some(key) = map.next_key::<crate::runtime::wire::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    #ignore_tag
                    _ => { map.next_value::<serde::de::IgnoredAny>()?; }
                }
            }
        }
    };
    let map_binding = if s.fields.is_empty() && s.constant_tag.is_none() {
        quote!(let map = serializer.serialize_map(Some(0))?;)
    } else {
        quote!(let mut map = serializer.serialize_map(None)?;)
    };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                #map_binding
                #tag_entry
                #(#ser_fields)*
                map.end()
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        #(#locals)*
                        #read_loop
                        Ok(#name { #(#inits)* })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

/// A sibling-discriminated union: one variant per tag value, plus `Unknown`.
pub fn sibling(api: &Api, id: TypeId, def: &TypeDef) -> TokenStream {
    let TypeKind::Sibling(union) = &def.kind else {
        return TokenStream::new();
    };
    let name = ident(&def.name);
    let docs = super::types::type_docs(def);
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
        }
        impl #name {
            /// The tag value that goes with this variant on the wire.
            pub fn tag(&self) -> &str {
                match self { #(#tags)* Self::Unknown { tag, .. } => tag }
            }
        }
        impl crate::runtime::sibling::SiblingUnion for #name {
            fn tag(&self) -> &str { #name::tag(self) }
            fn serialize_value<M: serde::ser::SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error> {
                match self {
                    #(#writes)*
                    Self::Unknown { value: Some(value), .. } => map.serialize_entry(key, value),
                    Self::Unknown { value: None, .. } => Ok(()),
                }
            }
            fn decode_value<'de, D: serde::Deserializer<'de>>(tag: &str, value: D) -> Result<Self, D::Error> {
                Ok(match tag {
                    #(#reads)*
                    _ => Self::Unknown { tag: tag.to_owned(), value: Some(<serde_json::Value as serde::Deserialize>::deserialize(value)?) },
                })
            }
            fn decode_absent(tag: &str) -> Option<Self> {
                match tag {
                    #(#absents)*
                    _ => Some(Self::Unknown { tag: tag.to_owned(), value: None }),
                }
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
            Some(quote! {
                impl From<#ty> for #name {
                    fn from(value: #ty) -> Self { Self::#vname(#wrap) }
                }
            })
        })
        .collect()
}

/// An internally tagged union; an unknown tag keeps the whole object.
pub fn tagged(api: &Api, _id: TypeId, def: &TypeDef) -> TokenStream {
    let TypeKind::Tagged(union) = &def.kind else {
        return TokenStream::new();
    };
    let name = ident(&def.name);
    let docs = super::types::type_docs(def);
    let tag = &union.tag;
    let how = own_doc(&format!(
        "Tagged by its `{tag}` property; decoding reads the tag and decodes that variant only."
    ));
    let variants = union.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = ident(&api.ty(v.ty).name);
        let vdoc = own_doc(&format!("`{tag}: {}`", v.value.replace('`', "'")));
        quote!(#vdoc #vname(#ty),)
    });
    let sers = union.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        quote!(Self::#vname(value) => serde::Serialize::serialize(value, serializer),)
    });
    let des = union.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = ident(&api.ty(v.ty).name);
        let value = &v.value;
        quote! {
            Some(#value) => <#ty as serde::Deserialize>::deserialize(
                serde::de::value::MapAccessDeserializer::new(map),
            ).map(#name::#vname),
        }
    });
    let known = union.variants.iter().map(|v| &v.value);
    let froms = union.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = ident(&api.ty(v.ty).name);
        quote! {
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self { Self::#vname(value) }
            }
        }
    });
    let unknown_doc = own_doc(&format!(
        "A `{tag}` this version of the SDK does not know: the whole object, as sent."
    ));
    let expecting = format!("a {} object", def.name);
    quote! {
        #docs
        #[doc = ""]
        #how
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            Unknown(serde_json::Value),
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#sers)*
                    Self::Unknown(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        // Servers write the tag first: then the variant decodes straight
                        // from the input. A known tag that comes later costs a second pass.
                        let (tag, before) = crate::runtime::wire::find_tag(&mut map, #tag)?;
                        let tag_str = tag.as_ref().and_then(crate::runtime::wire::TagValue::as_str);
                        if !before.is_empty() && matches!(tag_str, #(Some(#known))|*) {
                            return crate::runtime::wire::decode_tag_first(#tag, tag, before, map);
                        }
                        match tag_str {
                            #(#des)*
                            _ => crate::runtime::wire::collect_unknown(#tag, tag, before, map).map(#name::Unknown),
                        }
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
        #(#froms)*
    }
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
        TypeRef::Float(_) => JsonKind::Number,
        TypeRef::String | TypeRef::DateTime => JsonKind::String,
        TypeRef::Array(_) | TypeRef::FixedArray(..) => JsonKind::Array,
        TypeRef::JsonObject | TypeRef::Map(_) => JsonKind::Object,
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
pub fn untagged_by_kind(
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
        let boxed = super::type_expr::contains_by_value(api, &v.ty, id);
        Some((
            ident(&v.rust_name),
            super::type_expr::type_tokens(api, &v.ty, Scope::Types),
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
        let value = if *resolved == TypeRef::Float(FloatKind::F64) {
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
