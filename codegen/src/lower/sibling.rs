//! Sibling-discriminated unions: an object's tag property (`type`) names which variant of
//! a union its value property (`config`) holds.
//!
//! The rule, applied to every object schema in the spec: for each (value, tag) property pair
//! listed in [`Settings::sibling_discriminators`], when the object has both properties, the
//! tag is a string enum, and the value is a `oneOf`/`anyOf` of `$ref`s each of which either
//! carries the variant-tag extension ([`Settings::variant_tag_extension`], Hookdeck's
//! `x-docs-type`) or is an empty "no value" schema, then the pair is one Rust field whose
//! enum has a variant per tag value. The variant's payload is the `$ref` carrying that tag
//! (raw JSON for tag values no variant carries); `x-required` beside the `$ref` makes the
//! payload mandatory. Decoding picks the variant from the tag, never by trying variants.

use super::node::{resolve, At};
use super::Lowerer;
use crate::error::Result;
use crate::ir::{Payload, Presence, Sibling, SiblingVariant, TypeKind, TypeRef};
use crate::names::{self, Namespace};
use crate::settings::{Settings, SiblingDiscriminator};
use serde_json::Value;
use std::collections::HashMap;

/// How a parent object uses a sibling-discriminated union (the first use found wins).
#[derive(Debug, Clone)]
pub(crate) struct SiblingUse {
    pub tag_values: Vec<String>,
    pub value_required: bool,
    pub value_nullable: bool,
}

/// Walks the whole document and records every union used as a sibling-discriminated value.
pub(crate) fn find_uses(root: &Value, settings: &Settings) -> Result<HashMap<String, SiblingUse>> {
    let mut uses = HashMap::new();
    walk(root, &At::new(root, ""), settings, &mut uses)?;
    Ok(uses)
}

fn walk(
    root: &Value,
    at: &At<'_>,
    settings: &Settings,
    uses: &mut HashMap<String, SiblingUse>,
) -> Result<()> {
    match at.value {
        Value::Object(map) => {
            if let Some(Value::Object(_)) = map.get("properties") {
                for rule in &settings.sibling_discriminators {
                    if let Some((union_pointer, found)) = detect(root, at, rule, settings)? {
                        uses.entry(union_pointer).or_insert(found);
                    }
                }
            }
            for (key, value) in map {
                walk(
                    root,
                    &At::new(value, crate::pointer::child(&at.pointer, key)),
                    settings,
                    uses,
                )?;
            }
        }
        Value::Array(items) => {
            for (i, value) in items.iter().enumerate() {
                walk(
                    root,
                    &At::new(value, format!("{}/{i}", at.pointer)),
                    settings,
                    uses,
                )?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The union's pointer and its use, when `object` holds a sibling pair for `rule`.
fn detect(
    root: &Value,
    object: &At<'_>,
    rule: &SiblingDiscriminator,
    settings: &Settings,
) -> Result<Option<(String, SiblingUse)>> {
    let Some(properties) = object.get("properties") else {
        return Ok(None);
    };
    let (Some(tag), Some(value)) = (
        properties.get(&rule.tag_property),
        properties.get(&rule.value_property),
    ) else {
        return Ok(None);
    };
    let tag = resolve(root, &tag)?;
    let tag_values: Vec<String> = match tag.value.get("enum").and_then(Value::as_array) {
        Some(values) => values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        None => return Ok(None),
    };
    let union = resolve(root, &value)?;
    if !is_sibling_union(root, &union, settings)? {
        return Ok(None);
    }
    let required: Vec<&str> = object
        .value
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let found = SiblingUse {
        tag_values,
        value_required: required.contains(&rule.value_property.as_str()),
        value_nullable: union.bool("nullable")?,
    };
    Ok(Some((union.pointer.clone(), found)))
}

fn branches<'a>(union: &At<'a>) -> Result<Vec<At<'a>>> {
    let mut all = union.items("oneOf")?;
    all.extend(union.items("anyOf")?);
    Ok(all)
}

fn is_sibling_union(root: &Value, union: &At<'_>, settings: &Settings) -> Result<bool> {
    if !union.entries("properties")?.is_empty() {
        return Ok(false);
    }
    let branches = branches(union)?;
    let mut tagged = 0;
    for branch in &branches {
        if !branch.has("$ref") {
            return Ok(false);
        }
        let target = resolve(root, branch)?;
        if target
            .value
            .get(&settings.variant_tag_extension)
            .and_then(Value::as_str)
            .is_some()
        {
            tagged += 1;
        } else if !is_empty_schema(&target) {
            return Ok(false);
        }
    }
    Ok(tagged > 0)
}

/// `{nullable: true}` and friends: no type, no properties, no composition.
fn is_empty_schema(at: &At<'_>) -> bool {
    [
        "type",
        "properties",
        "oneOf",
        "anyOf",
        "allOf",
        "enum",
        "items",
    ]
    .iter()
    .all(|k| !at.has(k))
}

impl<'a> Lowerer<'a> {
    /// The sibling pairs present in an object's properties.
    pub(crate) fn sibling_pairs(
        &self,
        properties: &[(&'a str, At<'a>)],
    ) -> Result<Vec<SiblingDiscriminator>> {
        let mut pairs = Vec::new();
        for rule in &self.settings.sibling_discriminators {
            let tag = properties.iter().any(|(k, _)| *k == rule.tag_property);
            let value = properties.iter().find(|(k, _)| *k == rule.value_property);
            if let (true, Some((_, value))) = (tag, value) {
                let union = self.resolve(value)?;
                if self.siblings.contains_key(&union.pointer) {
                    pairs.push(rule.clone());
                }
            }
        }
        Ok(pairs)
    }

    pub(crate) fn is_sibling_union_pointer(&self, pointer: &str) -> bool {
        self.siblings.contains_key(pointer)
    }

    /// The union's type, for use beside its tag.
    pub(crate) fn sibling_union_type(&mut self, value: &At<'a>, hint: &str) -> Result<TypeRef> {
        let union = self.resolve(value)?;
        if let Some(id) = self.component_id(&union.pointer) {
            return Ok(TypeRef::Named(id));
        }
        let id = self.allocate(names::type_name(hint, "Union"));
        self.define(id, &union)?;
        Ok(TypeRef::Named(id))
    }

    pub(crate) fn lower_sibling(&mut self, union: &At<'a>, name: &str) -> Result<TypeKind> {
        let use_ = self.siblings[&union.pointer].clone();
        let mut by_tag: Vec<(String, Option<String>, Payload)> = Vec::new();
        for branch in branches(union)? {
            let target = self.resolve(&branch)?;
            let Some(tag) = target
                .value
                .get(&self.settings.variant_tag_extension)
                .and_then(Value::as_str)
            else {
                continue; // the "no value" variant: the tag is null or absent
            };
            if by_tag.iter().any(|(t, _, _)| t == tag) {
                continue;
            }
            let required = branch.bool(&self.settings.required_variant_extension)?;
            let presence = if required {
                Presence::Required
            } else {
                Presence::new(
                    use_.value_required,
                    use_.value_nullable || self.nullable(&branch)?,
                )
            };
            let hint = format!("{name}{}", names::type_name(tag, "Variant"));
            let ty = self.type_of(&branch, &hint)?;
            let docs = super::schema::doc_of(&target)?;
            by_tag.push((tag.to_string(), docs, Payload { ty, presence }));
        }
        let mut order: Vec<String> = use_.tag_values.clone();
        for (tag, _, _) in &by_tag {
            if !order.contains(tag) {
                order.push(tag.clone());
            }
        }
        // The two variants every sibling union has besides one per tag value.
        let mut ns = Namespace::new();
        ns.reserve("Unknown");
        ns.reserve("Untagged");
        let variants = order
            .into_iter()
            .map(|tag| {
                let known = by_tag.iter().find(|(t, _, _)| *t == tag);
                let payload = match known {
                    Some((_, _, payload)) => payload.clone(),
                    None => Payload {
                        ty: TypeRef::Json,
                        presence: Presence::new(use_.value_required, use_.value_nullable),
                    },
                };
                SiblingVariant {
                    rust_name: ns.unique(names::type_name(&tag, "Variant")),
                    docs: known.and_then(|(_, docs, _)| docs.clone()),
                    tag_value: tag,
                    payload,
                }
            })
            .collect();
        Ok(TypeKind::Sibling(Sibling { variants }))
    }
}

#[cfg(test)]
mod tests {
    /// Tag values named like the variants every sibling union has (`Unknown`, `Untagged`)
    /// get variants of their own names, not a second variant by the same name.
    #[test]
    fn tag_values_named_like_the_fixed_variants_get_other_names() {
        let spec = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/hookdeck-connections-api-openapi.yml"
        ))
        .expect("the Connections spec is readable")
        .replace("STRIPE", "UNTAGGED")
        .replace("GITHUB", "UNKNOWN");
        let files = crate::generate(&spec, &crate::Settings::hookdeck("names")).expect("generates");
        let types = &files
            .iter()
            .find(|f| f.path == "src/types.rs")
            .expect("types.rs")
            .contents;
        let start = types.find("pub enum SourceConfig {").expect("SourceConfig");
        let body = &types[start..start + types[start..].find("\n}").expect("its end")];
        for fixed in ["Unknown", "Untagged"] {
            // A variant's line: `Name(..)` with a payload, `Name {` with fields.
            let count = body
                .lines()
                .map(str::trim_start)
                .filter(|l| {
                    l.starts_with(&format!("{fixed}(")) || l.starts_with(&format!("{fixed} {{"))
                })
                .count();
            assert_eq!(count, 1, "`{fixed}` twice in SourceConfig:\n{body}");
        }
        assert!(body.contains("/// Tag value `UNTAGGED`."), "{body}");
        assert!(body.contains("/// Tag value `UNKNOWN`."), "{body}");
    }
}
