//! Several spec files, one API: the union of their paths and components.
//!
//! Hookdeck publishes one API cut by tag into several files, and the same API whole or cut
//! other ways elsewhere; the crate must depend on what the API says, not on the cut. So
//! the files are merged key by key, and anything two files say differently is an error
//! naming both files and both nodes, never a silent pick:
//!
//! - `paths`: each path's operations are unioned; one method of one path defined in two
//!   files, or a path-level key (`parameters`, `summary`, …) that differs, conflicts.
//! - `components`: every entry of every kind (`schemas`, `securitySchemes`, …) is unioned;
//!   an entry defined in several files must be the same in each (after canonical order).
//! - `openapi`, `servers`, `security` and top-level `x-` extensions must be the same.
//! - `tags` are unioned by name; one name described two ways conflicts.
//! - `info` keeps what every file agrees on: a crate's title and description come from
//!   [`crate::Settings`], not from whichever file is read first.
//! - An `operationId` used by two operations conflicts, wherever they are.

use crate::error::{Error, Result};
use crate::pointer::child;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One loaded (canonical) spec tree and the file it came from.
pub struct Loaded {
    pub file: String,
    pub root: Value,
}

/// Which file each part of the merged document came from, so that an error found later
/// (in lowering) names the file that holds the bad node.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    /// Pointer of a path item, a path's operation or a component entry → its file.
    by_pointer: BTreeMap<String, String>,
}

impl Origins {
    /// Every node is in the one file `file`.
    pub fn whole(file: &str) -> Self {
        Origins {
            by_pointer: BTreeMap::from([(String::new(), file.to_string())]),
        }
    }

    /// The file holding the node at `pointer`: the file of its longest known prefix.
    pub fn file_of(&self, pointer: &str) -> Option<&str> {
        let mut end = pointer.len();
        loop {
            let prefix = &pointer[..end];
            if let Some(file) = self.by_pointer.get(prefix) {
                return Some(file);
            }
            end = prefix.rfind('/')?;
        }
    }
}

/// Merges the files (already in canonical order) into one document.
pub fn merge(files: Vec<Loaded>) -> Result<(Value, Origins)> {
    let mut merged = Map::new();
    let mut origins = Origins::default();
    // Where each top-level key, path key, component and operationId was first seen.
    let mut seen = Seen::new();
    let mut operation_ids: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut infos: Vec<Map<String, Value>> = Vec::new();
    for Loaded { file, root } in files {
        let Value::Object(root) = root else {
            return Err(
                Error::new("", "the spec must be a mapping at the top level").in_file(&file),
            );
        };
        for (key, value) in root {
            match key.as_str() {
                "info" => infos.push(value.as_object().cloned().unwrap_or_default()),
                "paths" => merge_paths(&mut merged, value, &file, &mut seen, &mut origins)?,
                "components" => {
                    merge_components(&mut merged, value, &file, &mut seen, &mut origins)?
                }
                "tags" => merge_tags(&mut merged, value, &file, &mut seen)?,
                _ => same_everywhere(&mut merged, &key, value, &file, &mut seen)?,
            }
        }
    }
    merged.insert("info".into(), Value::Object(common_info(infos)));
    check_operation_ids(&merged, &origins, &mut operation_ids)?;
    Ok((Value::Object(merged), origins))
}

/// Where a node was first seen: its file and pointer.
type Seen = BTreeMap<String, (String, String)>;

/// An error at `pointer` of `file`: `what` differs from the node first seen under `key`.
fn conflict(file: &str, pointer: &str, seen: &Seen, key: &str, what: &str) -> Error {
    let (first_file, first_pointer) = &seen[key];
    Error::new(
        pointer,
        format!("{what} conflicts with the one in {first_file} at {first_pointer}; the spec files must agree"),
    )
    .in_file(file)
}

/// A key every file must give the same value, if it gives one.
fn same_everywhere(
    merged: &mut Map<String, Value>,
    key: &str,
    value: Value,
    file: &str,
    seen: &mut Seen,
) -> Result<()> {
    let place = Place {
        file,
        pointer: child("", key),
    };
    union_entry(merged, key.to_string(), value, place, seen, None, || {
        format!("`{key}`")
    })
}

/// Where a value comes from: its file and its pointer there.
struct Place<'a> {
    file: &'a str,
    pointer: String,
}

/// Puts `value` at `key` of `target`, or, when a file put one there already, checks that it
/// is the same: else a conflict naming both places. `what` names the node for the error;
/// `origins`, when given, learns which file the node came from.
fn union_entry(
    target: &mut Map<String, Value>,
    key: String,
    value: Value,
    place: Place<'_>,
    seen: &mut Seen,
    origins: Option<&mut Origins>,
    what: impl FnOnce() -> String,
) -> Result<()> {
    let Place { file, pointer } = place;
    match target.get(&key) {
        Some(existing) if *existing != value => {
            Err(conflict(file, &pointer, seen, &pointer, &what()))
        }
        Some(_) => Ok(()),
        None => {
            if let Some(origins) = origins {
                origins.by_pointer.insert(pointer.clone(), file.to_string());
            }
            seen.insert(pointer.clone(), (file.to_string(), pointer));
            target.insert(key, value);
            Ok(())
        }
    }
}

fn merge_paths(
    merged: &mut Map<String, Value>,
    paths: Value,
    file: &str,
    seen: &mut Seen,
    origins: &mut Origins,
) -> Result<()> {
    let Value::Object(paths) = paths else {
        return Err(Error::new("/paths", "`paths` must be a mapping").in_file(file));
    };
    let all = object_entry(merged, "paths");
    for (path, item) in paths {
        let item_pointer = child("/paths", &path);
        let Value::Object(item) = item else {
            return Err(Error::new(item_pointer, "a path item must be a mapping").in_file(file));
        };
        let target = object_entry(all, &path);
        for (key, value) in item {
            let pointer = child(&item_pointer, &key);
            // The same operation in two files is one operation defined twice: even
            // identical, it says the files overlap where they should not.
            if is_method(&key) && target.contains_key(&key) {
                return Err(conflict(
                    file,
                    &pointer,
                    seen,
                    &pointer,
                    &format!("operation `{} {path}`", key.to_uppercase()),
                ));
            }
            let what = || format!("`{key}` of path `{path}`");
            let place = Place { file, pointer };
            union_entry(target, key.clone(), value, place, seen, Some(origins), what)?;
        }
    }
    Ok(())
}

fn merge_components(
    merged: &mut Map<String, Value>,
    components: Value,
    file: &str,
    seen: &mut Seen,
    origins: &mut Origins,
) -> Result<()> {
    let Value::Object(components) = components else {
        return Err(Error::new("/components", "`components` must be a mapping").in_file(file));
    };
    let all = object_entry(merged, "components");
    for (kind, entries) in components {
        let kind_pointer = child("/components", &kind);
        let Value::Object(entries) = entries else {
            // Extensions (`x-…`) and malformed kinds: the same everywhere.
            let what = || format!("`components/{kind}`");
            let place = Place {
                file,
                pointer: kind_pointer,
            };
            union_entry(all, kind.clone(), entries, place, seen, None, what)?;
            continue;
        };
        let target = object_entry(all, &kind);
        for (name, value) in entries {
            let place = Place {
                file,
                pointer: child(&kind_pointer, &name),
            };
            let what = || format!("component `{kind}/{name}`");
            union_entry(
                target,
                name.clone(),
                value,
                place,
                seen,
                Some(origins),
                what,
            )?;
        }
    }
    Ok(())
}

/// Tags unioned by name, kept in the order of their names (each file lists its own).
fn merge_tags(
    merged: &mut Map<String, Value>,
    tags: Value,
    file: &str,
    seen: &mut Seen,
) -> Result<()> {
    let Value::Array(tags) = tags else {
        return Err(Error::new("/tags", "`tags` must be a sequence").in_file(file));
    };
    let all = merged
        .entry("tags")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(all) = all else {
        unreachable!("`tags` is only ever inserted as an array")
    };
    for (index, tag) in tags.into_iter().enumerate() {
        let name = tag
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let pointer = format!("/tags/{index}");
        let key = format!("/tags[{name}]");
        match all
            .iter()
            .find(|t| t.get("name").and_then(Value::as_str) == Some(name.as_str()))
        {
            Some(existing) if *existing != tag => {
                return Err(conflict(
                    file,
                    &pointer,
                    seen,
                    &key,
                    &format!("tag `{name}`"),
                ));
            }
            Some(_) => {}
            None => {
                seen.insert(key, (file.to_string(), pointer));
                all.push(tag);
            }
        }
    }
    all.sort_by(|a, b| {
        let name = |t: &Value| {
            t.get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        name(a).cmp(&name(b))
    });
    Ok(())
}

/// The keys of `info` that every file gives the same value.
fn common_info(infos: Vec<Map<String, Value>>) -> Map<String, Value> {
    let mut infos = infos.into_iter();
    let Some(mut common) = infos.next() else {
        return Map::new();
    };
    for info in infos {
        common.retain(|key, value| info.get(key) == Some(value));
    }
    common
}

fn check_operation_ids(
    merged: &Map<String, Value>,
    origins: &Origins,
    ids: &mut BTreeMap<String, (String, String)>,
) -> Result<()> {
    let Some(Value::Object(paths)) = merged.get("paths") else {
        return Ok(());
    };
    for (path, item) in paths {
        let Value::Object(item) = item else { continue };
        for (method, operation) in item {
            let Some(id) = operation.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let pointer = child(&child(&child("/paths", path), method), "operationId");
            let file = origins.file_of(&pointer).unwrap_or_default().to_string();
            if let Some((first_file, first_pointer)) = ids.get(id) {
                return Err(Error::new(
                    pointer,
                    format!("operationId `{id}` is also used in {first_file} at {first_pointer}; operationIds must be unique"),
                )
                .in_file(&file));
            }
            ids.insert(id.to_string(), (file, pointer));
        }
    }
    Ok(())
}

fn is_method(key: &str) -> bool {
    matches!(
        key,
        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
    )
}

/// The mapping at `key` of `map`, made empty when absent.
fn object_entry<'m>(map: &'m mut Map<String, Value>, key: &str) -> &'m mut Map<String, Value> {
    let entry = map
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    match entry {
        Value::Object(map) => map,
        _ => unreachable!("made an object just above"),
    }
}
