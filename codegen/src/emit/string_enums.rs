//! String enums: a variant per value and `Unknown(String)` for values this SDK does not
//! know. The enum is written out; its impls (`as_str`, `From<&str>`, `FromStr`, `Display`,
//! serde, and `QueryValue` where a query parameter holds it) are one call of the runtime's
//! `string_enum!` (`runtime/src/string_enum.rs`), a line per value.

use super::docs::own_doc;
use super::type_expr::ident;
use crate::ir::StringEnum;
use crate::reserved::{macro_path, STRING_ENUM_MACRO};
use proc_macro2::TokenStream;
use quote::quote;

/// The enum and its `string_enum!` call; `in_query` when a query parameter holds it.
pub fn item(
    name: &proc_macro2::Ident,
    docs: TokenStream,
    e: &StringEnum,
    in_query: bool,
) -> TokenStream {
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let doc = own_doc(&format!("`{}`", v.value.replace('`', "'")));
        quote!(#doc #vname,)
    });
    let values = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let value = &v.value;
        quote!(#vname = #value)
    });
    let unknown_doc = own_doc("A value this version of the SDK does not know; kept as sent.");
    let path = macro_path(STRING_ENUM_MACRO);
    let query = in_query.then(|| quote!(+ QueryValue));
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            Unknown(String),
        }
        #path!(#name #query, #(#values),*);
    }
}
