//! Stage 2: the raw spec tree → the IR ([`crate::ir::Api`]).
//!
//! Every component schema gets a [`TypeId`] before any is converted, so references in any
//! order (forward, backward, cyclic) resolve to an id. Inline schemas that need a name are
//! named after where they sit (`Source` + `type` → `SourceType`) and shared when two are
//! identical. A pre-pass finds the sibling-discriminated unions (see [`sibling`]) so that
//! a union is lowered once, knowing how it is used.

mod cycles;
mod operation;
mod schema;
mod sibling;
mod union;

pub mod node;

use crate::error::{Error, Result};
use crate::ir::{Api, AuthSchemes, TypeDef, TypeId, TypeKind};
use crate::load::Document;
use crate::names::{self, Namespace};
use crate::settings::Settings;
use node::At;
use serde_json::Value;
use std::collections::HashMap;

/// Names the generated `types` module cannot use because the generated code relies on
/// the prelude meaning of them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "From",
    "Into",
    "Iterator",
    "Send",
    "Sync",
    "Sized",
    "ToString",
    "ToOwned",
];

pub fn lower(doc: &Document, settings: &Settings) -> Result<Api> {
    let mut lowerer = Lowerer::new(&doc.root, settings);
    lowerer.declare_components()?;
    lowerer.siblings = sibling::find_uses(&doc.root, settings)?;
    lowerer.define_components()?;
    let operations = operation::lower_operations(&mut lowerer)?;
    lowerer.apply_constant_tags();
    let root = At::new(&doc.root, "");
    let info = root
        .get("info")
        .ok_or_else(|| Error::new("/info", "missing `info`"))?;
    let mut types = lowerer.finish()?;
    cycles::check(&mut types)?;
    Ok(Api {
        title: info.str("title")?.unwrap_or("API").to_string(),
        version: info.str("version")?.unwrap_or("0").to_string(),
        description: info.str("description")?.map(str::to_string),
        base_url: first_server(&root)?,
        auth: auth_schemes(&root)?,
        types,
        operations,
    })
}

fn first_server(root: &At<'_>) -> Result<Option<String>> {
    Ok(match root.items("servers")?.first() {
        Some(server) => server.str("url")?.map(str::to_string),
        None => None,
    })
}

fn auth_schemes(root: &At<'_>) -> Result<AuthSchemes> {
    let mut auth = AuthSchemes::default();
    if let Some(components) = root.get("components") {
        for (_, scheme) in components.entries("securitySchemes")? {
            if scheme.str("type")? == Some("http") {
                match scheme
                    .str("scheme")?
                    .map(str::to_ascii_lowercase)
                    .as_deref()
                {
                    Some("bearer") => auth.bearer = true,
                    Some("basic") => auth.basic = true,
                    _ => {}
                }
            }
        }
    }
    Ok(auth)
}

/// The type space under construction.
pub(crate) struct Lowerer<'a> {
    pub root: &'a Value,
    pub settings: &'a Settings,
    /// Slots filled as types are defined; every id handed out gets filled.
    types: Vec<Option<TypeDef>>,
    /// Names of allocated ids (known before their definitions).
    type_names: Vec<String>,
    names: Namespace,
    /// Component schema pointer → id.
    components: HashMap<String, TypeId>,
    /// Canonical JSON of an inline schema → id, so identical inline schemas share a type.
    inline: HashMap<String, TypeId>,
    /// Union pointer → how a parent object discriminates it.
    siblings: HashMap<String, sibling::SiblingUse>,
    /// (struct, tag property, tag value) for the variants of tagged unions.
    constant_tags: Vec<(TypeId, String, String)>,
    /// Guards against `$ref` chains that never reach a schema.
    depth: usize,
}

impl<'a> Lowerer<'a> {
    fn new(root: &'a Value, settings: &'a Settings) -> Self {
        let mut names = Namespace::new();
        for reserved in RESERVED_TYPE_NAMES {
            names.reserve(reserved);
        }
        Lowerer {
            root,
            settings,
            types: Vec::new(),
            type_names: Vec::new(),
            names,
            components: HashMap::new(),
            inline: HashMap::new(),
            siblings: HashMap::new(),
            constant_tags: Vec::new(),
            depth: 0,
        }
    }

    fn component_schemas(&self) -> Result<Vec<(&'a str, At<'a>)>> {
        let root = At::new(self.root, "");
        match root.get("components") {
            Some(components) => components.entries("schemas"),
            None => Ok(Vec::new()),
        }
    }

    fn declare_components(&mut self) -> Result<()> {
        for (key, at) in self.component_schemas()? {
            let id = self.allocate(names::type_name(key, "Schema"));
            self.components.insert(at.pointer.clone(), id);
        }
        Ok(())
    }

    fn define_components(&mut self) -> Result<()> {
        for (_, at) in self.component_schemas()? {
            let id = self.components[&at.pointer];
            if self.types[id.0].is_none() {
                self.define(id, &at)?;
            }
        }
        Ok(())
    }

    /// Hands out an id with a unique name; the slot must be filled with [`Self::fill`].
    pub fn allocate(&mut self, wanted: String) -> TypeId {
        let name = self.names.unique(wanted);
        self.types.push(None);
        self.type_names.push(name);
        TypeId(self.types.len() - 1)
    }

    pub fn name_of(&self, id: TypeId) -> &str {
        &self.type_names[id.0]
    }

    pub fn fill(&mut self, id: TypeId, pointer: &str, docs: Option<String>, kind: TypeKind) {
        self.types[id.0] = Some(TypeDef {
            name: self.type_names[id.0].clone(),
            docs,
            pointer: pointer.to_string(),
            kind,
        });
    }

    /// The definition of `id`, when it is already filled.
    pub fn defined(&self, id: TypeId) -> Option<&TypeKind> {
        self.types[id.0].as_ref().map(|t| &t.kind)
    }

    pub fn component_id(&self, pointer: &str) -> Option<TypeId> {
        self.components.get(pointer).copied()
    }

    /// Resolves `$ref`s until a schema that is not a reference.
    pub fn resolve(&self, at: &At<'a>) -> Result<At<'a>> {
        let mut current = at.clone();
        for _ in 0..64 {
            match current.str("$ref")? {
                Some(reference) => current = node::resolve_pointer(self.root, reference, &current)?,
                None => return Ok(current),
            }
        }
        Err(at.error("`$ref` chain is longer than 64 steps or loops on itself"))
    }

    fn apply_constant_tags(&mut self) {
        for (id, tag, value) in std::mem::take(&mut self.constant_tags) {
            if let Some(TypeDef {
                kind: TypeKind::Struct(s),
                ..
            }) = self.types[id.0].as_mut()
            {
                s.fields.retain(|f| f.wire_name != tag);
                s.constant_tag = Some((tag, value));
            }
        }
    }

    fn finish(self) -> Result<Vec<TypeDef>> {
        self.types
            .into_iter()
            .zip(self.type_names)
            .map(|(slot, name)| {
                slot.ok_or_else(|| {
                    Error::new("", format!("internal: type `{name}` was never defined"))
                })
            })
            .collect()
    }
}
