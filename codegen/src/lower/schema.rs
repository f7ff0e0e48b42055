//! Schemas → type expressions and type definitions.

use super::node::At;
use super::Lowerer;
use crate::error::Result;
use crate::ir::{
    EnumVariant, Field, IntKind, Presence, SiblingField, StringEnum, Struct, TypeId, TypeKind,
    TypeRef,
};
use crate::names::{self, Namespace};
use heck::ToUpperCamelCase;
use serde_json::Value;

/// What a schema is, after looking at its keywords.
pub(crate) enum Shape<'a> {
    Union(Vec<At<'a>>),
    /// `allOf` composing an object: the properties of every part, merged.
    AllOf(Vec<At<'a>>),
    /// A schema that is another schema's type: `allOf` of one part and nothing else, or an
    /// `allOf` of parts none of which is an object (`allOf: [{type: string}, {maxLength: 5}]`).
    Same(At<'a>),
    StringEnum(Vec<String>),
    Object,
    /// An object of arbitrary keys whose values have this schema (`None`: any JSON).
    Map(Option<At<'a>>),
    Array(At<'a>),
    Primitive(TypeRef),
}

impl<'a> Lowerer<'a> {
    /// Whether a schema (after `$ref`s) admits `null`: it says `nullable`, or it is a union
    /// with a branch that does (`anyOf: [{type: object, nullable: true}, …]`).
    pub fn nullable(&self, at: &At<'a>) -> Result<bool> {
        self.nullable_within(at, 0)
    }

    fn nullable_within(&self, at: &At<'a>, depth: usize) -> Result<bool> {
        let target = self.resolve(at)?;
        if target.bool("nullable")? || target.bool("x-nullable")? {
            return Ok(true);
        }
        // Unions nest only a few levels; a deeper chain is a cycle of unions.
        if depth > 16 {
            return Ok(false);
        }
        for key in ["oneOf", "anyOf"] {
            for branch in target.items(key)? {
                if self.nullable_within(&branch, depth + 1)? {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// The type of a schema that appears where a value is always present (an array item, a
    /// map value, a body): `T`, or `Option<T>` when the schema admits `null`.
    pub fn present_type_of(&mut self, at: &At<'a>, hint: &str) -> Result<TypeRef> {
        let ty = self.type_of(at, hint)?;
        let nullable = !self.in_parameter && self.nullable(at)?;
        Ok(
            if nullable && !matches!(ty, TypeRef::Json | TypeRef::Nullable(_)) {
                TypeRef::Nullable(Box::new(ty))
            } else {
                ty
            },
        )
    }

    pub fn shape(&self, at: &At<'a>) -> Result<Shape<'a>> {
        if let Some(not) = at.get("not") {
            return Err(not.error("`not` schemas are not supported"));
        }
        let one_of = at.items("oneOf")?;
        let any_of = at.items("anyOf")?;
        let has_properties = !at.entries("properties")?.is_empty();
        if !one_of.is_empty() || !any_of.is_empty() {
            // `{type: object, properties: {}, oneOf: [...]}` (how Hookdeck writes its config
            // unions) read literally admits only `{}`; it is meant as the union.
            if has_properties {
                return Err(at.error(
                    "a schema with both `properties` and `oneOf`/`anyOf` is not supported",
                ));
            }
            let mut branches = one_of;
            branches.extend(any_of);
            // A union of one (how 3.0 specs often write a nullable reference) is that type.
            if let [only] = branches.as_slice() {
                if !at.has("discriminator") && !self.is_sibling_union_pointer(&at.pointer) {
                    return Ok(Shape::Same(only.clone()));
                }
            }
            return Ok(Shape::Union(branches));
        }
        let all_of = at.items("allOf")?;
        if !all_of.is_empty() {
            if all_of.len() == 1 && !has_properties {
                return Ok(Shape::Same(all_of[0].clone()));
            }
            if has_properties || self.all_of_is_object(&all_of, &mut Vec::new())? {
                return Ok(Shape::AllOf(all_of));
            }
            // Constraints on a scalar: the first part that says what the value is.
            let typed = all_of
                .iter()
                .find(|p| p.has("$ref") || p.has("type") || p.has("enum"));
            return Ok(match typed {
                Some(part) => Shape::Same(part.clone()),
                None => Shape::Primitive(TypeRef::Json),
            });
        }
        let ty = at.str("type")?;
        if let Some(values) = at.get("enum") {
            let list = values
                .value
                .as_array()
                .ok_or_else(|| values.error("`enum` must be a sequence"))?;
            if matches!(ty, None | Some("string"))
                && list.iter().all(|v| v.is_string() || v.is_null())
            {
                let strings: Vec<String> = list
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                if !strings.is_empty() {
                    return Ok(Shape::StringEnum(strings));
                }
            }
        }
        Ok(match ty {
            Some("string") => Shape::Primitive(match at.str("format")? {
                Some("date-time") => TypeRef::DateTime,
                _ => TypeRef::String,
            }),
            Some("boolean") => Shape::Primitive(TypeRef::Bool),
            Some("integer") => Shape::Primitive(TypeRef::Int(self.int_kind(at)?)),
            // JSON numbers are doubles: `format: float` (a count of 16,777,217, say) would
            // lose digits in an `f32`, so every number is an `f64`.
            Some("number") => Shape::Primitive(TypeRef::Number),
            Some("array") => match at.get("items") {
                Some(items) => Shape::Array(items),
                None => Shape::Primitive(TypeRef::Array(Box::new(TypeRef::Json))),
            },
            Some("object") | None if has_properties => Shape::Object,
            Some("object") => map_shape(at),
            // `additionalProperties` alone says the value is an object too.
            None if at.has("additionalProperties") => map_shape(at),
            None => Shape::Primitive(TypeRef::Json),
            Some(other) => return Err(at.error(format!("unknown schema type `{other}`"))),
        })
    }

    /// Integer width: the declared format, or the smallest unsigned type the declared
    /// bounds fit (`limit: 0..=255` → `u8`), else `i64`.
    fn int_kind(&self, at: &At<'a>) -> Result<IntKind> {
        let min = at.f64("minimum")?;
        let max = at.f64("maximum")?;
        if let (Some(min), Some(max)) = (min, max) {
            if min >= 0.0 {
                for (limit, kind) in [
                    (255.0, IntKind::U8),
                    (65535.0, IntKind::U16),
                    (4294967295.0, IntKind::U32),
                ] {
                    if max <= limit {
                        return Ok(kind);
                    }
                }
            }
        }
        Ok(match at.str("format")? {
            Some("int32") => IntKind::I32,
            Some("uint32") => IntKind::U32,
            Some("uint64") => IntKind::U64,
            _ => IntKind::I64,
        })
    }

    /// The type expression for a schema, defining named types as needed. `hint` names
    /// an inline schema that needs a name.
    pub fn type_of(&mut self, at: &At<'a>, hint: &str) -> Result<TypeRef> {
        if let Some(reference) = at.str("$ref")? {
            let target = super::node::resolve_pointer(self.root, reference, at)?;
            if self.is_sibling_union_pointer(&target.pointer) {
                // Without its tag beside it, a sibling-discriminated value is plain JSON.
                return Ok(TypeRef::Json);
            }
            if let Some(id) = self.component_id(&target.pointer) {
                return Ok(TypeRef::Named(id));
            }
            self.depth += 1;
            if self.depth > 64 {
                return Err(at.error("`$ref` chain is too deep or loops on itself"));
            }
            let result = self.type_of(&target, hint);
            self.depth -= 1;
            return result;
        }
        match self.shape(at)? {
            Shape::Primitive(ty) => Ok(ty),
            Shape::Array(items) => Ok(TypeRef::Array(Box::new(
                self.present_type_of(&items, &format!("{hint}Item"))?,
            ))),
            Shape::Map(None) => Ok(TypeRef::JsonObject),
            Shape::Map(Some(values)) => Ok(TypeRef::Map(Box::new(
                self.present_type_of(&values, &format!("{hint}Value"))?,
            ))),
            Shape::Union(_) if self.is_sibling_union_pointer(&at.pointer) => Ok(TypeRef::Json),
            Shape::Union(branches) => match self.one_or_many(&branches, hint)? {
                Some(ty) => Ok(ty),
                None => self.named_inline(at, hint),
            },
            Shape::Same(target) => self.type_of(&target, hint),
            Shape::StringEnum(_) | Shape::Object | Shape::AllOf(_) => self.named_inline(at, hint),
        }
    }

    /// An inline schema that needs a named type: shared with an identical one seen before.
    fn named_inline(&mut self, at: &At<'a>, hint: &str) -> Result<TypeRef> {
        // The tree is in canonical order (`load::canonical`), so identical schemas have
        // identical text.
        let canonical = at.value.to_string();
        let hint_name = names::type_name(hint, "Inline");
        self.inline_uses
            .entry(canonical.clone())
            .or_default()
            .insert(super::InlineUse {
                hint: hint_name.clone(),
                pointer: at.pointer.clone(),
            });
        if let Some(id) = self.inline.get(&canonical) {
            return Ok(TypeRef::Named(*id));
        }
        let name = self
            .inline_names
            .get(&canonical)
            .cloned()
            .unwrap_or_else(|| self.inline_name(at, hint));
        let id = self.allocate(name);
        self.inline.insert(canonical, id);
        self.define(id, at)?;
        Ok(TypeRef::Named(id))
    }

    /// A type of its own for an operation's body or response, even when another
    /// operation's is identical (`create` and `upsert` each get theirs).
    pub fn operation_type(&mut self, at: &At<'a>, hint: &str) -> Result<TypeRef> {
        if at.has("$ref") {
            return self.type_of(at, hint);
        }
        match self.shape(at)? {
            Shape::Object | Shape::AllOf(_) => {
                let id = self.allocate(self.inline_name(at, hint));
                self.define(id, at)?;
                Ok(TypeRef::Named(id))
            }
            _ => self.type_of(at, hint),
        }
    }

    fn inline_name(&self, at: &At<'a>, hint: &str) -> String {
        match self.settings.type_name_for(&at.pointer) {
            Some(name) => name.to_string(),
            None => names::type_name(hint, "Inline"),
        }
    }

    /// Defines the named type `id` from the schema at `at`.
    pub fn define(&mut self, id: TypeId, at: &At<'a>) -> Result<()> {
        let name = self.name_of(id).to_string();
        let docs = doc_of(at)?;
        if at.has("$ref") {
            let target = self.type_of(at, &name)?;
            self.fill(id, &at.pointer, docs, TypeKind::Alias(target));
            return Ok(());
        }
        // A non-string enum stays its primitive type; its values go in the docs.
        let docs = match (at.get("enum"), self.shape(at)?) {
            (Some(values), Shape::Primitive(_)) => with_allowed_values(docs, values.value),
            _ => docs,
        };
        let kind = match self.shape(at)? {
            Shape::StringEnum(values) => TypeKind::StringEnum(string_enum(&values)),
            Shape::Object => TypeKind::Struct(self.lower_struct(at, &name)?),
            Shape::AllOf(parts) => TypeKind::Struct(self.lower_all_of(at, &parts, &name)?),
            Shape::Union(branches) => self.lower_union(at, &branches, &name)?,
            // The type expression itself needs no name; the component gets an alias.
            Shape::Primitive(_) | Shape::Array(_) | Shape::Map(_) => {
                TypeKind::Alias(self.type_of(at, &name)?)
            }
            Shape::Same(target) => TypeKind::Alias(self.type_of(&target, &name)?),
        };
        self.fill(id, &at.pointer, docs, kind);
        Ok(())
    }

    fn lower_struct(&mut self, at: &At<'a>, name: &str) -> Result<Struct> {
        self.lower_fields(at, at.entries("properties")?, required_list(at)?, name)
    }

    fn lower_fields(
        &mut self,
        at: &At<'a>,
        properties: Vec<(&'a str, At<'a>)>,
        required: Vec<String>,
        name: &str,
    ) -> Result<Struct> {
        let pairs = self.sibling_pairs(&properties)?;
        let mut fields = Vec::new();
        let mut field_names = Namespace::new();
        for (wire, property) in &properties {
            let wire = *wire;
            if pairs.iter().any(|p| p.value_property == wire) {
                continue; // emitted with its tag
            }
            if let Some(pair) = pairs.iter().find(|p| p.tag_property == wire) {
                let value = properties
                    .iter()
                    .find(|(k, _)| *k == pair.value_property)
                    .map(|(_, v)| v.clone());
                let value =
                    value.ok_or_else(|| at.error("internal: sibling value property vanished"))?;
                let hint = format!("{name}{}", pair.value_property.to_upper_camel_case());
                let union = self.sibling_union_type(&value, &hint)?;
                let tag_presence =
                    Presence::new(required.iter().any(|r| r == wire), self.nullable(property)?);
                fields.push(Field {
                    rust_name: field_names.unique(names::field_name(&pair.value_property, "value")),
                    wire_name: pair.value_property.clone(),
                    docs: sibling_docs(&value, wire, &pair.value_property)?,
                    ty: union,
                    presence: tag_presence,
                    sibling: Some(SiblingField {
                        tag_wire: wire.to_string(),
                        value_wire: pair.value_property.clone(),
                    }),
                    secret: false,
                });
                continue;
            }
            let field_hint = format!("{name}{}", names::type_name(wire, "Field"));
            let ty = self.type_of(property, &field_hint)?;
            let presence =
                Presence::new(required.iter().any(|r| r == wire), self.nullable(property)?);
            fields.push(Field {
                rust_name: field_names.unique(names::field_name(wire, "field")),
                wire_name: wire.to_string(),
                docs: doc_of(property)?,
                ty,
                presence,
                sibling: None,
                secret: self.is_secret(name, wire, property)?,
            });
        }
        Ok(Struct {
            fields,
            constant_tag: None,
        })
    }

    /// Whether a property holds a credential ([`crate::settings::SecretFields`]).
    fn is_secret(&self, owner: &str, wire: &str, property: &At<'a>) -> Result<bool> {
        if self.settings.secret_fields.by_name(owner, wire) {
            return Ok(true);
        }
        let schema = self.resolve(property)?;
        Ok(schema.str("format")? == Some("password") || schema.bool("writeOnly")?)
    }

    /// `allOf`: the properties of every part (after `$ref`s, and through nested `allOf`s),
    /// merged into one struct; a later part's property replaces an earlier one of the
    /// same name, and the schema's own properties come last.
    fn lower_all_of(&mut self, at: &At<'a>, parts: &[At<'a>], name: &str) -> Result<Struct> {
        let mut properties: Vec<(&'a str, At<'a>)> = Vec::new();
        let mut required = Vec::new();
        let mut seen = vec![at.pointer.clone()];
        for part in parts {
            self.collect_all_of(part, &mut properties, &mut required, &mut seen)?;
        }
        merge_properties(at, &mut properties, &mut required)?;
        self.lower_fields(at, properties, required, name)
    }

    fn collect_all_of(
        &self,
        part: &At<'a>,
        properties: &mut Vec<(&'a str, At<'a>)>,
        required: &mut Vec<String>,
        seen: &mut Vec<String>,
    ) -> Result<()> {
        let part = self.resolve(part)?;
        if seen.contains(&part.pointer) {
            return Ok(()); // an `allOf` that reaches itself adds nothing new
        }
        seen.push(part.pointer.clone());
        if let Some(not) = part.get("not") {
            return Err(not.error("`not` schemas are not supported"));
        }
        if part.has("oneOf") || part.has("anyOf") {
            return Err(
                part.error("an `allOf` part that is a `oneOf`/`anyOf` union is not supported")
            );
        }
        for nested in part.items("allOf")? {
            self.collect_all_of(&nested, properties, required, seen)?;
        }
        merge_properties(&part, properties, required)
    }

    /// Whether an `allOf` composes an object (some part, through `$ref`s and nested
    /// `allOf`s, has properties or is an object).
    fn all_of_is_object(&self, parts: &[At<'a>], seen: &mut Vec<String>) -> Result<bool> {
        for part in parts {
            let part = self.resolve(part)?;
            if seen.contains(&part.pointer) {
                continue;
            }
            seen.push(part.pointer.clone());
            if part.has("properties")
                || part.has("additionalProperties")
                || part.str("type").ok().flatten() == Some("object")
                || self.all_of_is_object(&part.items("allOf")?, seen)?
            {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

fn merge_properties<'a>(
    part: &At<'a>,
    properties: &mut Vec<(&'a str, At<'a>)>,
    required: &mut Vec<String>,
) -> Result<()> {
    for (key, property) in part.entries("properties")? {
        properties.retain(|(k, _)| *k != key);
        properties.push((key, property));
    }
    required.extend(required_list(part)?);
    Ok(())
}

fn with_allowed_values(docs: Option<String>, values: &Value) -> Option<String> {
    let Some(values) = values.as_array().filter(|v| !v.is_empty()) else {
        return docs;
    };
    let list: Vec<String> = values
        .iter()
        .take(50)
        .map(|v| format!("`{}`", v.to_string().replace('`', "'")))
        .collect();
    let more = if values.len() > 50 { ", ..." } else { "" };
    let note = format!("One of {}{more}.", list.join(", "));
    Some(match docs {
        Some(d) => format!("{d}\n\n{note}"),
        None => note,
    })
}

/// An object without properties: a map of its `additionalProperties`.
fn map_shape<'a>(at: &At<'a>) -> Shape<'a> {
    match at.get("additionalProperties") {
        Some(ap) if ap.value.as_object().is_some_and(|m| !m.is_empty()) => Shape::Map(Some(ap)),
        Some(ap) if ap.value == &Value::Bool(false) => Shape::Object,
        _ => Shape::Map(None),
    }
}

pub(crate) fn required_list(at: &At<'_>) -> Result<Vec<String>> {
    Ok(at
        .items("required")?
        .iter()
        .filter_map(|r| r.value.as_str().map(str::to_string))
        .collect())
}

/// A schema's description (or title) as docs.
pub(crate) fn doc_of(at: &At<'_>) -> Result<Option<String>> {
    let text = match at.str("description")? {
        Some(d) if !d.trim().is_empty() => Some(d),
        _ => at.str("title")?,
    };
    Ok(text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()))
}

fn sibling_docs(value: &At<'_>, tag: &str, value_name: &str) -> Result<Option<String>> {
    let base = doc_of(value)?.unwrap_or_default();
    let note = format!(
        "The `{tag}` property and the `{value_name}` that goes with it, as one value: \
         the variant is the `{tag}`, its payload the `{value_name}`."
    );
    Ok(Some(if base.is_empty() {
        note
    } else {
        format!("{base}\n\n{note}")
    }))
}

/// A string enum's variants, named from their values; a value that differs from an
/// earlier one only by case gets an `Upper`/`Lower` suffix before falling back to numbers.
pub(crate) fn string_enum(values: &[String]) -> StringEnum {
    let mut ns = Namespace::new();
    ns.reserve("Unknown");
    let mut variants: Vec<EnumVariant> = Vec::new();
    for value in values {
        if variants.iter().any(|v| &v.value == value) {
            continue;
        }
        let base = names::variant_name(value);
        // `ASC` beside `asc` reads better as `AscUpper` than as `Asc2`.
        let clash = variants
            .iter()
            .any(|v| names::bare(&v.rust_name) == base && v.value.eq_ignore_ascii_case(value));
        let wanted = match (clash, value.chars().any(|c| c.is_ascii_lowercase())) {
            (true, false) => format!("{base}Upper"),
            (true, true) => format!("{base}Lower"),
            (false, _) => base,
        };
        variants.push(EnumVariant {
            rust_name: ns.unique(wanted),
            value: value.clone(),
            docs: None,
        });
    }
    StringEnum { variants }
}
