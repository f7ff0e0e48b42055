//! The public API of a generated crate, listed and compared.
//!
//! [`Surface::of_files`] reads the generated Rust files into [`Item`]s; [`Surface::listing`] is the
//! sorted one-line-per-item text the generator writes beside the crate's sources
//! (`public-api.txt`), and [`changelog`] says what changed between two surfaces and which
//! version bump that implies.

pub mod changelog;
pub(crate) mod extract;
mod macros;

use crate::error::Error;
use crate::GeneratedFile;
use std::collections::{BTreeMap, BTreeSet};

/// The file, relative to the crate root, that lists the public API.
pub(crate) const LISTING_PATH: &str = "public-api.txt";

/// What kind of public item an [`Item`] is. Members (fields, variants, functions, impls)
/// are items of their own, listed under the path of what holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// A public module (`pub mod`).
    Module,
    /// A struct; its public fields are [`ItemKind::Field`] items.
    Struct,
    /// An enum; its variants are [`ItemKind::Variant`] items.
    Enum,
    /// A trait; its methods are [`ItemKind::Function`] items.
    Trait,
    /// A type alias (`pub type`), with the type it stands for.
    TypeAlias,
    /// A constant, with its type.
    Const,
    /// A name a `pub use` exports, with the path it stands for.
    Reexport,
    /// A public field of a struct, with its type.
    Field,
    /// A variant of an enum, with its fields.
    Variant,
    /// A free function, or a function of a type or trait, with its signature.
    Function,
    /// A trait impl of a type, derived ones included; identified by its whole line.
    Impl,
}

impl ItemKind {
    /// The kind in words, as the changelog writes it (`type alias`, `trait impl`).
    pub fn noun(self) -> &'static str {
        match self {
            ItemKind::Module => "module",
            ItemKind::Struct => "struct",
            ItemKind::Enum => "enum",
            ItemKind::Trait => "trait",
            ItemKind::TypeAlias => "type alias",
            ItemKind::Const => "constant",
            ItemKind::Reexport => "re-export",
            ItemKind::Field => "field",
            ItemKind::Variant => "variant",
            ItemKind::Function => "function",
            ItemKind::Impl => "trait impl",
        }
    }
}

/// One public item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What kind of item it is.
    pub kind: ItemKind,
    /// The item's path from the crate root (`types::Connection::id`); for a trait impl,
    /// the type's.
    pub path: String,
    /// The item as the listing shows it.
    pub line: String,
    /// Its doc comment.
    pub docs: String,
    /// A struct outside code may build with a literal, or an enum it may match
    /// exhaustively: adding a field or variant breaks that code.
    pub constructible: bool,
    /// The module the item is written in (`runtime::client` for the runtime's `Client`).
    pub module: String,
    /// The cargo features of which any one compiles the item (`#[cfg(feature = ..)]` on it
    /// or on what holds it); `None` when every build has it.
    pub features: Option<Vec<String>>,
}

impl Item {
    fn new(kind: ItemKind, path: &str, line: String, attrs: &[syn::Attribute]) -> Self {
        Item {
            kind,
            path: path.to_string(),
            line,
            docs: docs(attrs),
            constructible: false,
            module: String::new(),
            features: cfg_features(attrs),
        }
    }

    /// Whether a build with `features` on has the item.
    pub fn in_build(&self, features: &[&str]) -> bool {
        match &self.features {
            None => true,
            Some(any) => any.iter().any(|f| features.contains(&f.as_str())),
        }
    }

    /// What identifies the item across versions: a changed line under the same key is a
    /// changed item. Trait impls are identified by their whole line.
    pub fn key(&self) -> String {
        match self.kind {
            ItemKind::Impl => self.line.clone(),
            kind => format!("{} {}", kind.noun(), self.path),
        }
    }
}

/// The features of `#[cfg(feature = "a")]` or `#[cfg(any(feature = "a", …))]`, the two
/// shapes the generator writes.
pub(crate) fn cfg_features(attrs: &[syn::Attribute]) -> Option<Vec<String>> {
    let attr = attrs.iter().find(|a| a.path().is_ident("cfg"))?;
    let mut features = Vec::new();
    let _ = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("feature") {
            features.push(meta.value()?.parse::<syn::LitStr>()?.value());
        } else if meta.path.is_ident("any") {
            meta.parse_nested_meta(|inner| {
                if inner.path.is_ident("feature") {
                    features.push(inner.value()?.parse::<syn::LitStr>()?.value());
                }
                Ok(())
            })?;
        }
        Ok(())
    });
    (!features.is_empty()).then_some(features)
}

fn docs(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) = &nv.value
            {
                lines.push(text.value());
            }
        }
    }
    lines.join("\n")
}

/// A crate's public API: its items by [`Item::key`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// Every public item, by its [`Item::key`].
    pub items: BTreeMap<String, Item>,
}

impl Surface {
    /// The surface of exactly these items, each under its key.
    pub(crate) fn from_items(items: impl IntoIterator<Item = Item>) -> Self {
        let mut surface = Surface::default();
        for item in items {
            surface.items.insert(item.key(), item);
        }
        surface
    }

    /// The public items of a crate's files (its `src/**.rs`; other files are ignored).
    pub fn of_files(files: &[GeneratedFile]) -> Result<Self, Error> {
        let mut items = Vec::new();
        let mut parsed = Vec::new();
        for file in files {
            let Some(module) = module_path(&file.path) else {
                continue;
            };
            let syntax = syn::parse_file(&file.contents).map_err(|e| {
                Error::new("", format!("`{}` does not parse as Rust: {e}", file.path))
            })?;
            parsed.push((file.path.as_str(), module, syntax));
        }
        for (path, module, syntax) in &parsed {
            // `operations/mod.rs` only declares the resources' modules and re-exports them
            // whole: their items are listed under `operations::` already.
            if *path == format!("src/{FLATTENED_MODULE}/mod.rs") {
                continue;
            }
            let before = items.len();
            extract::items(syntax, module, &mut items);
            // A file's module may be declared behind a feature (`#[cfg(..)] mod events;`).
            if let Some(features) = declared_features(&parsed, path) {
                for item in &mut items[before..] {
                    item.features.get_or_insert_with(|| features.clone());
                }
            }
        }
        Ok(Self::of_items(items))
    }

    /// The public API of a crate whose files' items (each read with its module path)
    /// these are.
    pub(crate) fn of_items(items: Vec<Item>) -> Self {
        Self::from_items(public_paths(items))
    }

    /// The part of the API a build with `features` on has.
    pub fn in_build(&self, features: &[&str]) -> Surface {
        Surface {
            items: self
                .items
                .iter()
                .filter(|(_, item)| item.in_build(features))
                .map(|(key, item)| (key.clone(), item.clone()))
                .collect(),
        }
    }

    /// One line per item, sorted by the item's path so that a type's fields, functions
    /// and impls stand together.
    pub fn listing(&self) -> String {
        let mut lines: Vec<(&str, ItemKind, &str)> = self
            .items
            .values()
            .map(|i| (i.path.as_str(), i.kind, i.line.as_str()))
            .collect();
        lines.sort();
        lines.dedup();
        let mut out = String::new();
        for (_, _, line) in lines {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// Items as users reach them. Each file was read as if its module were public; here an
/// item in a private module is kept only when a `pub use` (or a `pub type` alias) at a
/// public path names it or its type, and then under that path: `runtime::client::Client`,
/// re-exported as `Client`, lists as `Client`, with its methods and impls.
fn public_paths(items: Vec<Item>) -> Vec<Item> {
    let public_modules: BTreeSet<String> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Module)
        .map(|i| i.path.clone())
        .collect();
    let is_public = |module: &str| {
        let mut prefix = String::new();
        for part in module.split("::").filter(|p| !p.is_empty()) {
            if !prefix.is_empty() {
                prefix.push_str("::");
            }
            prefix.push_str(part);
            if !public_modules.contains(prefix.as_str()) {
                return false;
            }
        }
        true
    };
    let module_of = |path: &str| path.rsplit_once("::").map_or("", |(m, _)| m).to_string();
    // Every module of this crate, public or not: a path outside them (`serde_json::Value`)
    // names another crate's item and is never renamed.
    let crate_modules: BTreeSet<String> = items
        .iter()
        .flat_map(|i| {
            let module = (i.kind == ItemKind::Module).then(|| i.path.clone());
            [Some(i.module.clone()), module]
        })
        .flatten()
        .filter(|m| !m.is_empty())
        .collect();
    // (private target, public name), longest target first so that `...::ClientBuilder`
    // is not taken for `...::Client` + `Builder`.
    let mut renames: Vec<(String, String)> = items
        .iter()
        .filter_map(|i| match i.kind {
            ItemKind::Reexport | ItemKind::TypeAlias => {
                let target = i.line.rsplit(" = ").next()?;
                let target = target.split('<').next()?.trim();
                let target = target.strip_prefix("crate::").unwrap_or(target).to_string();
                let module = module_of(&target);
                let in_crate = crate_modules.contains(&module);
                let private = !is_public(&module);
                (in_crate && private && is_public(&i.module)).then(|| (target, i.path.clone()))
            }
            _ => None,
        })
        .collect();
    // A `pub use` names a type better than an alias of it (`error::Error`, not the
    // `Error` alias with its default parameter).
    renames.sort_by_key(|(target, public)| {
        let alias = !items
            .iter()
            .any(|i| i.kind == ItemKind::Reexport && i.path == *public);
        (std::cmp::Reverse(target.len()), alias)
    });
    // Every target starts with one of these (`runtime`): most lines hold none, and one
    // search for it is cheaper than one per target (a tenth of a debug-built run).
    let first_segments: BTreeSet<&str> = renames
        .iter()
        .map(|(target, _)| target.split("::").next().unwrap_or(target))
        .collect();
    let rename = |text: &str| -> String {
        let mut out = text.to_string();
        if !first_segments.iter().any(|segment| text.contains(segment)) {
            return out;
        }
        for (target, public) in &renames {
            let mut from = 0;
            while let Some(at) = out[from..].find(target.as_str()).map(|at| at + from) {
                let end = at + target.len();
                let word = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
                // Whole paths only: `runtime::X` is not renamed inside `other::runtime::X`.
                let before = out[..at].strip_suffix("crate::").unwrap_or(&out[..at]);
                let starts = !before.ends_with(word);
                let boundary = !out[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
                if starts && boundary {
                    out.replace_range(at..end, public);
                    from = at + public.len();
                } else {
                    from = end;
                }
            }
        }
        out
    };
    items
        .into_iter()
        .filter_map(|mut item| {
            // The re-export that gives an item its listed path says nothing more; another
            // path to the same item stays, shown as a re-export of the listed one
            // (`pub use error::ApiError = ApiError`).
            if item.kind == ItemKind::Reexport {
                let target = item.line.rsplit(" = ").next().unwrap_or("");
                let target = target.strip_prefix("crate::").unwrap_or(target);
                let listed = renames.iter().find(|(t, _)| t == target);
                if listed.is_some_and(|(_, public)| *public == item.path) {
                    return None;
                }
            }
            // An impl of a trait users cannot name (the runtime's own) is not their API.
            if item.kind == ItemKind::Impl {
                let implemented = item.line.split(" for ").next().unwrap_or("");
                let implemented = implemented.split_whitespace().last().unwrap_or("");
                let implemented = implemented.split('<').next().unwrap_or(implemented);
                // `super::query::QueryValue` written in `runtime::nullable` is
                // `runtime::query::QueryValue`.
                let resolved = implemented.strip_prefix("super::").map(|rest| {
                    let parent = module_of(&item.module);
                    if parent.is_empty() {
                        rest.to_string()
                    } else {
                        format!("{parent}::{rest}")
                    }
                });
                let reachable = match implemented.strip_prefix("crate::").or(resolved.as_deref()) {
                    Some(path) => is_public(&module_of(path)),
                    // Named bare inside a private module: a standard trait, or the module's own.
                    None if !implemented.contains("::") && !is_public(&item.module) => {
                        STD_TRAITS.contains(&implemented)
                    }
                    None => true,
                };
                if !reachable {
                    return None;
                }
            }
            if is_public(&item.module) && item.kind != ItemKind::Impl {
                item.line = rename(&item.line);
                return Some(item);
            }
            let path = rename(&item.path);
            let reached = path != item.path || is_public(&item.module);
            if !reached {
                return None;
            }
            item.line = rename(&item.line);
            item.path = path;
            Some(item)
        })
        .collect()
}

/// Traits of the standard library that code names without a path.
const STD_TRAITS: &[&str] = &[
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Display",
    "Eq",
    "Error",
    "From",
    "FromStr",
    "Hash",
    "Into",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "AsRef",
    "Deref",
    "Iterator",
    "TryFrom",
    "IntoIterator",
    "Send",
    "Sync",
];

/// `src/types.rs` → `types`, `src/runtime/mod.rs` → `runtime`, `src/lib.rs` → the root.
pub(crate) fn module_path(file: &str) -> Option<String> {
    let rust = file.strip_prefix("src/")?.strip_suffix(".rs")?;
    let mut parts: Vec<&str> = rust
        .split('/')
        .filter(|p| !matches!(*p, "lib" | "mod" | "main"))
        .collect();
    // The generator's `operations/<resource>.rs` are private modules whose items
    // `operations/mod.rs` re-exports: users name them `operations::X`.
    if parts.len() == 2 && parts[0] == FLATTENED_MODULE {
        parts.pop();
    }
    Some(parts.join("::"))
}

/// The features on the `mod` item that declares the file at `path` (`src/a/b.rs` is
/// declared as `mod b;` in `src/a/mod.rs`).
fn declared_features(parsed: &[(&str, String, syn::File)], path: &str) -> Option<Vec<String>> {
    let (dir, file) = path.strip_suffix(".rs")?.rsplit_once('/')?;
    let parent = format!("{dir}/mod.rs");
    let (_, _, syntax) = parsed.iter().find(|(p, _, _)| *p == parent)?;
    syntax.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == file => cfg_features(&m.attrs),
        _ => None,
    })
}

/// The module whose submodules (one per resource) are private and re-exported whole.
const FLATTENED_MODULE: &str = "operations";
