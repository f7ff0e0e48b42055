//! Rust syntax → the public items it declares, one [`Item`] per type, field, variant,
//! function, constant, re-export and trait impl (derived ones included).
//!
//! It reads the files the generator writes, not the IR, so the listing is what users of the
//! crate see. Items that are not `pub`, are `#[doc(hidden)]` or `#[cfg(test)]`, or sit
//! inside function bodies are not public API and are left out.

use super::{Item, ItemKind};
use quote::ToTokens;
use syn::{Attribute, Fields, ImplItem, Meta, UseTree, Visibility};

/// The public items of one file whose module path (from the crate root) is `module`.
pub fn items(file: &syn::File, module: &str, out: &mut Vec<Item>) {
    walk(&file.items, module, out);
}

fn walk(items: &[syn::Item], module: &str, out: &mut Vec<Item>) {
    for item in items {
        let before = out.len();
        record(item, module, out);
        // Items of an inline module already carry theirs; what an item holds (fields,
        // methods of an impl) is compiled with it.
        let features = item_features(item);
        for found in &mut out[before..] {
            if found.module.is_empty() {
                found.module = module.to_string();
            }
            if found.features.is_none() {
                found.features.clone_from(&features);
            }
        }
    }
}

/// The features a top-level item's `#[cfg]` asks for.
fn item_features(item: &syn::Item) -> Option<Vec<String>> {
    let attrs = match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => return None,
    };
    super::cfg_features(attrs)
}

fn record(item: &syn::Item, module: &str, out: &mut Vec<Item>) {
    match item {
        syn::Item::Struct(s) if public(&s.vis, &s.attrs) => structure(s, module, out),
        syn::Item::Enum(e) if public(&e.vis, &e.attrs) => enumeration(e, module, out),
        syn::Item::Type(t) if public(&t.vis, &t.attrs) => {
            let path = join(module, &t.ident.to_string());
            let generics = tokens(&t.generics);
            out.push(Item::new(
                ItemKind::TypeAlias,
                &path,
                format!("pub type {path}{generics} = {}", tokens(&t.ty)),
                &t.attrs,
            ));
        }
        syn::Item::Const(c) if public(&c.vis, &c.attrs) => {
            let path = join(module, &c.ident.to_string());
            out.push(Item::new(
                ItemKind::Const,
                &path,
                format!("pub const {path}: {}", tokens(&c.ty)),
                &c.attrs,
            ));
        }
        syn::Item::Fn(f) if public(&f.vis, &f.attrs) => {
            let path = join(module, &f.sig.ident.to_string());
            out.push(function(&path, &f.sig, &f.attrs));
        }
        syn::Item::Trait(t) if public(&t.vis, &t.attrs) => {
            let path = join(module, &t.ident.to_string());
            out.push(Item::new(
                ItemKind::Trait,
                &path,
                format!("pub trait {path}{}", tokens(&t.generics)),
                &t.attrs,
            ));
            for inner in &t.items {
                if let syn::TraitItem::Fn(f) = inner {
                    let fn_path = format!("{path}::{}", f.sig.ident);
                    out.push(function(&fn_path, &f.sig, &f.attrs));
                }
            }
        }
        syn::Item::Mod(m) if public(&m.vis, &m.attrs) => {
            let path = join(module, &m.ident.to_string());
            out.push(Item::new(
                ItemKind::Module,
                &path,
                format!("pub mod {path}"),
                &m.attrs,
            ));
            if let Some((_, inner)) = &m.content {
                walk(inner, &path, out);
            }
        }
        syn::Item::Use(u) if public(&u.vis, &u.attrs) => {
            let mut found = Vec::new();
            use_paths(&u.tree, String::new(), &mut found);
            for (name, target) in found {
                let path = join(module, &name);
                out.push(Item::new(
                    ItemKind::Reexport,
                    &path,
                    format!("pub use {path} = {target}"),
                    &u.attrs,
                ));
            }
        }
        syn::Item::Impl(i) if !hidden(&i.attrs) => implementation(i, module, out),
        // A call of one of the runtime's macros (`model_serde!`, `string_enum!`, ...)
        // stands for the items it expands to.
        syn::Item::Macro(m) if !hidden(&m.attrs) => {
            if let Some(face) = super::macros::item_face(&m.mac) {
                walk(&face, module, out);
            }
        }
        _ => {}
    }
}

/// Whether an item is part of the public API: `pub`, not hidden, not test-only.
fn public(vis: &Visibility, attrs: &[Attribute]) -> bool {
    matches!(vis, Visibility::Public(_)) && !hidden(attrs)
}

fn hidden(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        let name = a.path();
        (name.is_ident("doc") || name.is_ident("cfg"))
            && matches!(&a.meta, Meta::List(list) if {
                let inner = list.tokens.to_string();
                inner == "hidden" || inner == "test"
            })
    })
}

fn non_exhaustive(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

fn structure(s: &syn::ItemStruct, module: &str, out: &mut Vec<Item>) {
    let path = join(module, &s.ident.to_string());
    let marker = if non_exhaustive(&s.attrs) {
        " #[non_exhaustive]"
    } else {
        ""
    };
    let all_public = s
        .fields
        .iter()
        .all(|f| matches!(f.vis, Visibility::Public(_)));
    let mut item = Item::new(
        ItemKind::Struct,
        &path,
        format!("pub struct {path}{}{marker}", tokens(&s.generics)),
        &s.attrs,
    );
    // A struct outside code can build with a literal: adding a field to it breaks them.
    item.constructible = all_public && marker.is_empty();
    out.push(item);
    fields(&s.fields, &path, out);
    derives(&s.attrs, &path, &s.generics, out);
}

fn enumeration(e: &syn::ItemEnum, module: &str, out: &mut Vec<Item>) {
    let path = join(module, &e.ident.to_string());
    let exhaustive = !non_exhaustive(&e.attrs);
    let marker = if exhaustive { "" } else { " #[non_exhaustive]" };
    let mut item = Item::new(
        ItemKind::Enum,
        &path,
        format!("pub enum {path}{}{marker}", tokens(&e.generics)),
        &e.attrs,
    );
    // Outside code may match such an enum exhaustively: a new variant breaks it.
    item.constructible = exhaustive;
    out.push(item);
    for variant in &e.variants {
        let variant_path = format!("{path}::{}", variant.ident);
        let shape = match &variant.fields {
            Fields::Unit => String::new(),
            Fields::Unnamed(fields) => {
                let types: Vec<String> = fields.unnamed.iter().map(|f| tokens(&f.ty)).collect();
                format!("({})", types.join(", "))
            }
            Fields::Named(fields) => {
                let named: Vec<String> = fields
                    .named
                    .iter()
                    .map(|f| {
                        let name = f.ident.as_ref().map(ToString::to_string);
                        format!("{}: {}", name.unwrap_or_default(), tokens(&f.ty))
                    })
                    .collect();
                format!(" {{ {} }}", named.join(", "))
            }
        };
        out.push(Item::new(
            ItemKind::Variant,
            &variant_path,
            format!("pub {variant_path}{shape}"),
            &variant.attrs,
        ));
    }
    derives(&e.attrs, &path, &e.generics, out);
}

fn fields(fields: &Fields, owner: &str, out: &mut Vec<Item>) {
    for (index, field) in fields.iter().enumerate() {
        if !public(&field.vis, &field.attrs) {
            continue;
        }
        let name = field
            .ident
            .as_ref()
            .map_or_else(|| index.to_string(), ToString::to_string);
        let path = format!("{owner}::{name}");
        out.push(Item::new(
            ItemKind::Field,
            &path,
            format!("pub {path}: {}", tokens(&field.ty)),
            &field.attrs,
        ));
    }
}

/// `#[derive(Clone, Debug)]` → `impl Clone for ...`, `impl Debug for ...`.
/// A derived impl reads as the impl a person would write: for `Response<T>`,
/// `#[derive(Debug)]` is `impl<T: Debug> Debug for Response<T>`, so that replacing the
/// derive by a hand-written impl is no change in the listing.
fn derives(attrs: &[Attribute], path: &str, generics: &syn::Generics, out: &mut Vec<Item>) {
    let params: Vec<String> = generics
        .params
        .iter()
        .map(|p| match p {
            syn::GenericParam::Type(t) => t.ident.to_string(),
            other => tokens(other),
        })
        .collect();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let Meta::List(list) = &attr.meta else {
            continue;
        };
        for name in list.tokens.to_string().split(',') {
            let name = std_trait(&normalize(name));
            if name.is_empty() {
                continue;
            }
            let line = if params.is_empty() && name.starts_with("serde::") {
                serde_impl(name.trim_start_matches("serde::"), path)
            } else if params.is_empty() {
                format!("impl {name} for {path}")
            } else {
                let bounded: Vec<String> = generics
                    .params
                    .iter()
                    .map(|p| match p {
                        syn::GenericParam::Type(t) => format!("{}: {name}", t.ident),
                        other => tokens(other),
                    })
                    .collect();
                format!(
                    "impl<{}> {name} for {path}<{}>",
                    bounded.join(", "),
                    params.join(", ")
                )
            };
            out.push(Item::new(ItemKind::Impl, path, line, &[]));
        }
    }
}

/// A serde impl as written by hand: `impl serde::Serialize for X`,
/// `impl<'de> serde::Deserialize<'de> for X`, so that the listing does not change with the
/// shape of the serde code (derived, written out, or a `model_serde!` call).
fn serde_impl(name: &str, path: &str) -> String {
    match name {
        "Deserialize" => format!("impl<'de> serde::Deserialize<'de> for {path}"),
        _ => format!("impl serde::{name} for {path}"),
    }
}

/// A standard library trait by its name alone (`std::fmt::Debug`, `fmt::Debug` → `Debug`),
/// wherever it appears in an impl header.
fn std_trait(text: &str) -> String {
    let mut out = text.to_string();
    for prefix in [
        "std::fmt::",
        "core::fmt::",
        "std::error::",
        "std::str::",
        "fmt::",
    ] {
        out = out.replace(prefix, "");
    }
    out
}

fn implementation(i: &syn::ItemImpl, module: &str, out: &mut Vec<Item>) {
    let self_ty = qualify(&tokens(&i.self_ty), module);
    match &i.trait_ {
        Some((path, _)) => {
            let generics = tokens(&i.generics);
            let owner = self_ty
                .split('<')
                .next()
                .unwrap_or(&self_ty)
                .trim()
                .to_string();
            let line = std_trait(&format!(
                "impl{generics} {} for {self_ty}",
                trait_name(path)
            ));
            out.push(Item::new(ItemKind::Impl, &owner, line, &i.attrs));
        }
        None => {
            // Inherent impls: each public method is an item of the type.
            let owner = self_ty.split('<').next().unwrap_or(&self_ty).trim();
            for inner in &i.items {
                match inner {
                    ImplItem::Fn(f) if public(&f.vis, &f.attrs) => {
                        let path = format!("{owner}::{}", f.sig.ident);
                        out.push(function(&path, &f.sig, &f.attrs));
                    }
                    // The runtime's `request_options!()` stands for the methods it adds.
                    ImplItem::Macro(m) if !hidden(&m.attrs) => {
                        if let Some(face) = super::macros::impl_face(&m.mac, &tokens(&i.self_ty)) {
                            walk(&face, module, out);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// A trait as the listing names it: standard library traits by their name alone, as
/// `#[derive(Debug)]` names them, however the impl spells the path (`std::fmt::Debug`,
/// `fmt::Debug` after `use std::fmt`).
fn trait_name(path: &syn::Path) -> String {
    const STD: &[&str] = &["std::", "core::", "alloc::", "fmt::", "error::", "str::"];
    let text = tokens(path);
    if STD.iter().any(|prefix| text.starts_with(prefix)) {
        path.segments.last().map_or(text.clone(), tokens)
    } else {
        text
    }
}

/// A type as written in an impl header, with the module it is in: `Connection` in `types`
/// is `types::Connection`; `crate::Client` is `Client`.
fn qualify(ty: &str, module: &str) -> String {
    match ty.strip_prefix("crate::") {
        Some(rest) => rest.to_string(),
        None => join(module, ty),
    }
}

fn function(path: &str, sig: &syn::Signature, attrs: &[Attribute]) -> Item {
    let asyncness = if sig.asyncness.is_some() {
        "async "
    } else {
        ""
    };
    // `mut self`, `mut value`: how the body binds an argument is not part of the API.
    let inputs: Vec<String> = sig
        .inputs
        .iter()
        .map(|arg| match arg {
            syn::FnArg::Receiver(r) if matches!(r.kind, syn::ReceiverKind::Value) => {
                "self".to_string()
            }
            syn::FnArg::Typed(t) => match &*t.pat {
                syn::Pat::Ident(p) => format!("{}: {}", p.ident, tokens(&t.ty)),
                _ => tokens(arg),
            },
            _ => tokens(arg),
        })
        .collect();
    let output = match &sig.output {
        syn::ReturnType::Default => String::new(),
        syn::ReturnType::Type(_, ty) => format!(" -> {}", tokens(ty)),
    };
    Item::new(
        ItemKind::Function,
        path,
        format!(
            "pub {asyncness}fn {path}{}({}){output}",
            tokens(&sig.generics),
            inputs.join(", ")
        ),
        attrs,
    )
}

/// The names a `pub use` exports, with the paths they stand for.
fn use_paths(tree: &UseTree, prefix: String, out: &mut Vec<(String, String)>) {
    let under = |name: &str| {
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}::{name}")
        }
    };
    match tree {
        UseTree::Path(p) => use_paths(&p.tree, under(&p.ident.to_string()), out),
        UseTree::Name(n) => out.push((n.ident.to_string(), under(&n.ident.to_string()))),
        UseTree::Rename(r) => out.push((r.rename.to_string(), under(&r.ident.to_string()))),
        UseTree::Glob(_) => out.push(("*".to_string(), under("*"))),
        UseTree::Group(g) => {
            for inner in &g.items {
                use_paths(inner, prefix.clone(), out);
            }
        }
    }
}

/// Tokens as a person writes them: `Option<Vec<String>>`, `&'a str`, `impl Into<String>`.
pub fn tokens<T: ToTokens>(node: &T) -> String {
    normalize(&node.to_token_stream().to_string())
}

fn normalize(text: &str) -> String {
    let mut out = text.trim().to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" : ", ": "),
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" > ", "> "),
        (" >", ">"),
        (" ,", ","),
        ("& ", "&"),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
        (" ;", ";"),
        // A trailing comma, as printers add to wrapped lists, says nothing.
        (",>", ">"),
        (",)", ")"),
        (",]", "]"),
        ("Fn (", "Fn("),
        ("FnMut (", "FnMut("),
        ("FnOnce (", "FnOnce("),
    ] {
        while out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn token_text_reads_as_written() {
        assert_eq!(
            normalize("Option < Vec < crate :: types :: Rule > >"),
            "Option<Vec<crate::types::Rule>>"
        );
        assert_eq!(normalize("& 'a str"), "&'a str");
        assert_eq!(normalize("& mut self"), "&mut self");
        assert_eq!(
            normalize("id : impl Into < String >"),
            "id: impl Into<String>"
        );
        assert_eq!(
            normalize("Result < Self , Self :: Err >"),
            "Result<Self, Self::Err>"
        );
        assert_eq!(normalize("[u8 ; 2]"), "[u8; 2]");
        assert_eq!(normalize("Option < Vec < u8 > , >"), "Option<Vec<u8>>");
        assert_eq!(
            normalize("impl < 'de > serde :: Deserialize < 'de >"),
            "impl<'de> serde::Deserialize<'de>"
        );
    }
}
