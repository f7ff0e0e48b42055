//! Builds JSON instances of the spec's schemas, for decode/encode tests: every property
//! filled (or, in `Nulls` mode, every nullable one null), following `$ref`s, with
//! sibling-discriminated pairs (`type`/`config`, `auth_type`/`auth`) kept consistent.

use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::collections::HashMap;

/// The whole API (every file of `spec/`, merged) as a JSON tree, loaded by the generator's
/// own loader.
pub fn spec() -> Value {
    let specs = xtask::project_specs();
    let text = xtask::merged_spec(&specs).expect("the specs load and merge");
    serde_json::from_str(&text).expect("the merged spec is JSON")
}

/// The whole API (every file in `spec/`, merged as the generator merges them) as a JSON
/// tree.
pub fn merged_spec() -> Value {
    let text = xtask::merged_spec(&xtask::project_specs()).expect("the specs merge");
    serde_json::from_str(&text).expect("the merged spec is JSON")
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Every property present with a value.
    Full,
    /// Every nullable property null, every optional non-nullable one left out.
    Nulls,
}

pub struct Instances<'a> {
    pub root: &'a Value,
    /// How many values each enum (by its address in the tree) has handed out, so that
    /// successive instances take its values in turn, not always the first.
    pub enum_turns: RefCell<HashMap<*const Value, usize>>,
}

impl<'a> Instances<'a> {
    pub fn new(root: &'a Value) -> Self {
        Instances {
            root,
            enum_turns: RefCell::default(),
        }
    }

    /// The enum's next value, in turn.
    fn enum_value(&self, values: &'a [Value]) -> Value {
        let mut turns = self.enum_turns.borrow_mut();
        let turn = turns.entry(values.as_ptr()).or_default();
        let value = values[*turn % values.len()].clone();
        *turn += 1;
        value
    }

    pub fn schema(&self, name: &str) -> &'a Value {
        &self.root["components"]["schemas"][name]
    }

    pub fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut current = schema;
        while let Some(reference) = current.get("$ref").and_then(Value::as_str) {
            let pointer = reference.trim_start_matches('#');
            current = self
                .root
                .pointer(pointer)
                .unwrap_or_else(|| panic!("dangling {reference}"));
        }
        current
    }

    /// The `$ref` variants of a union, with their `x-docs-type` tag (None for "no value").
    pub fn variants(&self, union_name: &str) -> Vec<(Option<String>, &'a Value)> {
        let union = self.schema(union_name);
        let branches = union
            .get("oneOf")
            .or_else(|| union.get("anyOf"))
            .and_then(Value::as_array)
            .expect("a union");
        branches
            .iter()
            .map(|b| {
                let target = self.resolve(b);
                (
                    target
                        .get("x-docs-type")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    target,
                )
            })
            .collect()
    }

    /// An instance of `schema`.
    pub fn sample(&self, schema: &'a Value, mode: Mode) -> Value {
        let schema = self.resolve(schema);
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            if !values.is_empty() {
                return self.enum_value(values);
            }
        }
        if let Some(branches) = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Value::as_array)
        {
            // The first tagged variant of a union (callers pick variants themselves where it matters).
            let branch = branches
                .iter()
                .find(|b| {
                    self.resolve(b).get("type").is_some() || self.resolve(b).get("enum").is_some()
                })
                .unwrap_or(&branches[0]);
            return self.sample(branch, mode);
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("string") => match schema.get("format").and_then(Value::as_str) {
                Some("date-time") => json!("2024-01-02T03:04:05.678Z"),
                Some("URL") => json!("https://example.com/hook"),
                _ => json!("text"),
            },
            Some("integer") => {
                let min = schema.get("minimum").and_then(Value::as_i64).unwrap_or(0);
                json!(min.max(7))
            }
            Some("number") => json!(1.5),
            Some("boolean") => json!(true),
            Some("array") => json!([self.sample(&schema["items"], mode)]),
            Some("object") | None
                if schema
                    .get("properties")
                    .is_some_and(|p| p.as_object().is_some_and(|m| !m.is_empty())) =>
            {
                self.object(schema, mode, &[])
            }
            Some("object") => match schema.get("additionalProperties") {
                Some(ap) if ap.is_object() => json!({"key": self.sample(ap, mode)}),
                Some(Value::Bool(false)) => json!({}),
                _ => json!({"free": "form", "n": 1}),
            },
            _ => json!({"any": "json"}),
        }
    }

    /// An object instance. `overrides` set properties outright; the two halves of a
    /// sibling-discriminated pair (`type`/`config`, `auth_type`/`auth`) are left out unless
    /// overridden, so that they never disagree.
    pub fn object(&self, schema: &'a Value, mode: Mode, overrides: &[(&str, Value)]) -> Value {
        let schema = self.resolve(schema);
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let props = schema
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let is_pair_half = |key: &str| {
            [("type", "config"), ("auth_type", "auth")]
                .iter()
                .any(|(tag, value)| {
                    (key == *tag && props.contains_key(*value))
                        || (key == *value && props.contains_key(*tag))
                })
        };
        let mut out = Map::new();
        for (key, prop) in &props {
            if let Some((_, value)) = overrides.iter().find(|(k, _)| k == key) {
                out.insert(key.clone(), value.clone());
                continue;
            }
            if is_pair_half(key) {
                continue;
            }
            let target = self.resolve(prop);
            let nullable = prop.get("nullable") == Some(&json!(true))
                || target.get("nullable") == Some(&json!(true));
            match mode {
                Mode::Nulls if nullable => {
                    out.insert(key.clone(), Value::Null);
                }
                Mode::Nulls if !required.contains(&key.as_str()) => {}
                _ => {
                    out.insert(key.clone(), self.sample(prop, mode));
                }
            }
        }
        Value::Object(out)
    }
}

/// Decodes `input` as `T` and encodes it again; the JSON must come back as it was (numbers
/// by value as doubles, date-times as instants, see [`same_json`]), no key added or
/// dropped. Panics, saying where, when it does not.
pub fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(input: &Value) -> T {
    let text = input.to_string();
    let decoded: T =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("decode failed: {e}\n{text}"));
    let encoded = serde_json::to_value(&decoded).expect("encodes");
    if let Err(diff) = same_json(input, &encoded) {
        panic!("re-encoding changed the JSON at {diff}\ninput:  {input}\noutput: {encoded}");
    }
    decoded
}

/// JSON equality where date-times compare as instants and numbers by value.
pub fn same_json(a: &Value, b: &Value) -> Result<(), String> {
    same_at(a, b, String::new())
}

fn same_at(a: &Value, b: &Value, at: String) -> Result<(), String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                match (x.get(key), y.get(key)) {
                    (Some(l), Some(r)) => same_at(l, r, format!("{at}/{key}"))?,
                    (l, r) => return Err(format!("{at}/{key}: {l:?} vs {r:?}")),
                }
            }
            Ok(())
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .try_for_each(|(i, (l, r))| same_at(l, r, format!("{at}/{i}"))),
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => Ok(()),
        (Value::String(x), Value::String(y)) if x == y => Ok(()),
        (Value::String(x), Value::String(y)) => {
            let parse = |s: &str| hookdeck::chrono::DateTime::parse_from_rfc3339(s).ok();
            match (parse(x), parse(y)) {
                (Some(l), Some(r)) if l == r => Ok(()),
                _ => Err(format!("{at}: {x:?} vs {y:?}")),
            }
        }
        _ if a == b => Ok(()),
        _ => Err(format!("{at}: {a} vs {b}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_hand_out_every_value_in_turn() {
        let root = json!({"components": {"schemas": {"Dir": {"type": "string", "enum": ["asc", "desc", "ASC"]}}}});
        let instances = Instances::new(&root);
        let schema = instances.schema("Dir");
        let drawn: Vec<Value> = (0..4)
            .map(|_| instances.sample(schema, Mode::Full))
            .collect();
        assert_eq!(
            drawn,
            [json!("asc"), json!("desc"), json!("ASC"), json!("asc")]
        );
    }
}
