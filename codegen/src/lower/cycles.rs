//! Reference cycles that Rust types cannot hold, found once every type is defined.
//!
//! A struct or enum may contain itself (behind a `Box`, which emission adds), but:
//! - a type alias cannot: `A: {$ref: B}`, `B: {$ref: A}` is an error naming the schema;
//!   an alias that reaches itself through a list or map (`Tree: {additionalProperties:
//!   {$ref: Tree}}`) is kept, with the inner level as raw JSON;
//! - an untagged union cannot have itself as a variant without an object or array in
//!   between: decoding would try that variant forever.

use crate::error::{Error, Result};
use crate::ir::{TypeDef, TypeId, TypeKind, TypeRef};

pub(crate) fn check(types: &mut [TypeDef]) -> Result<()> {
    for i in 0..types.len() {
        let id = TypeId(i);
        if let TypeKind::Alias(target) = &types[i].kind {
            if let Some(chain) = pure_alias_cycle(types, id, target) {
                return Err(Error::new(
                    types[i].pointer.clone(),
                    format!(
                        "`$ref` cycle {}: a schema that is only a reference to another cannot \
                         refer back to itself",
                        chain.join(" → ")
                    ),
                ));
            }
            let mut target = target.clone();
            if break_recursion(types, id, &mut target) {
                let def = &mut types[i];
                def.kind = TypeKind::Alias(target);
                let note = "Recursive: levels below the first are kept as raw JSON.";
                def.docs = Some(match def.docs.take() {
                    Some(docs) => format!("{docs}\n\n{note}"),
                    None => note.to_string(),
                });
            }
        }
        if let TypeKind::Untagged(union) = &types[i].kind {
            for variant in &union.variants {
                if decodes_into(types, &variant.ty, id, &mut Vec::new()) {
                    return Err(Error::new(
                        types[i].pointer.clone(),
                        format!(
                            "the union `{}` has itself as a variant (variant `{}`), with no object \
                             or array in between: no value could be decoded",
                            types[i].name, variant.rust_name
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// `A → B → A` when the alias `id` names another alias that names ... `id` itself.
fn pure_alias_cycle(types: &[TypeDef], id: TypeId, target: &TypeRef) -> Option<Vec<String>> {
    let mut chain = vec![spec_name(&types[id.0])];
    let mut current = target;
    while let TypeRef::Named(next) = current {
        chain.push(spec_name(&types[next.0]));
        if *next == id {
            return Some(chain);
        }
        if chain.len() > types.len() + 1 {
            return None; // a cycle that does not pass through `id`; reported from its own alias
        }
        match &types[next.0].kind {
            TypeKind::Alias(inner) => current = inner,
            _ => return None,
        }
    }
    None
}

/// Replaces, inside an alias's target, every reference that expands (through aliases and
/// containers only) back to the alias with raw JSON. Returns whether anything changed.
fn break_recursion(types: &[TypeDef], id: TypeId, ty: &mut TypeRef) -> bool {
    match ty {
        TypeRef::Named(next) if *next == id || alias_reaches(types, *next, id, &mut Vec::new()) => {
            *ty = TypeRef::Json;
            true
        }
        TypeRef::Named(_) => false,
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::OneOrMany(inner)
        | TypeRef::OneOrPair(inner) => break_recursion(types, id, inner),
        _ => false,
    }
}

/// Whether the alias `from` expands, through aliases and containers, to `target`.
fn alias_reaches(types: &[TypeDef], from: TypeId, target: TypeId, seen: &mut Vec<TypeId>) -> bool {
    if from == target {
        return true;
    }
    if seen.contains(&from) {
        return false;
    }
    seen.push(from);
    match &types[from.0].kind {
        TypeKind::Alias(inner) => expr_reaches(types, inner, target, seen),
        _ => false,
    }
}

fn expr_reaches(types: &[TypeDef], ty: &TypeRef, target: TypeId, seen: &mut Vec<TypeId>) -> bool {
    match ty {
        TypeRef::Named(next) => alias_reaches(types, *next, target, seen),
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::OneOrMany(inner)
        | TypeRef::OneOrPair(inner) => expr_reaches(types, inner, target, seen),
        _ => false,
    }
}

/// Whether decoding a `ty` may try to decode a `target` from the same input, without
/// first entering an object or array: through aliases, untagged unions and the single
/// form of `OneOrMany`.
fn decodes_into(types: &[TypeDef], ty: &TypeRef, target: TypeId, seen: &mut Vec<TypeId>) -> bool {
    match ty {
        TypeRef::Named(id) => {
            if *id == target {
                return true;
            }
            if seen.contains(id) {
                return false;
            }
            seen.push(*id);
            match &types[id.0].kind {
                TypeKind::Alias(inner) => decodes_into(types, inner, target, seen),
                TypeKind::Untagged(union) => union
                    .variants
                    .iter()
                    .any(|v| decodes_into(types, &v.ty, target, seen)),
                _ => false,
            }
        }
        TypeRef::OneOrMany(inner) | TypeRef::OneOrPair(inner) => {
            decodes_into(types, inner, target, seen)
        }
        _ => false,
    }
}

/// A schema as the spec names it, for messages: a component's key (`A`, even when its
/// type is `A2` because `A` is reserved), else the type's name.
fn spec_name(def: &TypeDef) -> String {
    match def.pointer.strip_prefix("/components/schemas/") {
        Some(key) if !key.contains('/') => key.replace("~1", "/").replace("~0", "~"),
        _ => def.name.clone(),
    }
}
