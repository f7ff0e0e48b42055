//! The merged spec as progenitor 0.15.1 can read it, for the benchmark scripts that
//! measure against it (`cargo xtask merged-spec --for-progenitor`). progenitor needs two
//! edits (../shared/GUIDE.md §3, BENCHMARKS.md): it panics on enum values that differ
//! only by case, so `OrderByDirection` loses its `ASC`/`DESC` branches, and it emits
//! `FilterRuleProperty` twice while that schema is nullable at the top level, so the
//! top-level `nullable: true` goes. Specs without either schema are left as they are.

use serde_json::Value;

/// Makes progenitor's two edits in the merged document; returns how many it made.
pub fn edit(document: &mut Value) -> usize {
    let mut edits = 0;
    let schemas = &mut document["components"]["schemas"];
    if let Some(branches) = schemas
        .get_mut("OrderByDirection")
        .and_then(|schema| schema.get_mut("anyOf"))
        .and_then(Value::as_array_mut)
    {
        let before = branches.len();
        branches.retain(|branch| !only_upper_case(branch));
        edits += before - branches.len();
    }
    if let Some(schema) = schemas
        .get_mut("FilterRuleProperty")
        .and_then(Value::as_object_mut)
    {
        edits += usize::from(schema.remove("nullable").is_some());
    }
    edits
}

/// A branch `{enum: [V]}` whose one value has a lower-case twin (`ASC`, `DESC`).
fn only_upper_case(branch: &Value) -> bool {
    match branch
        .get("enum")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        Some([Value::String(value)]) => {
            value.chars().any(char::is_alphabetic) && *value == value.to_uppercase()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn drops_upper_case_branches_and_top_level_nullable() {
        let mut document = json!({"components": {"schemas": {
            "OrderByDirection": {"anyOf": [
                {"enum": ["asc"]}, {"enum": ["desc"]}, {"enum": ["ASC"]}, {"enum": ["DESC"]}
            ]},
            "FilterRuleProperty": {"anyOf": [{"type": "string", "nullable": true}], "nullable": true},
        }}});
        assert_eq!(edit(&mut document), 3);
        assert_eq!(
            document,
            json!({"components": {"schemas": {
                "OrderByDirection": {"anyOf": [{"enum": ["asc"]}, {"enum": ["desc"]}]},
                "FilterRuleProperty": {"anyOf": [{"type": "string", "nullable": true}]},
            }}})
        );
    }

    #[test]
    fn leaves_a_spec_without_those_schemas_alone() {
        let mut document = json!({"components": {"schemas": {"Other": {"type": "string"}}}});
        let before = document.clone();
        assert_eq!(edit(&mut document), 0);
        assert_eq!(document, before);
    }
}
