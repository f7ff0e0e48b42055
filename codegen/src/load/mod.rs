//! Stage 1: text → a validated document.
//!
//! The YAML is parsed into a `serde_json::Value` (the raw tree the later stages walk, so
//! that every node keeps a JSON pointer and extensions beside a `$ref`, such as
//! Hookdeck's `x-required`, survive) and checked against `openapiv3`'s typed model, which
//! rejects structurally broken documents with the path of the bad node. The tree is then
//! put in canonical order ([`canonical`]), so that nothing later depends on layout.

use crate::error::{Error, Result};
use serde_json::Value;

mod canonical;
mod merge;
mod tree;

pub use merge::Origins;

/// A loaded spec: the raw tree, already known to be a structurally valid OpenAPI 3.0
/// document (the merge of every file it was read from), and which file each part came from.
#[derive(Debug, Clone)]
pub struct Document {
    pub root: Value,
    pub origins: Origins,
}

/// The text of one spec file and the name errors call it by (its path, say).
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// What errors and warnings about the file call it (its path, say).
    pub name: String,
    /// The file's contents, YAML or JSON.
    pub text: String,
}

impl Document {
    /// The error, said of the file that holds the node it points at.
    pub fn locate(&self, error: Error) -> Error {
        match self.origins.file_of(&error.pointer) {
            Some(file) => error.in_file(file),
            None => error,
        }
    }
}

/// Loads every file and merges them into one document ([`merge`] says how); a conflict
/// between two files is an error naming both. The files may come in any order.
pub fn load_all(files: &[SpecFile]) -> Result<Document> {
    if files.is_empty() {
        return Err(Error::new("", "no spec file to read"));
    }
    let mut loaded = Vec::with_capacity(files.len());
    for file in files {
        let document = load(&file.text).map_err(|e| e.in_file(&file.name))?;
        loaded.push(merge::Loaded {
            file: file.name.clone(),
            root: document.root,
        });
    }
    // Merged in the order of their names, so that an error names the same pair whatever
    // order the caller lists the files in; the result does not depend on it either way.
    loaded.sort_by(|a, b| a.file.cmp(&b.file));
    let single = loaded.len() == 1;
    let (mut root, mut origins) = merge::merge(loaded)?;
    if single {
        origins = Origins::whole(&files[0].name);
    }
    canonical::canonicalize(&mut root);
    Ok(Document { root, origins })
}

/// Loads one spec text.
pub fn load(text: &str) -> Result<Document> {
    let tree: tree::Tree = serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line());
        let line = duplicate_key_line(text, &e.to_string(), line).or(line);
        Error::new("", format!("the spec is not valid YAML or JSON: {e}")).with_line(line)
    })?;
    let mut root = tree.0;
    check_version(&root)?;
    if let Err((pointer, message)) = check(Kind::Document, &root, "") {
        return Err(Error::new(
            pointer,
            format!("not a valid OpenAPI 3.0 node: {message}"),
        ));
    }
    canonical::canonicalize(&mut root);
    Ok(Document {
        root,
        origins: Origins::default(),
    })
}

/// serde_yaml reports a duplicate key at the start of its mapping; the line of the
/// duplicate itself is the next line at the first one's indentation that starts with the
/// same key, before the block mapping ends.
fn duplicate_key_line(text: &str, message: &str, from: Option<usize>) -> Option<usize> {
    let (_, rest) = message.split_once("duplicate entry with key \"")?;
    let key = rest.split('"').next()?;
    let starts_with_key = |line: &str| {
        let line = line.trim_start().trim_start_matches("- ");
        [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ]
        .iter()
        .any(|k| line.starts_with(k.as_str()))
    };
    let indent = |line: &str| line.len() - line.trim_start().len();
    let mut first: Option<usize> = None;
    for (index, line) in text
        .lines()
        .enumerate()
        .skip(from.unwrap_or(1).saturating_sub(1))
    {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match first {
            None if starts_with_key(line) => first = Some(indent(line)),
            None => {}
            Some(depth) if indent(line) < depth => return None,
            Some(depth) if indent(line) == depth && starts_with_key(line) => {
                return Some(index + 1)
            }
            Some(_) => {}
        }
    }
    None
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

/// The parts of an OpenAPI document that [`check`] knows how to check on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Components,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    Header,
    MediaType,
    Schema,
    SecurityScheme,
}

/// Checks a node against `openapiv3`'s typed model; on failure, the pointer of the
/// deepest node found to be wrong, and what is wrong with it.
///
/// `openapiv3` reads `$ref`-or-item values as untagged enums and schemas through
/// `#[serde(flatten)]`, and serde loses the path of an error inside either. So after the
/// whole node fails, its children of known kinds on the reported path are checked on
/// their own, and if none fails, each key of the node is tried without: the key whose
/// removal makes the node valid is the culprit.
fn check(kind: Kind, value: &Value, pointer: &str) -> std::result::Result<(), (String, String)> {
    let (path, message) = match parse(kind, value) {
        Ok(()) => return Ok(()),
        Err(e) => e,
    };
    let reported = format!("{pointer}{path}");
    // Only the children on the reported path, or below it when serde lost the rest.
    for (child_pointer, child_kind, child) in children(kind, value, pointer) {
        let related =
            reported.starts_with(child_pointer.as_str()) || child_pointer.starts_with(&reported);
        if related {
            check(child_kind, child, &child_pointer)?;
        }
    }
    if let Value::Object(map) = value {
        if reported == pointer {
            // Later keys first: in `{type: string, enum: [1]}` the enum is the odd one out.
            for key in map.keys().rev() {
                let mut without = map.clone();
                without.remove(key);
                if parse(kind, &Value::Object(without)).is_ok() {
                    return Err((crate::pointer::child(pointer, key), message));
                }
            }
        }
    }
    Err((reported, message))
}

/// Deserialises the node as `kind`; on failure, the relative pointer serde reports.
fn parse(kind: Kind, value: &Value) -> std::result::Result<(), (String, String)> {
    // Read from a borrowed tree: no copy of the (whole) node per check.
    fn typed<'v, T: serde::Deserialize<'v>>(
        value: &'v Value,
    ) -> std::result::Result<(), (String, String)> {
        let result = if value.get("$ref").is_some() {
            serde_path_to_error::deserialize::<_, openapiv3::ReferenceOr<T>>(value).map(drop)
        } else {
            serde_path_to_error::deserialize::<_, T>(value).map(drop)
        };
        result.map_err(|e| (path_to_pointer(e.path()), e.inner().to_string()))
    }
    macro_rules! typed {
        ($t:ty) => {
            typed::<$t>(value)
        };
    }
    use openapiv3 as o;
    match kind {
        Kind::Document => typed!(o::OpenAPI),
        Kind::Components => typed!(o::Components),
        Kind::PathItem => typed!(o::PathItem),
        Kind::Operation => typed!(o::Operation),
        Kind::Parameter => typed!(o::Parameter),
        Kind::RequestBody => typed!(o::RequestBody),
        Kind::Responses => typed!(o::Responses),
        Kind::Response => typed!(o::Response),
        Kind::Header => typed!(o::Header),
        Kind::MediaType => typed!(o::MediaType),
        Kind::Schema => typed!(o::Schema),
        Kind::SecurityScheme => typed!(o::SecurityScheme),
    }
}

/// The children of a node that [`check`] can check on their own, with their pointers.
fn children<'v>(kind: Kind, value: &'v Value, pointer: &str) -> Vec<(String, Kind, &'v Value)> {
    let mut out = Vec::new();
    let Value::Object(map) = value else {
        return out;
    };
    if map.contains_key("$ref") {
        return out;
    }
    let mut single: Vec<(&str, Kind)> = Vec::new();
    let mut maps: Vec<(&str, Kind)> = Vec::new();
    let mut lists: Vec<(&str, Kind)> = Vec::new();
    match kind {
        Kind::Document => {
            single.push(("components", Kind::Components));
            maps.push(("paths", Kind::PathItem));
        }
        Kind::Components => {
            maps.extend([
                ("schemas", Kind::Schema),
                ("responses", Kind::Response),
                ("parameters", Kind::Parameter),
                ("requestBodies", Kind::RequestBody),
                ("headers", Kind::Header),
                ("securitySchemes", Kind::SecurityScheme),
            ]);
        }
        Kind::PathItem => {
            for method in [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ] {
                single.push((method, Kind::Operation));
            }
            lists.push(("parameters", Kind::Parameter));
        }
        Kind::Operation => {
            lists.push(("parameters", Kind::Parameter));
            single.push(("requestBody", Kind::RequestBody));
            single.push(("responses", Kind::Responses));
        }
        Kind::Responses => {
            for (key, child) in map {
                if !key.starts_with("x-") {
                    out.push((crate::pointer::child(pointer, key), Kind::Response, child));
                }
            }
        }
        Kind::Response => {
            maps.push(("headers", Kind::Header));
            maps.push(("content", Kind::MediaType));
        }
        Kind::RequestBody => maps.push(("content", Kind::MediaType)),
        Kind::Parameter | Kind::Header => {
            single.push(("schema", Kind::Schema));
            maps.push(("content", Kind::MediaType));
        }
        Kind::MediaType => single.push(("schema", Kind::Schema)),
        Kind::Schema => {
            single.push(("items", Kind::Schema));
            single.push(("not", Kind::Schema));
            if map
                .get("additionalProperties")
                .is_some_and(Value::is_object)
            {
                single.push(("additionalProperties", Kind::Schema));
            }
            maps.push(("properties", Kind::Schema));
            lists.extend([
                ("oneOf", Kind::Schema),
                ("anyOf", Kind::Schema),
                ("allOf", Kind::Schema),
            ]);
        }
        Kind::SecurityScheme => {}
    }
    for (key, kind) in single {
        if let Some(child) = map.get(key) {
            out.push((crate::pointer::child(pointer, key), kind, child));
        }
    }
    for (key, kind) in maps {
        if let Some(Value::Object(entries)) = map.get(key) {
            let base = crate::pointer::child(pointer, key);
            for (name, child) in entries {
                if !(kind == Kind::PathItem && name.starts_with("x-")) {
                    out.push((crate::pointer::child(&base, name), kind, child));
                }
            }
        }
    }
    for (key, kind) in lists {
        if let Some(Value::Array(items)) = map.get(key) {
            let base = crate::pointer::child(pointer, key);
            for (i, child) in items.iter().enumerate() {
                out.push((format!("{base}/{i}"), kind, child));
            }
        }
    }
    out
}

/// Turns serde_path_to_error's `a.b[3].c` path into a JSON pointer `/a/b/3/c`.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out = crate::pointer::child(&out, key),
            Segment::Enum { variant } => out = crate::pointer::child(&out, variant),
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
