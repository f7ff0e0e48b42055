//! A read-only view of one node of the raw spec tree, carrying its JSON pointer so every
//! error can say where it is.

use crate::error::{child, Error, Result};
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

    pub fn str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.get(key) {
            None
            | Some(At {
                value: Value::Null, ..
            }) => Ok(None),
            Some(at) => at
                .value
                .as_str()
                .map(Some)
                .ok_or_else(|| at.error("expected a string")),
        }
    }

    pub fn bool(&self, key: &str) -> Result<bool> {
        match self.get(key) {
            None
            | Some(At {
                value: Value::Null, ..
            }) => Ok(false),
            Some(at) => at
                .value
                .as_bool()
                .ok_or_else(|| at.error("expected true or false")),
        }
    }

    pub fn u64(&self, key: &str) -> Result<Option<u64>> {
        match self.get(key) {
            None
            | Some(At {
                value: Value::Null, ..
            }) => Ok(None),
            Some(at) => at
                .value
                .as_u64()
                .map(Some)
                .ok_or_else(|| at.error("expected a non-negative integer")),
        }
    }

    pub fn f64(&self, key: &str) -> Result<Option<f64>> {
        match self.get(key) {
            None
            | Some(At {
                value: Value::Null, ..
            }) => Ok(None),
            Some(at) => at
                .value
                .as_f64()
                .map(Some)
                .ok_or_else(|| at.error("expected a number")),
        }
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
    root.pointer(&decoded)
        .map(|v| At::new(v, decoded.clone()))
        .ok_or_else(|| from.error(format!("`$ref: {reference}` points to nothing")))
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

/// JSON pointers in URI fragments may be percent-encoded (`%7B` for `{`).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}
