//! Internally tagged unions (`Rule` by its `type`): the tag picks the variant when decoding,
//! and an unknown tag keeps the whole object.

use super::docs::{own_doc, type_docs};
use super::type_expr::ident;
use crate::ir::{Api, TypeDef, TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// An internally tagged union; an unknown tag keeps the whole object.
pub fn item(api: &Api, _id: TypeId, def: &TypeDef) -> TokenStream {
    let TypeKind::Tagged(union) = &def.kind else {
        return TokenStream::new();
    };
    let name = ident(&def.name);
    let docs = type_docs(def);
    let tag = &union.tag;
    let how = own_doc(&format!(
        "Tagged by its `{tag}` property; decoding reads the tag and decodes that variant only."
    ));
    let variants = union.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = ident(&api.ty(v.ty).name);
        let values: Vec<String> = v
            .values
            .iter()
            .map(|value| format!("`{tag}: {}`", value.replace('`', "'")))
            .collect();
        let vdoc = own_doc(&values.join(" or "));
        quote!(#vdoc #vname(#ty),)
    });
    let sers = union.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        quote!(Self::#vname(value) => serde::Serialize::serialize(value, serializer),)
    });
    let des = union.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = ident(&api.ty(v.ty).name);
        let values = &v.values;
        if values.len() == 1 {
            quote! {
                Some(#(#values)|*) => <#ty as serde::Deserialize>::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                ).map(#name::#vname),
            }
        } else {
            // The variant keeps the tag as a field of its own: it reads the whole object.
            quote! {
                Some(#(#values)|*) => crate::runtime::wire::decode_tag_first(#tag, tag, before, map).map(#name::#vname),
            }
        }
    });
    let known = union.variants.iter().flat_map(|v| &v.values);
    let froms = union.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = ident(&api.ty(v.ty).name);
        let inline = super::inline();
        quote! {
            impl From<#ty> for #name {
                #inline
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
        impl<'de> crate::runtime::wire::ModelFields<'de> for #name {
            const EXPECTING: &'static str = #expecting;
            fn read_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                // Servers write the tag first: then the variant decodes straight
                // from the input. A known tag that comes later costs a second pass.
                let (tag, before) = crate::runtime::wire::find_tag(&mut map, #tag)?;
                let tag_str = tag.as_ref().and_then(crate::runtime::wire::TagValue::as_str);
                if !before.is_empty() && matches!(tag_str, #(Some(#known))|*) {
                    return crate::runtime::wire::decode_tag_first(#tag, tag, before, map);
                }
                match tag_str {
                    #(#des)*
                    _ => crate::runtime::wire::collect_unknown(#tag, tag, before, map).map(Self::Unknown),
                }
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_map(crate::runtime::wire::ModelVisitor::<Self>::new())
            }
        }
        #(#froms)*
    }
}
