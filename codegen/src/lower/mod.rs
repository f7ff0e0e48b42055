//! Stage 2: the raw spec tree → the IR ([`crate::ir::Api`]).
//!
//! Every component schema gets a [`TypeId`] before any is converted, so references in any
//! order (forward, backward, cyclic) resolve to an id. Inline schemas that need a name are
//! named after where they sit (`Source` + `type` → `SourceType`) and shared when two are
//! identical. A pre-pass finds the sibling-discriminated unions (see [`sibling`]) so that
//! a union is lowered once, knowing how it is used.

mod cycles;
mod operation;
mod params;
mod responses;
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
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub fn lower(doc: &Document, settings: &Settings) -> Result<Api> {
    // Passes over the same document. The first settles each operation's method name: types
    // named after an operation (its parameters', body's, response's) take the name of the
    // method a user calls (`list_connections().name(..)` takes a `ListConnectionsName`,
    // whatever the operationId). The next learn where each inline schema is used, so that
    // one used in several places gets one name from all its uses (see `inline_names`),
    // whichever is met first. The IR is the one of the pass whose names settled.
    let siblings = sibling::find_uses(&doc.root, settings)?;
    let mut naming = Lowerer::new(&doc.root, settings, siblings.clone(), HashMap::new());
    let method_names: HashMap<String, String> = naming
        .run()?
        .0
        .into_iter()
        .map(|op| (op.operation_id, op.method_name))
        .collect();
    // A nested inline schema is named after its parent, so a parent's shared name changes
    // its children's: repeat until the names settle (one more pass for each level of
    // shared inline schemas nested in shared inline schemas; twice for Hookdeck's specs).
    let mut names = HashMap::new();
    let mut settled_pass = None;
    for _ in 0..MAX_NAMING_PASSES {
        let mut pass = Lowerer::new(&doc.root, settings, siblings.clone(), names.clone());
        pass.method_names = method_names.clone();
        let operations = pass.run()?;
        let settled = {
            let component_names: BTreeSet<&str> = pass
                .components
                .values()
                .map(|id| pass.name_of(*id))
                .collect();
            inline_names(&pass.inline_uses, &component_names, settings)
        };
        if settled == names {
            // This pass already used the settled names: it is the last pass.
            settled_pass = Some((pass, operations));
            break;
        }
        names = settled;
    }
    let (mut lowerer, (operations, resources)) = match settled_pass {
        Some(pass) => pass,
        None => {
            let mut lowerer = Lowerer::new(&doc.root, settings, siblings, names);
            lowerer.method_names = method_names;
            let operations = lowerer.run()?;
            (lowerer, operations)
        }
    };
    let root = At::new(&doc.root, "");
    let info = root
        .get("info")
        .ok_or_else(|| Error::new("/info", "missing `info`"))?;
    let warnings = std::mem::take(&mut lowerer.warnings);
    let mut types = lowerer.finish()?;
    cycles::check(&mut types)?;
    former_names(&mut types, settings)?;
    Ok(Api {
        title: match &settings.api_title {
            Some(title) => title.clone(),
            None => info.str("title")?.unwrap_or("API").to_string(),
        },
        version: info.str("version")?.unwrap_or("0").to_string(),
        description: match &settings.api_description {
            Some(description) => Some(description.clone()),
            None => info.str("description")?.map(str::to_string),
        },
        base_url: first_server(&root)?,
        auth: auth_schemes(&root)?,
        types,
        operations,
        resources,
        warnings,
    })
}

/// The aliases [`Settings::former_names`] asks for.
fn former_names(types: &mut Vec<TypeDef>, settings: &Settings) -> Result<()> {
    for (former, now) in &settings.former_names {
        if types.iter().any(|t| &t.name == former) {
            continue; // the name is in use (a spec without the others, say): nothing to keep
        }
        // Settings serve several specs; one without the type keeps no alias.
        let Some(index) = types.iter().position(|t| &t.name == now) else {
            continue;
        };
        let pointer = types[index].pointer.clone();
        types.push(TypeDef {
            name: former.clone(),
            docs: Some(format!(
                "The former name of [`{now}`], kept so that code written against it compiles."
            )),
            pointer,
            kind: TypeKind::Alias(crate::ir::TypeRef::Named(TypeId(index))),
        });
    }
    Ok(())
}

/// Naming passes at most: enough for inline schemas shared at four levels of nesting.
const MAX_NAMING_PASSES: usize = 5;

/// The name of each inline schema that needs one, from the set of its uses alone, so no
/// order of the spec changes it:
/// - a name the settings give any of its places (the smallest, if several do);
/// - used under one name, that name (`Source` + `type` → `SourceType`);
/// - used under several, the words all the names share at the start and at the end
///   (`DestinationTypeConfig` + `RateLimitPeriod` from the HTTP, CLI and MOCK_API configs);
/// - when they share no last word, or the shared words name a component or another inline
///   schema as well, the smallest of the names.
fn inline_names(
    uses: &BTreeMap<String, BTreeSet<InlineUse>>,
    components: &BTreeSet<&str>,
    settings: &Settings,
) -> HashMap<String, String> {
    let mut chosen: Vec<(&String, String, bool)> = Vec::new();
    for (canonical, uses) in uses {
        let configured = uses
            .iter()
            .filter_map(|u| settings.type_name_for(&u.pointer))
            .min();
        let hints: BTreeSet<&str> = uses.iter().map(|u| u.hint.as_str()).collect();
        match configured {
            Some(name) => chosen.push((canonical, name.to_string(), true)),
            None => chosen.push((canonical, common_name(&hints), false)),
        }
    }
    let mut claims: HashMap<String, usize> = HashMap::new();
    for (_, name, _) in &chosen {
        *claims.entry(name.clone()).or_default() += 1;
    }
    chosen
        .into_iter()
        .map(|(canonical, name, configured)| {
            let clash = claims[&name] > 1 || components.contains(name.as_str());
            let name = if clash && !configured {
                smallest_hint(&uses[canonical])
            } else {
                name
            };
            (canonical.clone(), name)
        })
        .collect()
}

fn smallest_hint(uses: &BTreeSet<InlineUse>) -> String {
    uses.iter()
        .map(|u| u.hint.as_str())
        .min()
        .unwrap_or("Inline")
        .to_string()
}

fn common_name(hints: &BTreeSet<&str>) -> String {
    let smallest = hints.iter().next().copied().unwrap_or("Inline").to_string();
    let words: Vec<Vec<String>> = hints.iter().map(|h| names::camel_words(h)).collect();
    if words.len() < 2 {
        return smallest;
    }
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let prefix = (0..shortest)
        .take_while(|&i| words.iter().all(|w| w[i] == words[0][i]))
        .count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| {
            words
                .iter()
                .all(|w| w[w.len() - 1 - i] == words[0][words[0].len() - 1 - i])
        })
        .count();
    if suffix == 0 {
        return smallest; // the property names differ: no shared word says what it is
    }
    let first = &words[0];
    first[..prefix]
        .iter()
        .chain(&first[first.len() - suffix..])
        .cloned()
        .collect()
}

/// One place an inline schema is used: the name that place suggests, and its pointer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct InlineUse {
    pub hint: String,
    pub pointer: String,
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
    /// Set while a parameter's schema is lowered: parameters carry no `null`.
    pub(crate) in_parameter: bool,
    /// What the generated crate does less well than the spec asks.
    pub(crate) warnings: Vec<crate::error::Warning>,
    /// Canonical JSON of an inline schema → the places it is used.
    pub(crate) inline_uses: BTreeMap<String, BTreeSet<InlineUse>>,
    /// Canonical JSON → the name for an inline schema (from the first pass's uses).
    pub(crate) inline_names: HashMap<String, String>,
    /// operationId → the Rust method's name (from the first pass).
    pub(crate) method_names: HashMap<String, String>,
}

impl<'a> Lowerer<'a> {
    /// Lowers the components and the operations.
    fn run(&mut self) -> Result<(Vec<crate::ir::Operation>, Vec<crate::ir::Resource>)> {
        self.declare_components()?;
        self.define_components()?;
        let operations = operation::lower_operations(self)?;
        self.apply_constant_tags();
        Ok(operations)
    }

    fn new(
        root: &'a Value,
        settings: &'a Settings,
        siblings: HashMap<String, sibling::SiblingUse>,
        inline_names: HashMap<String, String>,
    ) -> Self {
        let mut names = Namespace::new();
        for reserved in crate::reserved::TYPE_NAMES {
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
            siblings,
            inline_uses: BTreeMap::new(),
            inline_names,
            method_names: HashMap::new(),
            constant_tags: Vec::new(),
            depth: 0,
            in_parameter: false,
            warnings: Vec::new(),
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
        node::resolve(self.root, at)
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
