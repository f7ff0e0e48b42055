//! String enums: a variant per value and `Unknown(String)` for values this SDK does not
//! know, with `as_str`, `From<&str>`, `FromStr`, `Display` and serde impls.

use super::docs::own_doc;
use super::type_expr::ident;
use crate::ir::StringEnum;
use proc_macro2::TokenStream;
use quote::quote;

pub fn item(name: &proc_macro2::Ident, docs: TokenStream, e: &StringEnum) -> TokenStream {
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
