//! The one rule for which orders in a spec carry meaning.
//!
//! Hookdeck republishes its specs with components, paths and keys in another order and
//! long strings laid out anew. None of that may change the generated crate, so the loaded
//! tree is put in a canonical order before anything reads it:
//!
//! - **Kept as written:** every sequence (enum values become variants in that order,
//!   `oneOf`/`anyOf` branches are union variants, `parameters` are a method's arguments,
//!   `servers` puts the default first), and a schema's `properties`, whose order becomes
//!   the struct's field order.
//! - **Sorted by key:** every other mapping: `components` of every kind, `paths`, the
//!   methods of a path item, `responses`, `content`, a discriminator's `mapping`, and the
//!   keywords of every object.
//!
//! YAML style (quoting, flow or block, folded or literal strings, anchors and aliases)
//! is gone once the text is a tree, so it needs no rule. Names and the order of emitted
//! items are decided from this canonical tree, and so depend on what the spec says only.

use serde_json::Value;

/// Keywords whose value is a mapping keyed by names (of properties, schemas, statuses,
/// media types, ...), not by keywords. A child of such a mapping is named by the user, so
/// a child called `properties` is a name there, not the keyword.
const NAMED_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "paths",
    "content",
    "encoding",
    "mapping",
    "variables",
    "scopes",
    "definitions",
];

/// Puts the tree in the canonical order described in the module docs.
pub fn canonicalize(root: &mut Value) {
    keyword_map(root);
}

/// A node whose keys are keywords (a schema, an operation, the document).
fn keyword_map(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.sort_keys();
            for (key, child) in map.iter_mut() {
                if NAMED_MAPS.contains(&key.as_str()) {
                    named_map(child, key == "properties");
                } else {
                    keyword_map(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(keyword_map),
        _ => {}
    }
}

/// A mapping keyed by names; its values are keyword nodes again.
fn named_map(value: &mut Value, keep_order: bool) {
    match value {
        Value::Object(map) => {
            if !keep_order {
                map.sort_keys();
            }
            map.values_mut().for_each(keyword_map);
        }
        // `parameters` of an operation is a sequence, not a named map.
        other => keyword_map(other),
    }
}

#[cfg(test)]
mod tests {
    use super::canonicalize;
    use serde_json::json;

    fn keys(value: &serde_json::Value) -> Vec<&str> {
        value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect()
    }

    #[test]
    fn sorts_what_carries_no_meaning_and_keeps_property_order() {
        let mut tree = json!({
            "paths": {"/b": {"put": {}, "get": {}}, "/a": {}},
            "components": {"schemas": {
                "Z": {"type": "object", "properties": {"z": {"type": "string"}, "a": {"type": "string"}}},
                // A schema named like a keyword is still a name.
                "properties": {"required": ["b", "a"], "enum": ["y", "x"], "type": "string"},
                "A": {"oneOf": [{"$ref": "#/b"}, {"$ref": "#/a"}]}
            }},
            "openapi": "3.0.1"
        });
        canonicalize(&mut tree);
        assert_eq!(keys(&tree), ["components", "openapi", "paths"]);
        assert_eq!(keys(&tree["paths"]), ["/a", "/b"]);
        assert_eq!(keys(&tree["paths"]["/b"]), ["get", "put"]);
        let schemas = &tree["components"]["schemas"];
        assert_eq!(keys(schemas), ["A", "Z", "properties"]);
        assert_eq!(keys(&schemas["Z"]["properties"]), ["z", "a"], "field order");
        assert_eq!(keys(&schemas["properties"]), ["enum", "required", "type"]);
        assert_eq!(
            schemas["properties"]["enum"],
            json!(["y", "x"]),
            "sequences"
        );
        assert_eq!(schemas["A"]["oneOf"][0], json!({"$ref": "#/b"}));
    }

    #[test]
    fn a_property_named_properties_keeps_its_own_order() {
        let mut tree = json!({"properties": {"properties": {
            "type": "object", "properties": {"b": {}, "a": {}}
        }}});
        canonicalize(&mut tree);
        assert_eq!(
            keys(&tree["properties"]["properties"]["properties"]),
            ["b", "a"]
        );
    }
}
