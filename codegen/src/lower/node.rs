//! A read-only view of one node of the raw spec tree, carrying its JSON pointer so every
//! error can say where it is.

use crate::error::{Error, Result};
use crate::pointer::{child, percent_decode};
use serde_json::{Map, Value};

/// A node of the raw tree and its JSON pointer.
#[derive(Debug, Clone)]
pub struct At<'a> {
    pub value: &'a Value,
    pub pointer: String,
}

impl<'a> At<'a> {
    pub fn new(value: &'a Value, pointer: impl Into<String>) -> Self {
        At {
            value,
            pointer: pointer.into(),
        }
    }

    pub fn get(&self, key: &str) -> Option<At<'a>> {
        self.value
            .get(key)
            .map(|v| At::new(v, child(&self.pointer, key)))
    }

    pub fn object(&self) -> Result<&'a Map<String, Value>> {
        self.value
            .as_object()
            .ok_or_else(|| self.error("expected a mapping"))
    }

    /// Entries of an optional mapping-valued key, in document order.
    pub fn entries(&self, key: &str) -> Result<Vec<(&'a str, At<'a>)>> {
        match self.get(key) {
            None
            | Some(At {
                value: Value::Null, ..
            }) => Ok(Vec::new()),
            Some(at) => {
                let map = at.object()?;
                Ok(map
                    .iter()
                    .map(|(k, v)| (k.as_str(), At::new(v, child(&at.pointer, k))))
                    .collect())
            }
        }
    }

    /// Items of an optional sequence-valued key.
    pub fn items(&self, key: &str) -> Result<Vec<At<'a>>> {
        match self.get(key) {
            None
            | Some(At {
                value: Value::Null, ..
            }) => Ok(Vec::new()),
            Some(at) => {
                let seq = at
                    .value
                    .as_array()
                    .ok_or_else(|| at.error("expected a sequence"))?;
                Ok(seq
                    .iter()
                    .enumerate()
                    .map(|(i, v)| At::new(v, format!("{}/{i}", at.pointer)))
                    .collect())
            }
        }
    }

    /// The scalar under `key`, read by `read`; `None` when the key is absent or null.
    /// The child's pointer is built only for an error: lowering reads scalars by the
    /// thousand, and building each pointer was a fifth of its time.
    fn scalar<T>(
        &self,
        key: &str,
        read: impl FnOnce(&'a Value) -> Option<T>,
        expected: &str,
    ) -> Result<Option<T>> {
        match self.value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(value)
                .map(Some)
                .ok_or_else(|| Error::new(child(&self.pointer, key), expected)),
        }
    }

    pub fn str(&self, key: &str) -> Result<Option<&'a str>> {
        self.scalar(key, Value::as_str, "expected a string")
    }

    pub fn bool(&self, key: &str) -> Result<bool> {
        Ok(self
            .scalar(key, Value::as_bool, "expected true or false")?
            .unwrap_or(false))
    }

    pub fn u64(&self, key: &str) -> Result<Option<u64>> {
        self.scalar(key, Value::as_u64, "expected a non-negative integer")
    }

    pub fn f64(&self, key: &str) -> Result<Option<f64>> {
        self.scalar(key, Value::as_f64, "expected a number")
    }

    pub fn has(&self, key: &str) -> bool {
        self.value.get(key).is_some()
    }

    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::new(self.pointer.clone(), message)
    }
}

/// Resolves a local `$ref` (`#/components/schemas/X`) to the node it names.
pub fn resolve_pointer<'a>(root: &'a Value, reference: &str, from: &At<'_>) -> Result<At<'a>> {
    let Some(pointer) = reference.strip_prefix('#') else {
        return Err(from.error(format!(
            "`$ref: {reference}` points outside this document; only local references are supported"
        )));
    };
    let decoded = percent_decode(pointer);
    match root.pointer(&decoded) {
        Some(value) => Ok(At::new(value, decoded)),
        None => Err(from.error(format!("`$ref: {reference}` points to nothing"))),
    }
}

/// Follows `$ref`s from `at` until a node that is not a reference.
pub fn resolve<'a>(root: &'a Value, at: &At<'a>) -> Result<At<'a>> {
    let mut current = at.clone();
    for _ in 0..64 {
        match current.str("$ref")? {
            Some(reference) => current = resolve_pointer(root, reference, &current)?,
            None => return Ok(current),
        }
    }
    Err(at.error("`$ref` chain is longer than 64 steps or loops on itself"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalar_errors_name_the_escaped_child_pointer() {
        let value = json!({"a/b": 1, "t~": "x", "n": null, "f": true});
        let at = At::new(&value, "/components/schemas/S");
        let e = at.str("a/b").unwrap_err();
        assert_eq!(e.pointer, "/components/schemas/S/a~1b");
        assert_eq!(e.message, "expected a string");
        assert_eq!(
            at.u64("t~").unwrap_err().pointer,
            "/components/schemas/S/t~0"
        );
        assert_eq!(at.str("t~").unwrap(), Some("x"));
        assert_eq!(at.str("n").unwrap(), None, "null reads as absent");
        assert_eq!(at.str("missing").unwrap(), None);
        assert!(at.bool("f").unwrap());
        assert!(!at.bool("n").unwrap());
        assert_eq!(at.f64("a/b").unwrap(), Some(1.0));
        assert_eq!(at.get("a/b").unwrap().pointer, "/components/schemas/S/a~1b");
    }

    #[test]
    fn references_resolve_with_percent_and_tilde_escapes() {
        let root = json!({"components": {"schemas": {"A{b}": {"x": 1}, "c/d": {"y": 2}}}});
        let from = At::new(&root, "");
        let a = resolve_pointer(&root, "#/components/schemas/A%7Bb%7D", &from).unwrap();
        assert_eq!(a.value, &json!({"x": 1}));
        assert_eq!(a.pointer, "/components/schemas/A{b}");
        let c = resolve_pointer(&root, "#/components/schemas/c~1d", &from).unwrap();
        assert_eq!(c.value, &json!({"y": 2}));
        let e = resolve_pointer(&root, "#/components/schemas/none", &from).unwrap_err();
        assert!(e.message.contains("points to nothing"), "{e}");
    }
}
