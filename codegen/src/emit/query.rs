//! `QueryValue` impls for the generated types that query parameters use.

use super::type_expr::ident;
use crate::ir::{Api, Operation, ParamLocation, Presence, TypeDef, TypeId, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// Every named type a query parameter can hold, directly or inside another.
pub fn query_types(api: &Api, operations: &[Operation]) -> Vec<TypeId> {
    let mut found = Vec::new();
    for op in operations {
        for param in op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
        {
            collect(api, &param.ty, &mut found);
        }
    }
    found.sort();
    found
}

fn collect(api: &Api, ty: &TypeRef, found: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => {
            if found.contains(id) {
                return;
            }
            found.push(*id);
            match &api.ty(*id).kind {
                TypeKind::Struct(s) => s.fields.iter().for_each(|f| collect(api, &f.ty, found)),
                TypeKind::Untagged(u) => u.variants.iter().for_each(|v| collect(api, &v.ty, found)),
                TypeKind::Alias(inner) => collect(api, inner, found),
                _ => {}
            }
        }
        TypeRef::Array(inner) | TypeRef::OneOrMany(inner) | TypeRef::OneOrPair(inner) => {
            collect(api, inner, found)
        }
        _ => {}
    }
}

pub fn query_impl(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Untagged(u) => {
            let arms = u.variants.iter().map(|v| {
                let vname = ident(&v.rust_name);
                quote!(Self::#vname(value) => crate::runtime::query::QueryValue::write_query(value, name, style, out),)
            });
            quote!(match self { #(#arms)* })
        }
        TypeKind::Struct(s) => {
            let writes = s.fields.iter().map(|f| {
                let field = ident(&f.rust_name);
                let wire = &f.wire_name;
                let write = quote!(crate::runtime::query::write_object_field(out, name, #wire, value, style););
                match f.presence {
                    Presence::Required | Presence::RequiredNullable => quote!({ let value = &self.#field; #write }),
                    Presence::Optional => quote!(if let Some(value) = &self.#field { #write }),
                    Presence::OptionalNullable => quote!(if let crate::Nullable::Value(value) = &self.#field { #write }),
                }
            });
            if s.fields.is_empty() {
                quote!(let _ = (name, style, out);)
            } else {
                quote!(#(#writes)*)
            }
        }
        // Aliases are covered by their target; unions with tags are not query values; string
        // enums have theirs from `string_enum!`.
        _ => return TokenStream::new(),
    };
    let inline = super::inline();
    quote! {
        impl crate::runtime::query::QueryValue for #name {
            #inline
            fn write_query(&self, name: &str, style: crate::runtime::query::QueryStyle, out: &mut crate::runtime::query::Query) {
                #body
            }
        }
    }
}
