//! YAML (or JSON) text → `serde_json::Value` in one pass.
//!
//! Going through `serde_yaml::Value` first and converting costs a second tree; reading
//! straight into JSON values keeps one. The one check `serde_yaml::Value` made on the way
//! is kept here: a key twice in one mapping is an error, not a silent overwrite.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// The document (or, inside it, any node) as a JSON tree.
pub struct Tree(pub Value);

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor).map(Tree)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // As serde_json writes them: `.nan` and `.inf` have no JSON form.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Tree(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        let mut merged = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            let Tree(value) = map.next_value()?;
            if key == MERGE_KEY {
                merged.push(value);
                continue;
            }
            if object.contains_key(&key) {
                // The wording `load` looks for to find the duplicate's line.
                return Err(de::Error::custom(format_args!(
                    "duplicate entry with key \"{key}\""
                )));
            }
            object.insert(key, value);
        }
        for value in merged {
            merge(&mut object, value).map_err(de::Error::custom)?;
        }
        Ok(Value::Object(object))
    }
}

/// YAML's merge key (`<<: *base`): the aliased mapping's entries, under the keys the
/// mapping does not set itself. Specs use it to share parts of schemas.
const MERGE_KEY: &str = "<<";

fn merge(object: &mut Map<String, Value>, value: Value) -> Result<(), &'static str> {
    match value {
        Value::Object(from) => {
            for (key, value) in from {
                object.entry(key).or_insert(value);
            }
            Ok(())
        }
        // `<<: [*a, *b]`: earlier mappings win.
        Value::Array(items) => items.into_iter().try_for_each(|item| merge(object, item)),
        _ => Err("a merge key (`<<`) must name a mapping or a list of mappings"),
    }
}

/// A mapping key: a string, or a scalar JSON writes as one (YAML's `200:` is a number).
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeyVisitor).map(Key)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean map key")
    }
    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::Tree;
    use serde_json::json;

    fn read(text: &str) -> Result<serde_json::Value, serde_yaml::Error> {
        serde_yaml::from_str::<Tree>(text).map(|t| t.0)
    }

    #[test]
    fn reads_yaml_as_json() {
        let value = read("a: [1, -2, 2.5, true, ~, x]\n200: {b: .nan}\n").unwrap();
        assert_eq!(
            value,
            json!({"a": [1, -2, 2.5, true, null, "x"], "200": {"b": null}})
        );
    }

    #[test]
    fn a_duplicate_key_is_an_error() {
        let e = read("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(
            e.to_string().contains("duplicate entry with key \"a\""),
            "{e}"
        );
    }

    #[test]
    fn anchors_aliases_and_merge_keys_expand() {
        let value = read(
            "base: &b {type: string, description: d}\nx: *b\ny:\n  <<: *b\n  description: own\n",
        )
        .unwrap();
        assert_eq!(value["x"], json!({"type": "string", "description": "d"}));
        assert_eq!(value["y"], json!({"type": "string", "description": "own"}));
        assert!(read("a:\n  <<: 3\n").is_err());
    }

    #[test]
    fn a_mapping_as_a_key_is_an_error() {
        assert!(read("? {a: 1}\n: 2\n").is_err());
    }
}
