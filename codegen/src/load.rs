//! Stage 1: text → a validated document.
//!
//! The YAML is parsed into a `serde_json::Value` (the raw tree the later stages walk, so
//! that every node keeps a JSON pointer and extensions beside a `$ref`, such as
//! Hookdeck's `x-required`, survive) and checked against `openapiv3`'s typed model, which
//! rejects structurally broken documents with the path of the bad node.

use crate::error::{Error, Result};
use serde_json::Value;

/// A loaded spec: the raw tree, already known to be a structurally valid OpenAPI 3.0 document.
#[derive(Debug, Clone)]
pub struct Document {
    pub root: Value,
}

pub fn load(text: &str) -> Result<Document> {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        Error::new("", format!("the spec is not valid YAML or JSON: {e}"))
            .with_line(e.location().map(|l| l.line()))
    })?;
    let root: Value = serde_json::to_value(&yaml).map_err(|e| {
        Error::new(
            "",
            format!("the spec holds a value JSON cannot represent (non-string map key?): {e}"),
        )
    })?;
    check_version(&root)?;
    let deserializer = root.clone();
    let typed: std::result::Result<openapiv3::OpenAPI, _> =
        serde_path_to_error::deserialize(deserializer);
    if let Err(e) = typed {
        let pointer = path_to_pointer(e.path());
        return Err(Error::new(
            pointer,
            format!("not a valid OpenAPI 3.0 node: {}", e.inner()),
        ));
    }
    Ok(Document { root })
}

fn check_version(root: &Value) -> Result<()> {
    let Some(map) = root.as_object() else {
        return Err(Error::new(
            "",
            "the spec must be a mapping at the top level",
        ));
    };
    if let Some(v) = map.get("swagger") {
        return Err(Error::new(
            "/swagger",
            format!(
                "Swagger {} documents are not supported; convert the spec to OpenAPI 3.0",
                display(v)
            ),
        ));
    }
    match map.get("openapi") {
        None => Err(Error::new(
            "/openapi",
            "missing `openapi` version field; an OpenAPI 3.0 document is expected",
        )),
        Some(Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => Ok(()),
        Some(v) => Err(Error::new(
            "/openapi",
            format!(
                "OpenAPI version {} is not supported; only 3.0.x is",
                display(v)
            ),
        )),
    }
}

fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Turns serde_path_to_error's `a.b[3].c` path into a JSON pointer `/a/b/3/c`.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out = crate::error::child(&out, key),
            Segment::Enum { variant } => out = crate::error::child(&out, variant),
            Segment::Unknown => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_syntax_error_has_a_line() {
        let err = load("openapi: 3.0.1\npaths: {\n  /a: [\n").unwrap_err();
        assert!(err.line.is_some(), "{err}");
    }

    #[test]
    fn swagger_and_31_are_refused_with_pointer() {
        let err = load("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap_err();
        assert_eq!(err.pointer, "/swagger");
        let err = load("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap_err();
        assert_eq!(err.pointer, "/openapi");
    }

    #[test]
    fn structural_error_names_the_node() {
        let err = load("openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n").unwrap_err();
        assert!(err.pointer.starts_with("/paths/~1a/get"), "{err}");
    }
}
