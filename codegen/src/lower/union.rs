//! `oneOf`/`anyOf` unions, tried from the most to the least specific representation:
//! sibling-discriminated (see [`super::sibling`]), one-or-many, a merged string enum,
//! internally tagged (a `discriminator`, or an enum property every variant requires whose
//! values no two variants share: one value each, or several spellings of one, as in
//! `["zoom", "ZOOM"]`), and only then untagged, ordered so each valid value lands in the
//! right variant, a branch tried only when its enum properties hold values it knows.

use super::node::At;
use super::schema::{doc_of, required_list, string_enum, Shape};
use super::Lowerer;
use crate::error::Result;
use crate::error::Warning;
use crate::ir::{Tagged, TaggedVariant, ToldBy, TypeKind, TypeRef, Untagged, UntaggedVariant};
use crate::names::{self, Namespace};
use serde_json::Value;

impl<'a> Lowerer<'a> {
    pub(crate) fn lower_union(
        &mut self,
        at: &At<'a>,
        branches: &[At<'a>],
        name: &str,
    ) -> Result<TypeKind> {
        if branches.is_empty() {
            return Err(at.error("a union needs at least one branch"));
        }
        if self.is_sibling_union_pointer(&at.pointer) {
            return self.lower_sibling(at, name);
        }
        if let Some(ty) = self.one_or_many(branches, name)? {
            return Ok(TypeKind::Alias(ty));
        }
        if let Some(values) = self.enum_branches(branches)? {
            return Ok(TypeKind::StringEnum(string_enum(&values)));
        }
        if let Some(tagged) = self.tagged(at, branches, name)? {
            return Ok(TypeKind::Tagged(tagged));
        }
        self.untagged(at, branches, name)
    }

    /// `T | array of T` → `OneOrMany<T>`; with exactly two items → `OneOrPair<T>`.
    pub(crate) fn one_or_many(
        &mut self,
        branches: &[At<'a>],
        hint: &str,
    ) -> Result<Option<TypeRef>> {
        let [single, array] = branches else {
            return Ok(None);
        };
        let array_target = self.resolve(array)?;
        if array_target.str("type")? != Some("array") {
            return Ok(None);
        }
        let Some(items) = array_target.get("items") else {
            return Ok(None);
        };
        if strip_docs(single.value) != strip_docs(items.value) {
            return Ok(None);
        }
        let item = self.type_of(single, hint)?;
        let pair =
            array_target.u64("minItems")? == Some(2) && array_target.u64("maxItems")? == Some(2);
        Ok(Some(if pair {
            TypeRef::OneOrPair(Box::new(item))
        } else {
            TypeRef::OneOrMany(Box::new(item))
        }))
    }

    /// Every branch a string enum (`OrderByDirection`: `asc | desc | ASC | DESC`).
    fn enum_branches(&self, branches: &[At<'a>]) -> Result<Option<Vec<String>>> {
        let mut values = Vec::new();
        for branch in branches {
            match self.shape(&self.resolve(branch)?)? {
                Shape::StringEnum(v) => values.extend(v),
                _ => return Ok(None),
            }
        }
        Ok(Some(values))
    }

    /// Internally tagged: an explicit `discriminator`, or a property that every branch
    /// requires as a one-value string enum, with distinct values.
    fn tagged(&mut self, at: &At<'a>, branches: &[At<'a>], name: &str) -> Result<Option<Tagged>> {
        let explicit = at.get("discriminator");
        let mut targets = Vec::new();
        for branch in branches {
            let target = self.resolve(branch)?;
            if !matches!(self.shape(&target)?, Shape::Object | Shape::AllOf(_)) {
                return Ok(None);
            }
            targets.push(target);
        }
        let tag = match &explicit {
            Some(d) => match d.str("propertyName")? {
                Some(p) => p.to_string(),
                None => return Err(d.error("`discriminator` needs a `propertyName`")),
            },
            None => match self.common_constant_property(&targets)? {
                Some(p) => p,
                None => match self.common_disjoint_property(&targets)? {
                    Some(p) => p,
                    None => return Ok(None),
                },
            },
        };
        let mapping: Vec<(String, String)> = match &explicit {
            Some(d) => d
                .entries("mapping")?
                .into_iter()
                .filter_map(|(k, v)| v.value.as_str().map(|r| (k.to_string(), r.to_string())))
                .collect(),
            None => Vec::new(),
        };
        let mut ns = Namespace::new();
        ns.reserve("Unknown");
        let mut variants = Vec::new();
        for (branch, target) in branches.iter().zip(&targets) {
            let reference = branch.str("$ref")?;
            let values = match (constant_value(target, &tag), reference) {
                (Some(v), _) => vec![v],
                // A mapping value is a `$ref` or a bare schema name.
                (None, Some(r)) if explicit.is_some() => match mapping
                    .iter()
                    .find(|(_, m)| m == r || r.rsplit('/').next() == Some(m.as_str()))
                {
                    Some((v, _)) => vec![v.clone()],
                    None => vec![r.rsplit('/').next().unwrap_or(r).to_string()],
                },
                _ => match self.enum_values(target, &tag)? {
                    Some(values) => values,
                    None => {
                        return Err(
                            branch.error(format!("cannot tell this variant's `{tag}` value"))
                        )
                    }
                },
            };
            let taken = |v: &String| {
                variants
                    .iter()
                    .any(|o: &TaggedVariant| o.values.contains(v))
            };
            if let Some(value) = values.iter().find(|v| taken(v)) {
                return Err(branch.error(format!("two variants share the `{tag}` value `{value}`")));
            }
            let first = values[0].clone();
            let hint = format!("{name}{}", names::type_name(&first, "Variant"));
            let TypeRef::Named(id) = self.type_of(branch, &hint)? else {
                return Err(branch.error("a tagged union variant must be an object schema"));
            };
            // One value is a constant the struct writes; several are a field it keeps, so
            // that `ZOOM` is encoded again as `ZOOM`, not `zoom`.
            if values.len() == 1 {
                self.constant_tags.push((id, tag.clone(), first.clone()));
            }
            variants.push(TaggedVariant {
                rust_name: ns.unique(names::type_name(&first, "Variant")),
                values,
                ty: id,
            });
        }
        Ok(Some(Tagged { tag, variants }))
    }

    fn common_constant_property(&self, targets: &[At<'a>]) -> Result<Option<String>> {
        let Some(first) = targets.first() else {
            return Ok(None);
        };
        for (key, _) in first.entries("properties")? {
            let mut values = Vec::new();
            let mut all = true;
            for target in targets {
                match constant_value(target, key) {
                    Some(v)
                        if required_list(target)?.iter().any(|r| r == key)
                            && !values.contains(&v) =>
                    {
                        values.push(v)
                    }
                    _ => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                return Ok(Some(key.to_string()));
            }
        }
        Ok(None)
    }

    /// A property every target requires as a string enum, no value of which two targets
    /// share (`type: [zoom, ZOOM]` beside `type: [stripe, STRIPE]`).
    fn common_disjoint_property(&self, targets: &[At<'a>]) -> Result<Option<String>> {
        let Some(first) = targets.first() else {
            return Ok(None);
        };
        'keys: for (key, _) in first.entries("properties")? {
            let mut seen: Vec<String> = Vec::new();
            for target in targets {
                if !required_list(target)?.iter().any(|r| r == key) {
                    continue 'keys;
                }
                match self.enum_values(target, key)? {
                    Some(values) if !values.iter().any(|v| seen.contains(v)) => seen.extend(values),
                    _ => continue 'keys,
                }
            }
            return Ok(Some(key.to_string()));
        }
        Ok(None)
    }

    /// The values of a property that is a string enum (inline or through `$ref`s).
    fn enum_values(&self, target: &At<'a>, property: &str) -> Result<Option<Vec<String>>> {
        let Some(schema) = target.get("properties").and_then(|p| p.get(property)) else {
            return Ok(None);
        };
        let schema = self.resolve(&schema)?;
        let Some(Value::Array(values)) = schema.value.get("enum") else {
            return Ok(None);
        };
        let strings: Option<Vec<String>> = values
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect();
        Ok(strings.filter(|s| !s.is_empty()))
    }

    fn untagged(&mut self, at: &At<'a>, branches: &[At<'a>], name: &str) -> Result<TypeKind> {
        let mut variants: Vec<(u8, UntaggedVariant, At<'a>)> = Vec::new();
        let mut ns = Namespace::new();
        for (i, branch) in branches.iter().enumerate() {
            let ty = self.type_of(branch, &format!("{name}Variant{}", i + 1))?;
            if variants.iter().any(|(_, v, _)| v.ty == ty) {
                continue;
            }
            let target = self.resolve(branch)?;
            let rank = self.specificity(&ty, &target)?;
            let rust_name = ns.unique(self.variant_name(&ty));
            variants.push((
                rank,
                UntaggedVariant {
                    rust_name,
                    ty,
                    docs: doc_of(branch)?,
                    told_by: None,
                },
                target,
            ));
        }
        // Most specific first: serde tries untagged variants in order.
        variants.sort_by_key(|(rank, _, _)| *rank);
        self.tell_apart(at, &mut variants)?;
        Ok(TypeKind::Untagged(Untagged {
            variants: variants.into_iter().map(|(_, v, _)| v).collect(),
        }))
    }

    /// Gives the object branches of an untagged union the enum property whose values tell
    /// them apart, so that no branch matches through its enum's `Unknown` fallback, and
    /// warns about each branch an earlier one may take: nothing it requires is missing
    /// from the later branch's properties, and no enum property's values set them apart.
    fn tell_apart(
        &mut self,
        at: &At<'a>,
        variants: &mut [(u8, UntaggedVariant, At<'a>)],
    ) -> Result<()> {
        let objects: Vec<usize> = (0..variants.len())
            .filter(|&i| {
                matches!(variants[i].1.ty, TypeRef::Named(_))
                    && matches!(
                        self.shape(&variants[i].2),
                        Ok(Shape::Object | Shape::AllOf(_))
                    )
            })
            .collect();
        if objects.len() < 2 {
            return Ok(());
        }
        // The first property every object branch has as a string enum, with values that
        // are not the same in all of them.
        let first = &variants[objects[0]].2;
        let mut told_by: Option<(String, Vec<Vec<String>>)> = None;
        for (key, _) in first.entries("properties")? {
            let mut sets = Vec::new();
            for &i in &objects {
                match self.enum_values(&variants[i].2, key)? {
                    Some(values) => sets.push(values),
                    None => break,
                }
            }
            if sets.len() == objects.len() && sets.iter().any(|s| *s != sets[0]) {
                told_by = Some((key.to_string(), sets));
                break;
            }
        }
        if let Some((property, sets)) = &told_by {
            for (&i, values) in objects.iter().zip(sets) {
                let required = required_list(&variants[i].2)?.contains(property);
                variants[i].1.told_by = Some(ToldBy {
                    property: property.clone(),
                    values: values.clone(),
                    required,
                });
            }
        }
        for (n, &later) in objects.iter().enumerate() {
            for &earlier in &objects[..n] {
                // Disjoint values, and a value of the later branch has the property or the
                // earlier branch cannot do without it.
                let separated = match (&variants[earlier].1.told_by, &variants[later].1.told_by) {
                    (Some(a), Some(b)) => {
                        (a.required || b.required) && !a.values.iter().any(|v| b.values.contains(v))
                    }
                    _ => false,
                };
                let declared: Vec<&str> = variants[later]
                    .2
                    .entries("properties")?
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect();
                let needs_more = required_list(&variants[earlier].2)?
                    .iter()
                    .any(|r| !declared.contains(&r.as_str()));
                if !separated && !needs_more {
                    let message = format!(
                        "untagged union: a `{}` value may decode as `{}`, which is tried first; \
                         no required property or enum value tells them apart",
                        variants[later].1.rust_name, variants[earlier].1.rust_name
                    );
                    self.warnings.push(Warning {
                        pointer: at.pointer.clone(),
                        message,
                        file: None,
                    });
                }
            }
        }
        Ok(())
    }

    /// Lower ranks are tried first: a date-time before any string, an integer before a
    /// float, an object with more required properties before one with fewer.
    fn specificity(&self, ty: &TypeRef, target: &At<'a>) -> Result<u8> {
        Ok(match ty {
            TypeRef::Bool => 0,
            TypeRef::Int(_) => 1,
            TypeRef::Number => 2,
            TypeRef::DateTime => 3,
            TypeRef::Named(_) if target.has("enum") => 4,
            TypeRef::String => 5,
            TypeRef::OneOrPair(_) => 6,
            TypeRef::Array(_) | TypeRef::OneOrMany(_) => 7,
            TypeRef::Named(_) => 20u8.saturating_sub(required_list(target)?.len().min(10) as u8),
            TypeRef::Map(_) => 21,
            TypeRef::JsonObject => 22,
            TypeRef::Nullable(_) | TypeRef::Json => 23,
        })
    }

    fn variant_name(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String => "String".into(),
            TypeRef::Bool => "Boolean".into(),
            TypeRef::Int(_) => "Integer".into(),
            TypeRef::Number => "Number".into(),
            TypeRef::DateTime => "DateTime".into(),
            TypeRef::Json => "Json".into(),
            TypeRef::JsonObject => "Object".into(),
            TypeRef::Named(id) => self.name_of(*id).to_string(),
            TypeRef::Array(_) => "Array".into(),
            TypeRef::Map(_) => "Map".into(),
            TypeRef::Nullable(inner) => self.variant_name(inner),
            TypeRef::OneOrMany(_) | TypeRef::OneOrPair(_) => "OneOrMany".into(),
        }
    }
}

/// The single value of a one-value string enum property.
fn constant_value(target: &At<'_>, property: &str) -> Option<String> {
    let values = target
        .value
        .get("properties")?
        .get(property)?
        .get("enum")?
        .as_array()?;
    match values.as_slice() {
        [Value::String(v)] => Some(v.clone()),
        _ => None,
    }
}

/// A schema without the keys that only document it, for comparing shapes.
fn strip_docs(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "description" | "title" | "example" | "nullable")
                })
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}
