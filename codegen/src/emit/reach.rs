//! Which resources reach each type, so that a build with some resources' features compiles
//! only the types their operations use (`#[cfg(any(feature = "events", …))]` on a type's
//! items).

use crate::ir::{Api, Operation, TypeId, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The resources (indices into [`Api::resources`]) each type is reached from; `None` for
/// types compiled in every build.
pub struct Reach {
    per_type: Vec<Option<BTreeSet<usize>>>,
    features: Vec<String>,
}

impl Reach {
    /// Every type in every build: for crates without a feature per resource.
    pub fn everything(api: &Api) -> Self {
        Reach {
            per_type: vec![None; api.types.len()],
            features: Vec::new(),
        }
    }

    /// Each type reached from the operations of the resources that use it. `always` (the
    /// default error body, which `crate::Error` names) and what it reaches are in every
    /// build. A type no operation reaches (a schema the spec defines but no operation uses)
    /// is compiled with any resource, as the crates of single specs always had them.
    pub fn of(api: &Api, always: &[TypeRef]) -> Self {
        let mut sets: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); api.types.len()];
        for op in &api.operations {
            let mut seen = BTreeSet::new();
            for ty in operation_refs(op) {
                walk(api, ty, &mut seen);
            }
            for id in seen {
                sets[id.0].insert(op.resource);
            }
        }
        let mut everywhere = BTreeSet::new();
        for ty in always {
            walk(api, ty, &mut everywhere);
        }
        // An alias no operation names (a former name) goes with its target.
        for (index, def) in api.types.iter().enumerate() {
            if let (true, TypeKind::Alias(TypeRef::Named(target))) =
                (sets[index].is_empty(), &def.kind)
            {
                sets[index] = sets[target.0].clone();
            }
        }
        let all: BTreeSet<usize> = (0..api.resources.len()).collect();
        let per_type = sets
            .into_iter()
            .enumerate()
            .map(|(index, set)| {
                if everywhere.contains(&TypeId(index)) || set == all {
                    None
                } else if set.is_empty() {
                    Some(all.clone())
                } else {
                    Some(set)
                }
            })
            .collect();
        Reach {
            per_type,
            features: api.resources.iter().map(|r| r.feature.clone()).collect(),
        }
    }

    /// The `#[cfg(..)]` for the items of `id`; empty when it is in every build.
    pub fn cfg(&self, id: TypeId) -> TokenStream {
        match &self.per_type[id.0] {
            None => TokenStream::new(),
            Some(set) => {
                let features = set.iter().map(|&r| self.features[r].as_str());
                cfg_any(features)
            }
        }
    }
}

/// `#[cfg(feature = "a")]` or `#[cfg(any(feature = "a", feature = "b"))]`.
pub fn cfg_any<'a>(features: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let features: Vec<&str> = features.into_iter().collect();
    match features.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}

/// Every type expression an operation's signature names.
fn operation_refs(op: &Operation) -> Vec<&TypeRef> {
    let mut refs: Vec<&TypeRef> = op.params.iter().map(|p| &p.ty).collect();
    refs.extend(op.body.as_ref().map(|b| &b.ty));
    refs.extend(op.response.ty.as_ref());
    refs.extend(op.response.unwrap.as_ref().map(|(_, ty, _)| ty));
    refs.push(&op.error_type);
    refs.extend(op.pagination.as_ref().map(|p| &p.item));
    refs
}

/// Adds every named type `ty` reaches to `seen`.
fn walk(api: &Api, ty: &TypeRef, seen: &mut BTreeSet<TypeId>) {
    match ty {
        TypeRef::Named(id) => {
            if !seen.insert(*id) {
                return;
            }
            match &api.ty(*id).kind {
                TypeKind::Struct(s) => s.fields.iter().for_each(|f| walk(api, &f.ty, seen)),
                TypeKind::StringEnum(_) => {}
                TypeKind::Untagged(u) => u.variants.iter().for_each(|v| walk(api, &v.ty, seen)),
                TypeKind::Tagged(t) => t
                    .variants
                    .iter()
                    .for_each(|v| walk(api, &TypeRef::Named(v.ty), seen)),
                TypeKind::Sibling(s) => s
                    .variants
                    .iter()
                    .for_each(|v| walk(api, &v.payload.ty, seen)),
                TypeKind::Alias(inner) => walk(api, inner, seen),
            }
        }
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::OneOrMany(inner)
        | TypeRef::OneOrPair(inner) => walk(api, inner, seen),
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Int(_)
        | TypeRef::Number
        | TypeRef::DateTime
        | TypeRef::Json
        | TypeRef::JsonObject => {}
    }
}
