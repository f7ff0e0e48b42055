//! The generated docs inform: a setter carries the description of the property it sets,
//! and no lint is allowed where it would not fire.

mod common;

use codegen::{generate, Settings};
use common::real_spec_text;
use std::collections::BTreeMap;

fn types_rs() -> syn::File {
    let files = generate(&real_spec_text(), &Settings::hookdeck("hookdeck")).expect("generates");
    let types = files
        .iter()
        .find(|f| f.path == "src/types.rs")
        .expect("types.rs");
    syn::parse_file(&types.contents).expect("parses")
}

fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) => Some(text.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[test]
fn every_setter_carries_the_description_of_its_property() {
    let file = types_rs();
    // (type, field) → the field's docs, when the spec describes the property.
    let mut described: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for item in &file.items {
        if let syn::Item::Struct(s) = item {
            for field in &s.fields {
                let Some(name) = &field.ident else { continue };
                let docs = doc_lines(&field.attrs);
                let fallback = docs.len() == 1 && docs[0].ends_with(" property.");
                if !docs.is_empty() && !fallback {
                    let name = name.to_string();
                    let name = name.trim_start_matches("r#").to_string();
                    described.insert((s.ident.to_string(), name), docs);
                }
            }
        }
    }
    let mut checked = 0;
    for item in &file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        if block.trait_.is_some() {
            continue;
        }
        let owner = quote::ToTokens::to_token_stream(&block.self_ty).to_string();
        for inner in &block.items {
            let syn::ImplItem::Fn(f) = inner else {
                continue;
            };
            let Some(field) = f
                .sig
                .ident
                .to_string()
                .strip_prefix("with_")
                .map(str::to_string)
            else {
                continue;
            };
            let Some(field_docs) = described.get(&(owner.clone(), field.clone())) else {
                continue;
            };
            let setter_docs = doc_lines(&f.attrs);
            for line in field_docs {
                assert!(
                    setter_docs.contains(line),
                    "{owner}::with_{field} lacks `{line}`: {setter_docs:#?}"
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 20,
        "only {checked} setters of described properties found"
    );
}

#[test]
fn too_many_arguments_is_allowed_only_where_clippy_would_warn() {
    let file = types_rs();
    let mut allowed = 0;
    for item in &file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        for inner in &block.items {
            let syn::ImplItem::Fn(f) = inner else {
                continue;
            };
            let allows = f.attrs.iter().any(|a| {
                a.path().is_ident("allow")
                    && quote::ToTokens::to_token_stream(&a.meta)
                        .to_string()
                        .contains("too_many_arguments")
            });
            if allows {
                let arguments = f.sig.inputs.len();
                assert!(
                    arguments > 7,
                    "`{}` allows too_many_arguments with {arguments}",
                    f.sig.ident
                );
                allowed += 1;
            }
        }
    }
    eprintln!("{allowed} functions allow too_many_arguments");
}
