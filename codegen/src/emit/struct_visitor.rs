//! A struct's `Serialize` and `Deserialize` written out field by field: one `serialize`
//! and one `visit_map` each. Every struct in the written-out shape
//! ([`ModelSerde::WrittenOut`](crate::settings::ModelSerde)), and in every shape the structs
//! derive cannot express: sibling-discriminated pairs and constant tags.

use super::type_expr::{field_tokens, ident, type_tokens, Scope};
use crate::ir::{Api, Presence, Struct, TypeDef, TypeId, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `Serialize` and `Deserialize` for a struct, written out field by field.
pub fn impls(api: &Api, id: TypeId, def: &TypeDef, s: &Struct) -> TokenStream {
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
            let union = type_tokens(api, &f.ty, Scope::Types);
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
        impl<'de> crate::runtime::wire::ModelFields<'de> for #name {
            const EXPECTING: &'static str = #expecting;
            fn read_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #(#locals)*
                #read_loop
                Ok(Self { #(#inits)* })
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_map(crate::runtime::wire::ModelVisitor::<Self>::new())
            }
        }
    }
}
