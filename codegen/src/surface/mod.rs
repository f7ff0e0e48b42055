//! The public API of a generated crate, listed and compared.
//!
//! [`extract`] reads the generated Rust files into [`Item`]s; [`Surface::listing`] is the
//! sorted one-line-per-item text the generator writes beside the crate's sources
//! (`public-api.txt`), and [`changelog`] says what changed between two surfaces and which
//! version bump that implies.

pub mod changelog;
pub mod extract;

use crate::error::Error;
use crate::GeneratedFile;
use std::collections::BTreeMap;

/// The file, relative to the crate root, that lists the public API.
pub const LISTING_PATH: &str = "public-api.txt";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Module,
    Struct,
    Enum,
    Trait,
    TypeAlias,
    Const,
    Reexport,
    Field,
    Variant,
    Function,
    Impl,
}

impl ItemKind {
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
}

impl Item {
    fn new(kind: ItemKind, path: &str, line: String, attrs: &[syn::Attribute]) -> Self {
        Item {
            kind,
            path: path.to_string(),
            line,
            docs: docs(attrs),
            constructible: false,
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
    pub items: BTreeMap<String, Item>,
}

impl Surface {
    pub fn from_items(items: impl IntoIterator<Item = Item>) -> Self {
        let mut surface = Surface::default();
        for item in items {
            surface.items.insert(item.key(), item);
        }
        surface
    }

    /// The public items of a crate's files (its `src/**.rs`; other files are ignored).
    pub fn of_files(files: &[GeneratedFile]) -> Result<Self, Error> {
        let mut items = Vec::new();
        for file in files {
            let Some(module) = module_path(&file.path) else {
                continue;
            };
            let syntax = syn::parse_file(&file.contents).map_err(|e| {
                Error::new("", format!("`{}` does not parse as Rust: {e}", file.path))
            })?;
            extract::items(&syntax, &module, &mut items);
        }
        Ok(Self::from_items(items))
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

/// `src/types.rs` → `types`, `src/runtime/mod.rs` → `runtime`, `src/lib.rs` → the root.
pub fn module_path(file: &str) -> Option<String> {
    let rust = file.strip_prefix("src/")?.strip_suffix(".rs")?;
    let parts: Vec<&str> = rust
        .split('/')
        .filter(|p| !matches!(*p, "lib" | "mod" | "main"))
        .collect();
    Some(parts.join("::"))
}
