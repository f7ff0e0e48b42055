//! A copy of an OpenAPI 3.0 document that the Prism mock server validates faithfully.
//!
//! Prism (`@stoplight/prism-cli` 5.14) converts each schema to JSON Schema draft 7 and
//! compiles it with ajv. When ajv cannot compile a schema, Prism does not report it: it
//! validates nothing. Hookdeck's specs hit that, and read literally they also reject valid
//! requests, so contract tests run Prism on the copy that [`for_prism`] returns. Each
//! rewrite below was decided by experiment against Prism 5.14.2 on
//! `spec/hookdeck-connections-api-openapi.yml`, and each is generic: it recognises a shape,
//! never a schema name, and works on the raw document (`serde_yaml::Value`), not on the
//! generator's IR.
//!
//! 1. **Unions written as objects.** `{type: object, properties: {}, additionalProperties:
//!    false, oneOf: [...]}` literally admits only `{}` (with the `nullable` fix alone, Prism
//!    rejects `destination.config: {url: ...}`). It becomes a plain union. `oneOf` cannot
//!    stay: the variants overlap (most are all-optional objects), so a valid Stripe config
//!    `{auth: {webhook_secret_key: ...}}` matches several variants and Prism answers
//!    "must match exactly one schema in oneOf". `anyOf` accepts every valid config and still
//!    rejects unknown properties and wrong types. A variant with no constraint of its own
//!    (the `*AuthEmpty` schemas: `{nullable: true}`) keeps the constraint its container
//!    wrote, `{type: object, properties: {}, additionalProperties: false}`, plus its
//!    `nullable`: "no auth" is `null` or `{}`.
//! 2. **`nullable: true` without `type`.** ajv refuses to compile `nullable` without `type`
//!    (Prism's converter only rewrites `nullable` next to a `type`), which silently turns
//!    off body validation for every operation that reaches such a schema. The keyword goes;
//!    where the rest of the schema would not admit `null` any more, the schema becomes
//!    `anyOf: [<the rest>, {enum: [null]}]` (for an `anyOf`/`oneOf`, a `{enum: [null]}`
//!    branch is appended). `FilterRuleProperty`, whose branches are all nullable already,
//!    just loses its top-level `nullable`; a bare `{nullable: true}` means any value.
//! 3. **Discriminated unions.** Where an object has a union property (rewrite 1) whose
//!    variants carry `x-docs-type` and exactly one sibling property whose `enum` lists all
//!    those values (Hookdeck's `type` beside `config`, `auth_type` beside `auth`), the
//!    object gets an `anyOf` with one branch per value: `{properties: {type: {enum: [T]},
//!    config: <variant T>}}`. Enum values without a variant get one branch with the whole
//!    union; where the discriminator may be `null`, `null` selects the empty variants (any
//!    variant when there are none); an absent discriminator still allows any variant.
//!    Prism then rejects a Stripe source with another type's config (`{auth: {token}}`),
//!    and its dynamic responses pair each
//!    `type` with a matching `config` (its faker merges the chosen branch into the object,
//!    which is why the object's own discriminator loses its `enum` and its union property
//!    becomes `{}`: with them left in, the faker merges two enums and two unions into
//!    responses that Prism itself then flags).
//! 4. **`format: URL`.** Not a format ajv knows, so Prism ignored it (`"not a url"` passed)
//!    and generated lorem-ipsum URLs. It becomes the standard `uri`: real URLs pass, others
//!    are rejected, and dynamic responses carry real URLs.
//!
//! 5. **Operator objects in the query.** The API reads an operator object as
//!    `paused_at[gte]=...` (the SDK sends it so), but the spec declares no style for such
//!    parameters, and Prism then ignored bracket keys: `paused_at[gte]=yesterday` passed.
//!    Declaring `paused_at[gte]` as a parameter of its own does not help (Prism parses the
//!    brackets into a nested object first), and neither does `style: deepObject` on the
//!    `anyOf` of a date-time and the object (tried on Prism 5.14.2 and the 5.16.1 fork). A
//!    query parameter that may be an object therefore becomes `style: deepObject` with the
//!    object branch as its schema: Prism then checks each bracket key and value (a value
//!    that is not a date-time, an operator the object does not have). The price: a plain
//!    value of such a parameter (`paused_at=2024-01-01T00:00:00Z`) is accepted without a
//!    check, since Prism skips the plain key of a `deepObject` parameter.
//!
//! Checked and left alone: the pattern `^[A-z0-9-_]+$` compiles under ajv's unicode
//! regexps and is enforced (`bad name!` is rejected, `a[b` accepted as the range says);
//! `format: float` and `date-time` are handled by Prism; `OrderByDirection`'s type-less
//! enums compile.
//!
//! The output is JSON (pretty-printed, key order kept): Prism reads it without any of
//! YAML's ambiguities.

use std::fmt;

use serde_yaml::{Mapping, Value};

/// Why a document could not be normalised, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizeError {
    /// What is wrong.
    pub message: String,
    /// JSON pointer (RFC 6901) of the offending node; empty for the whole document.
    pub pointer: String,
}

impl fmt::Display for NormalizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "the document root"
        } else {
            &self.pointer
        };
        write!(f, "{} (at {at})", self.message)
    }
}

impl std::error::Error for NormalizeError {}

/// Returns, as JSON, a copy of the OpenAPI 3 document `spec_yaml` (YAML or JSON) that Prism
/// can really validate requests with. See the [module documentation](self) for what changes
/// and why. Never panics; malformed input gives an error naming the offending node.
pub fn for_prism(spec_yaml: &str) -> Result<String, NormalizeError> {
    for_prism_with(spec_yaml, &codegen::Settings::hookdeck("spec"))
}

/// [`for_prism`] with the settings that name the variant-tag extension.
pub fn for_prism_with(
    spec_yaml: &str,
    settings: &codegen::Settings,
) -> Result<String, NormalizeError> {
    let tag_extension = settings.variant_tag_extension.as_str();
    let mut doc = parse(spec_yaml)?;
    check_root(&doc)?;
    check_local_refs(&doc)?;

    // Before the schema rewrites, so that the narrowed parameter schemas get them too.
    deep_object_parameters(&mut doc);
    // Unions first: their empty variants must still show their own `nullable`.
    for path in collect(&doc, &|m| union_key(m).is_some()) {
        rewrite_union(&mut doc, &path);
    }
    for path in collect(&doc, &|m| {
        m.get("format")
            .and_then(Value::as_str)
            .is_some_and(|f| f.eq_ignore_ascii_case("url"))
    }) {
        if let Some(Value::Mapping(m)) = get_mut(&mut doc, &path) {
            m.insert(s("format"), s("uri"));
        }
    }
    // Post-order: a node is fixed before anything that contains it is wrapped.
    for path in collect(&doc, &|m| {
        m.get("nullable") == Some(&Value::Bool(true))
            && !m.contains_key("type")
            && !m.contains_key("$ref")
    }) {
        fix_nullable(&mut doc, &path);
    }
    for path in collect(&doc, &|m| {
        matches!(m.get("properties"), Some(Value::Mapping(_)))
    }) {
        discriminate(&mut doc, &path, tag_extension);
    }
    strip_markers(&mut doc);

    let mut out = serde_json::to_string_pretty(&doc).map_err(|e| NormalizeError {
        message: format!("cannot write the normalised document as JSON: {e}"),
        pointer: String::new(),
    })?;
    out.push('\n');
    Ok(out)
}

/// Marks a union rewritten by [`rewrite_union`]; removed before output.
const UNION_MARK: &str = "x-prism-normalized-union";
/// Marks an empty variant inlined by [`rewrite_union`]; removed before output.
const EMPTY_MARK: &str = "x-prism-normalized-empty";

/// Keys that say something about a schema without constraining its values.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "default",
    "example",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "externalDocs",
    "xml",
    "$comment",
];

/// Keys whose value is a map from names to things (schemas, operations, ...), not keywords.
const NAMED_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "definitions",
    "$defs",
    "schemas",
    "paths",
    "responses",
    "content",
    "headers",
    "parameters",
    "requestBodies",
    "securitySchemes",
    "links",
    "callbacks",
    "encoding",
    "variables",
    "mapping",
];

/// Keys whose value is data, never a schema.
const DATA_KEYS: &[&str] = &["example", "examples", "default", "enum", "const"];

fn s(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
        .collect()
}

fn err(message: impl Into<String>, path: &[String]) -> NormalizeError {
    NormalizeError {
        message: message.into(),
        pointer: pointer(path),
    }
}

// ---------------------------------------------------------------------------------------
// Parsing

fn parse(text: &str) -> Result<Value, NormalizeError> {
    let mut value: Value = serde_yaml::from_str(text)
        .map_err(|e| err(format!("the spec is not valid YAML or JSON: {e}"), &[]))?;
    value
        .apply_merge()
        .map_err(|e| err(format!("cannot apply a YAML merge key: {e}"), &[]))?;
    clean(value, &mut Vec::new())
}

/// Gives every mapping string keys, drops YAML tags, and refuses what JSON cannot hold.
fn clean(value: Value, path: &mut Vec<String>) -> Result<Value, NormalizeError> {
    Ok(match value {
        Value::Tagged(tagged) => clean(tagged.value, path)?,
        Value::Number(n) if n.is_nan() || n.is_infinite() => {
            return Err(err(
                format!("the number {n} cannot be written as JSON"),
                path,
            ))
        }
        Value::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                path.push(i.to_string());
                out.push(clean(item, path)?);
                path.pop();
            }
            Value::Sequence(out)
        }
        Value::Mapping(map) => {
            let mut out = Mapping::with_capacity(map.len());
            for (key, item) in map {
                let key = match key {
                    Value::String(k) => k,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Null => "null".to_owned(),
                    Value::Tagged(t) => match t.value {
                        Value::String(k) => k,
                        _ => return Err(err("a mapping key must be a plain scalar", path)),
                    },
                    _ => return Err(err("a mapping key must be a plain scalar", path)),
                };
                path.push(key.clone());
                let item = clean(item, path)?;
                path.pop();
                if out.insert(Value::String(key.clone()), item).is_some() {
                    path.push(key);
                    return Err(err("this key appears twice in its mapping", path));
                }
            }
            Value::Mapping(out)
        }
        other => other,
    })
}

fn check_root(doc: &Value) -> Result<(), NormalizeError> {
    let Value::Mapping(root) = doc else {
        return Err(err("the spec must be a mapping (an OpenAPI document)", &[]));
    };
    match root.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.") => Ok(()),
        Some(other) => Err(err(
            format!(
                "only OpenAPI 3 documents are supported, found version {}",
                serde_json::to_string(other).unwrap_or_default()
            ),
            &["openapi".to_owned()],
        )),
        None => Err(err(
            "no `openapi` version field: only OpenAPI 3 documents are supported",
            &["openapi".to_owned()],
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Navigation

fn get<'a>(doc: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(doc, |node, token| match node {
        Value::Mapping(m) => m.get(token.as_str()),
        Value::Sequence(items) => items.get(token.parse::<usize>().ok()?),
        _ => None,
    })
}

fn get_mut<'a>(doc: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(doc, |node, token| match node {
        Value::Mapping(m) => m.get_mut(token.as_str()),
        Value::Sequence(items) => items.get_mut(token.parse::<usize>().ok()?),
        _ => None,
    })
}

/// The tokens of a local reference (`#/a/b~1c`), or `None` for an external one.
fn ref_tokens(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix('#')?;
    let fragment = codegen::pointer::percent_decode(fragment);
    if fragment.is_empty() {
        return Some(Vec::new());
    }
    let rest = fragment.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Follows local `$ref`s from `node` to the schema they name. An external reference is
/// returned as it stands (it is opaque here); a broken or cyclic chain gives `None`.
fn deref<'a>(doc: &'a Value, mut node: &'a Value) -> Option<&'a Value> {
    for _ in 0..64 {
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
            return Some(node);
        };
        if !reference.starts_with('#') {
            return Some(node);
        }
        node = get(doc, &ref_tokens(reference)?)?;
    }
    None
}

/// Rewrite 5: a query parameter that may be an object becomes `style: deepObject`, its
/// schema the object branch.
fn deep_object_parameters(doc: &mut Value) {
    let mut rewrites: Vec<(Vec<String>, Value)> = Vec::new();
    let Some(Value::Mapping(paths)) = doc.get("paths") else {
        return;
    };
    let key = |v: &Value| v.as_str().unwrap_or_default().to_string();
    for (path, item) in paths {
        let Some(Value::Mapping(item)) = Some(item) else {
            continue;
        };
        for (method, operation) in item {
            let Some(Value::Sequence(parameters)) = operation.get("parameters") else {
                continue;
            };
            for (index, parameter) in parameters.iter().enumerate() {
                // Inline parameters only: a shared `$ref` one is left as it is.
                if parameter.get("in").and_then(Value::as_str) != Some("query")
                    || parameter.get("style").is_some()
                {
                    continue;
                }
                let Some(object) = parameter.get("schema").and_then(|s| object_branch(doc, s))
                else {
                    continue;
                };
                let at = vec![
                    "paths".to_string(),
                    key(path),
                    key(method),
                    "parameters".to_string(),
                    index.to_string(),
                ];
                rewrites.push((at, object));
            }
        }
    }
    for (at, object) in rewrites {
        if let Some(Value::Mapping(parameter)) = get_mut(doc, &at) {
            parameter.insert(s("style"), s("deepObject"));
            parameter.insert(s("explode"), Value::Bool(true));
            parameter.insert(s("schema"), object);
        }
    }
}

/// The object a schema is, or the one object branch of its `anyOf`/`oneOf`.
fn object_branch(doc: &Value, schema: &Value) -> Option<Value> {
    let is_object = |node: &Value| {
        deref(doc, node).is_some_and(
            |n| matches!(n.get("properties"), Some(Value::Mapping(m)) if !m.is_empty()),
        )
    };
    if is_object(schema) {
        return Some(schema.clone());
    }
    let target = deref(doc, schema)?;
    let branches = target
        .get("anyOf")
        .or_else(|| target.get("oneOf"))
        .and_then(Value::as_sequence)?;
    let objects: Vec<&Value> = branches.iter().filter(|b| is_object(b)).collect();
    match objects.as_slice() {
        [only] => Some((*only).clone()),
        _ => None,
    }
}

/// Every local `$ref` must name a node, and a chain of them must end.
fn check_local_refs(doc: &Value) -> Result<(), NormalizeError> {
    let mut problem = None;
    walk(doc, &mut Vec::new(), false, &mut |path, node| {
        if problem.is_some() {
            return;
        }
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
            return;
        };
        if !reference.starts_with('#') {
            return;
        }
        problem = match ref_tokens(reference).and_then(|tokens| get(doc, &tokens)) {
            None => Some(err(format!("`$ref: {reference}` names nothing"), path)),
            Some(target) if deref(doc, target).is_none() => Some(err(
                format!("`$ref: {reference}` starts a chain of references that never ends"),
                path,
            )),
            Some(_) => None,
        };
    });
    problem.map_or(Ok(()), Err)
}

/// Calls `visit` on every mapping that may be a schema, children before parents. Data
/// (examples, defaults, enums, `x-` extensions) is not entered, and the name-to-thing maps
/// (`properties`, `paths`, ...) are entered but not visited themselves.
fn walk(
    value: &Value,
    path: &mut Vec<String>,
    named: bool,
    visit: &mut dyn FnMut(&[String], &Mapping),
) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                let Some(key) = key.as_str() else { continue };
                if !named && (DATA_KEYS.contains(&key) || key.starts_with("x-")) {
                    continue;
                }
                path.push(key.to_owned());
                walk(child, path, !named && NAMED_MAPS.contains(&key), visit);
                path.pop();
            }
            if !named {
                visit(path, map);
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                walk(item, path, false, visit);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Paths of the schema-like mappings that satisfy `wanted`, children before parents.
fn collect(doc: &Value, wanted: &dyn Fn(&Mapping) -> bool) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    walk(doc, &mut Vec::new(), false, &mut |path, map| {
        if wanted(map) {
            found.push(path.to_vec());
        }
    });
    found
}

fn is_annotation(key: &str) -> bool {
    ANNOTATIONS.contains(&key) || key.starts_with("x-")
}

/// A schema that constrains nothing (only annotations, perhaps `nullable`).
fn is_bare(map: &Mapping) -> bool {
    map.keys()
        .filter_map(Value::as_str)
        .all(|k| k == "nullable" || is_annotation(k))
}

// ---------------------------------------------------------------------------------------
// Rewrite 1: unions written as objects

/// `oneOf`/`anyOf` when `map` is `{type: object, properties: {}, additionalProperties:
/// false, oneOf: [...]}` (no required properties, no other object keywords).
fn union_key(map: &Mapping) -> Option<&'static str> {
    let key = match (map.get("oneOf"), map.get("anyOf")) {
        (Some(Value::Sequence(v)), None) if !v.is_empty() => "oneOf",
        (None, Some(Value::Sequence(v))) if !v.is_empty() => "anyOf",
        _ => return None,
    };
    let object = map.get("type").and_then(Value::as_str) == Some("object");
    let closed = map.get("additionalProperties") == Some(&Value::Bool(false));
    let no_properties = match map.get("properties") {
        None => true,
        Some(Value::Mapping(p)) => p.is_empty(),
        Some(_) => false,
    };
    let no_required = match map.get("required") {
        None => true,
        Some(Value::Sequence(r)) => r.is_empty(),
        Some(_) => false,
    };
    let other_object_keywords = [
        "patternProperties",
        "minProperties",
        "maxProperties",
        "allOf",
    ]
    .iter()
    .any(|k| map.contains_key(*k));
    (object && closed && no_properties && no_required && !other_object_keywords).then_some(key)
}

fn rewrite_union(doc: &mut Value, path: &[String]) {
    let Some(Value::Mapping(map)) = get(doc, path) else {
        return;
    };
    let Some(key) = union_key(map) else {
        return;
    };
    let Some(Value::Sequence(variants)) = map.get(key) else {
        return;
    };
    let mut new_variants = Vec::with_capacity(variants.len());
    for variant in variants {
        match deref(doc, variant) {
            Some(Value::Mapping(t)) if is_bare(t) => {
                // The container's own constraint, which the variant did not override.
                let mut empty = Mapping::new();
                empty.insert(s("type"), s("object"));
                if t.get("nullable") == Some(&Value::Bool(true)) {
                    empty.insert(s("nullable"), Value::Bool(true));
                }
                empty.insert(s("properties"), Value::Mapping(Mapping::new()));
                empty.insert(s("additionalProperties"), Value::Bool(false));
                for (k, v) in t {
                    if k.as_str()
                        .is_some_and(|k| is_annotation(k) && k != "default")
                    {
                        empty.insert(k.clone(), v.clone());
                    }
                }
                empty.insert(s(EMPTY_MARK), Value::Bool(true));
                new_variants.push(Value::Mapping(empty));
            }
            _ => new_variants.push(variant.clone()),
        }
    }
    let mut rewritten = Mapping::new();
    for (k, v) in map {
        match k.as_str() {
            Some("type" | "properties" | "additionalProperties" | "required") => {}
            Some(k) if k == key => {
                rewritten.insert(s("anyOf"), Value::Sequence(new_variants.clone()));
            }
            _ => {
                rewritten.insert(k.clone(), v.clone());
            }
        }
    }
    rewritten.insert(s(UNION_MARK), Value::Bool(true));
    if let Some(slot) = get_mut(doc, path) {
        *slot = Value::Mapping(rewritten);
    }
}

// ---------------------------------------------------------------------------------------
// Rewrite 2: `nullable` without `type`

/// Whether the schema `node` certainly admits `null` (OpenAPI 3.0 reading).
fn admits_null(doc: &Value, node: &Value) -> bool {
    // Bounds the work on cyclic or exponentially shared references; past it, "no".
    admits_null_within(doc, node, 0, &mut 10_000)
}

fn admits_null_within(doc: &Value, node: &Value, depth: usize, budget: &mut usize) -> bool {
    if depth > 48 || *budget == 0 {
        return false;
    }
    *budget -= 1;
    let Some(target) = deref(doc, node) else {
        return false;
    };
    let map = match target {
        Value::Bool(b) => return *b,
        Value::Mapping(m) => m,
        _ => return false,
    };
    if is_bare(map) {
        return true;
    }
    if map.get("nullable") == Some(&Value::Bool(true)) && map.contains_key("type") {
        return true;
    }
    if let Some(Value::Sequence(values)) = map.get("enum") {
        if values.contains(&Value::Null) {
            return true;
        }
    }
    match map.get("type") {
        Some(Value::String(t)) if t == "null" => return true,
        Some(Value::Sequence(ts)) if ts.contains(&s("null")) => return true,
        _ => {}
    }
    let constraints: Vec<&str> = map
        .keys()
        .filter_map(Value::as_str)
        .filter(|k| !is_annotation(k) && *k != "nullable")
        .collect();
    match constraints.as_slice() {
        ["anyOf"] | ["oneOf"] => match map.get(constraints[0]) {
            Some(Value::Sequence(branches)) => branches
                .iter()
                .any(|b| admits_null_within(doc, b, depth + 1, budget)),
            _ => false,
        },
        ["allOf"] => match map.get("allOf") {
            Some(Value::Sequence(parts)) => parts
                .iter()
                .all(|p| admits_null_within(doc, p, depth + 1, budget)),
            _ => false,
        },
        _ => false,
    }
}

fn null_only() -> Value {
    let mut m = Mapping::new();
    m.insert(s("enum"), Value::Sequence(vec![Value::Null]));
    Value::Mapping(m)
}

fn fix_nullable(doc: &mut Value, path: &[String]) {
    let Some(Value::Mapping(map)) = get(doc, path) else {
        return;
    };
    let mut map = map.clone();
    map.remove("nullable");
    let constraints: Vec<String> = map
        .keys()
        .filter_map(Value::as_str)
        .filter(|k| !is_annotation(k))
        .map(str::to_owned)
        .collect();
    let fixed = match constraints.as_slice() {
        // No constraint: any value, `null` included.
        [] => map,
        [one] if one == "anyOf" || one == "oneOf" => {
            let needs_null = match map.get(one.as_str()) {
                Some(Value::Sequence(branches)) => !branches.iter().any(|b| admits_null(doc, b)),
                _ => false,
            };
            if needs_null {
                if let Some(Value::Sequence(branches)) = map.get_mut(one.as_str()) {
                    branches.push(null_only());
                }
            }
            map
        }
        _ => {
            let mut outer = Mapping::new();
            let mut inner = Mapping::new();
            for (k, v) in map {
                if k.as_str().is_some_and(is_annotation) {
                    outer.insert(k, v);
                } else {
                    inner.insert(k, v);
                }
            }
            outer.insert(
                s("anyOf"),
                Value::Sequence(vec![Value::Mapping(inner), null_only()]),
            );
            outer
        }
    };
    if let Some(slot) = get_mut(doc, path) {
        *slot = Value::Mapping(fixed);
    }
}

// ---------------------------------------------------------------------------------------
// Rewrite 3: unions discriminated by a sibling property

fn discriminate(doc: &mut Value, path: &[String], tag_extension: &str) {
    let Some(Value::Mapping(object)) = get(doc, path) else {
        return;
    };
    let Some(Value::Mapping(properties)) = object.get("properties") else {
        return;
    };
    // (union property, discriminator, branches)
    let mut plans: Vec<(String, String, Mapping, Vec<Value>)> = Vec::new();
    for (name, schema) in properties {
        let Some(name) = name.as_str() else { continue };
        if plans.iter().any(|(_, d, _, _)| d == name) {
            continue;
        }
        if let Some(plan) = plan_branches(doc, properties, name, schema, tag_extension) {
            plans.push(plan);
        }
    }
    if plans.is_empty() {
        return;
    }
    let Some(Value::Mapping(object)) = get_mut(doc, path) else {
        return;
    };
    for (union_prop, disc_prop, disc_schema, branches) in plans {
        if let Some(Value::Mapping(props)) = object.get_mut("properties") {
            let kept: Mapping = match props.get(union_prop.as_str()) {
                Some(Value::Mapping(m)) if !m.contains_key("$ref") => m
                    .iter()
                    .filter(|(k, _)| {
                        k.as_str()
                            .is_some_and(|k| is_annotation(k) && k != "default")
                    })
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                _ => Mapping::new(),
            };
            props.insert(s(&union_prop), Value::Mapping(kept));
            props.insert(s(&disc_prop), Value::Mapping(disc_schema));
        }
        if !object.contains_key("anyOf") {
            object.insert(s("anyOf"), Value::Sequence(branches));
        } else {
            let mut wrapper = Mapping::new();
            wrapper.insert(s("anyOf"), Value::Sequence(branches));
            match object.get_mut("allOf") {
                Some(Value::Sequence(parts)) => parts.push(Value::Mapping(wrapper)),
                _ => {
                    object.insert(s("allOf"), Value::Sequence(vec![Value::Mapping(wrapper)]));
                }
            }
        }
    }
}

/// For the property `name` of an object, when it is a rewritten union discriminated by one
/// sibling: the discriminator's name, its schema without `enum`, and the branches.
fn plan_branches(
    doc: &Value,
    properties: &Mapping,
    name: &str,
    schema: &Value,
    tag_extension: &str,
) -> Option<(String, String, Mapping, Vec<Value>)> {
    let union = deref(doc, schema)?;
    if union.get(UNION_MARK) != Some(&Value::Bool(true)) {
        return None;
    }
    let Some(Value::Sequence(variants)) = union.get("anyOf") else {
        return None;
    };
    // Variants by tag, in order; the empty ones (and a `null` branch) apart.
    let mut tagged: Vec<(Value, Vec<Value>)> = Vec::new();
    let mut empties: Vec<Value> = Vec::new();
    for variant in variants {
        let target = deref(doc, variant)?;
        match target.get(tag_extension) {
            Some(tag @ Value::String(_)) => match tagged.iter_mut().find(|(t, _)| t == tag) {
                Some((_, group)) => group.push(variant.clone()),
                None => tagged.push((tag.clone(), vec![variant.clone()])),
            },
            Some(_) => return None,
            None if target.get(EMPTY_MARK) == Some(&Value::Bool(true)) => {
                empties.push(variant.clone())
            }
            None if *target == null_only() => {}
            None => return None,
        }
    }
    if tagged.is_empty() {
        return None;
    }
    let mut candidates = properties.iter().filter_map(|(sibling, sibling_schema)| {
        let sibling = sibling.as_str()?;
        if sibling == name {
            return None;
        }
        let target = deref(doc, sibling_schema)?;
        let Some(Value::Sequence(values)) = target.get("enum") else {
            return None;
        };
        tagged
            .iter()
            .all(|(tag, _)| values.contains(tag))
            .then(|| (sibling.to_owned(), target.clone(), values.clone()))
    });
    let (disc, disc_target, values) = candidates.next()?;
    if candidates.next().is_some() {
        return None;
    }
    let Value::Mapping(disc_target) = disc_target else {
        return None;
    };
    let disc_type = disc_target.get("type").cloned();

    let branch = |disc_schema: Value, union_schema: Option<Value>| {
        let mut props = Mapping::new();
        props.insert(s(&disc), disc_schema);
        if let Some(u) = union_schema {
            props.insert(s(name), u);
        }
        let mut b = Mapping::new();
        b.insert(s("properties"), Value::Mapping(props));
        Value::Mapping(b)
    };
    let enum_of = |values: Vec<Value>| {
        let mut m = Mapping::new();
        if let Some(t) = &disc_type {
            m.insert(s("type"), t.clone());
        }
        m.insert(s("enum"), Value::Sequence(values));
        Value::Mapping(m)
    };
    let one_or_any = |mut group: Vec<Value>| {
        if group.len() == 1 {
            group.remove(0)
        } else {
            let mut m = Mapping::new();
            m.insert(s("anyOf"), Value::Sequence(group));
            Value::Mapping(m)
        }
    };

    let mut branches = Vec::with_capacity(tagged.len() + 2);
    let leftover: Vec<Value> = values
        .iter()
        .filter(|v| !v.is_null() && !tagged.iter().any(|(t, _)| t == *v))
        .cloned()
        .collect();
    for (tag, group) in tagged {
        branches.push(branch(enum_of(vec![tag]), Some(one_or_any(group))));
    }
    if !leftover.is_empty() {
        branches.push(branch(enum_of(leftover), Some(schema.clone())));
    }
    // An explicit `null` discriminator, when allowed: the empty variants, or any variant
    // when there are none. (Never offered for a non-nullable discriminator: Prism's faker
    // would pick it and answer with a `null` the schema forbids.)
    if admits_null(doc, &Value::Mapping(disc_target.clone())) {
        let for_null = if empties.is_empty() {
            schema.clone()
        } else {
            one_or_any(empties)
        };
        branches.push(branch(null_only(), Some(for_null)));
    }

    let mut disc_schema = disc_target;
    disc_schema.remove("enum");
    Some((name.to_owned(), disc, disc_schema, branches))
}

fn strip_markers(value: &mut Value) {
    match value {
        Value::Mapping(map) => {
            map.remove(UNION_MARK);
            map.remove(EMPTY_MARK);
            for (_, child) in map.iter_mut() {
                strip_markers(child);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(strip_markers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value as Json};

    fn normalize(spec: &str) -> Json {
        let out = for_prism(spec).expect("normalises");
        serde_json::from_str(&out).expect("the output is JSON")
    }

    fn wrap_schemas(schemas: &str) -> String {
        let indented: String = schemas.lines().map(|l| format!("    {l}\n")).collect();
        format!("openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{indented}")
    }

    fn schema<'a>(doc: &'a Json, name: &str) -> &'a Json {
        &doc["components"]["schemas"][name]
    }

    fn repo_spec() -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/hookdeck-connections-api-openapi.yml"
        );
        std::fs::read_to_string(path).expect("the checked-in spec is readable")
    }

    /// Every schema-like node of the output, with its pointer.
    fn schemas_of(doc: &Json) -> Vec<(String, Json)> {
        let yaml: Value = serde_json::from_value(doc.clone()).unwrap();
        let mut out = Vec::new();
        walk(&yaml, &mut Vec::new(), false, &mut |path, map| {
            out.push((
                pointer(path),
                serde_json::to_value(Value::Mapping(map.clone())).unwrap(),
            ));
        });
        out
    }

    #[test]
    fn bad_input_is_an_error_with_a_pointer_not_a_panic() {
        for (input, at) in [
            ("", ""),
            ("[1, 2]", ""),
            ("42", ""),
            ("{", ""),
            ("openapi: 2.0\n", "/openapi"),
            ("swagger: '2.0'\n", "/openapi"),
            ("openapi: 3.0.1\nx: .nan\n", "/x"),
            ("openapi: 3.0.1\nx:\n  ? [a]\n  : 1\n", "/x"),
            (
                "openapi: 3.0.1\ncomponents: {schemas: {A: {$ref: '#/components/schemas/B'}}}\n",
                "/components/schemas/A",
            ),
            (
                "openapi: 3.0.1\ncomponents: {schemas: {A: {$ref: '#/components/schemas/A'}}}\n",
                "/components/schemas/A",
            ),
        ] {
            let e = for_prism(input).expect_err(input);
            assert_eq!(e.pointer, at, "{input:?}: {e}");
            assert!(!e.message.is_empty());
            assert!(e.to_string().contains(&e.message));
        }
    }

    #[test]
    fn deep_nesting_and_alias_bombs_are_errors() {
        let deep = format!("openapi: 3.0.1\nx: {}", "[".repeat(2_000));
        assert!(for_prism(&deep).is_err());
        let mut bomb = String::from("openapi: 3.0.1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(for_prism(&bomb).is_err());
    }

    #[test]
    fn cyclic_and_heavily_shared_references_finish() {
        let mut schemas = String::from("A: {nullable: true, anyOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B0'}]}\n");
        for i in 0..40 {
            schemas.push_str(&format!(
                "B{i}: {{anyOf: [{{$ref: '#/components/schemas/B{n}'}}, {{$ref: '#/components/schemas/B{n}'}}]}}\n",
                n = i + 1
            ));
        }
        schemas.push_str("B40: {type: string}");
        let doc = normalize(&wrap_schemas(&schemas));
        assert_eq!(schema(&doc, "A")["anyOf"][2], json!({"enum": [null]}));
    }

    #[test]
    fn odd_but_valid_yaml_is_accepted() {
        let doc = normalize(
            "openapi: 3.0.1\nbase: &b {type: string, format: URL}\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n          content: {application/json: {schema: {<<: *b, maxLength: 3}}}\n",
        );
        let schema =
            &doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(
            schema,
            &json!({"type": "string", "format": "uri", "maxLength": 3})
        );
    }

    #[test]
    fn bare_nullable_means_any_value() {
        let doc = normalize(&wrap_schemas(
            "Any: {nullable: true, description: anything}\nMap: {type: object, additionalProperties: {nullable: true}}",
        ));
        assert_eq!(schema(&doc, "Any"), &json!({"description": "anything"}));
        assert_eq!(schema(&doc, "Map")["additionalProperties"], json!({}));
    }

    #[test]
    fn nullable_any_of_keeps_null_without_the_keyword() {
        let doc = normalize(&wrap_schemas(concat!(
            "AlreadyNullable: {nullable: true, anyOf: [{type: string, nullable: true}, {type: number}]}\n",
            "NeedsNull: {nullable: true, description: d, anyOf: [{type: string}, {$ref: '#/components/schemas/Obj'}]}\n",
            "NullableRef: {nullable: true, oneOf: [{$ref: '#/components/schemas/NullObj'}, {type: string}]}\n",
            "Obj: {type: object}\n",
            "NullObj: {type: object, nullable: true}\n",
            "AllOf: {nullable: true, description: d, allOf: [{$ref: '#/components/schemas/Obj'}]}\n",
            "Enum: {nullable: true, enum: [a, b]}",
        )));
        assert_eq!(
            schema(&doc, "AlreadyNullable"),
            &json!({"anyOf": [{"type": "string", "nullable": true}, {"type": "number"}]})
        );
        assert_eq!(
            schema(&doc, "NeedsNull"),
            &json!({"description": "d", "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/Obj"}, {"enum": [null]}]})
        );
        assert!(schema(&doc, "NullableRef").get("nullable").is_none());
        assert_eq!(
            schema(&doc, "NullableRef")["oneOf"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            schema(&doc, "AllOf"),
            &json!({"description": "d", "anyOf": [{"allOf": [{"$ref": "#/components/schemas/Obj"}]}, {"enum": [null]}]})
        );
        assert_eq!(
            schema(&doc, "Enum"),
            &json!({"anyOf": [{"enum": ["a", "b"]}, {"enum": [null]}]})
        );
    }

    #[test]
    fn union_written_as_object_becomes_any_of_with_empty_variant_kept_empty() {
        let doc = normalize(&wrap_schemas(concat!(
            "Auth: {type: object, properties: {}, additionalProperties: false, description: d, oneOf: [{$ref: '#/components/schemas/Key'}, {$ref: '#/components/schemas/Empty'}]}\n",
            "Key: {type: object, properties: {key: {type: string}}, additionalProperties: false, x-docs-type: KEY}\n",
            "Empty: {nullable: true, x-docs-hide: true}\n",
            "RealObject: {type: object, properties: {a: {type: string}}, additionalProperties: false, oneOf: [{required: [a]}]}",
        )));
        assert_eq!(
            schema(&doc, "Auth"),
            &json!({"description": "d", "anyOf": [
                {"$ref": "#/components/schemas/Key"},
                {"type": "object", "nullable": true, "properties": {}, "additionalProperties": false, "x-docs-hide": true},
            ]})
        );
        // An object with real properties is not this quirk.
        assert_eq!(schema(&doc, "RealObject")["type"], json!("object"));
        assert!(schema(&doc, "RealObject").get("oneOf").is_some());
    }

    #[test]
    fn sibling_discriminator_selects_the_variant() {
        let doc = normalize(&wrap_schemas(concat!(
            "Dest:\n",
            "  type: object\n",
            "  required: [kind]\n",
            "  additionalProperties: false\n",
            "  properties:\n",
            "    kind: {type: string, nullable: true, enum: [A, B, C], default: A}\n",
            "    config: {$ref: '#/components/schemas/Config'}\n",
            "Config: {type: object, properties: {}, additionalProperties: false, oneOf: [{$ref: '#/components/schemas/CA'}, {$ref: '#/components/schemas/CB'}, {$ref: '#/components/schemas/CNone'}]}\n",
            "CA: {type: object, properties: {a: {type: string}}, additionalProperties: false, x-docs-type: A}\n",
            "CB: {type: object, properties: {b: {type: string}}, additionalProperties: false, x-docs-type: B}\n",
            "CNone: {nullable: true}",
        )));
        let dest = schema(&doc, "Dest");
        assert_eq!(
            dest["properties"],
            json!({"kind": {"type": "string", "nullable": true, "default": "A"}, "config": {}})
        );
        assert_eq!(dest["required"], json!(["kind"]));
        assert_eq!(dest["additionalProperties"], json!(false));
        assert_eq!(
            dest["anyOf"],
            json!([
                {"properties": {"kind": {"type": "string", "enum": ["A"]}, "config": {"$ref": "#/components/schemas/CA"}}},
                {"properties": {"kind": {"type": "string", "enum": ["B"]}, "config": {"$ref": "#/components/schemas/CB"}}},
                {"properties": {"kind": {"type": "string", "enum": ["C"]}, "config": {"$ref": "#/components/schemas/Config"}}},
                {"properties": {"kind": {"enum": [null]}, "config": {"type": "object", "nullable": true, "properties": {}, "additionalProperties": false}}},
            ])
        );
    }

    #[test]
    fn no_discriminator_when_ambiguous_or_missing() {
        let doc = normalize(&wrap_schemas(concat!(
            "Two: {type: object, properties: {k1: {type: string, enum: [A]}, k2: {type: string, enum: [A]}, config: {$ref: '#/components/schemas/Config'}}}\n",
            "None: {type: object, properties: {config: {$ref: '#/components/schemas/Config'}}}\n",
            "Config: {type: object, properties: {}, additionalProperties: false, oneOf: [{$ref: '#/components/schemas/CA'}]}\n",
            "CA: {type: object, properties: {a: {type: string}}, x-docs-type: A}",
        )));
        for name in ["Two", "None"] {
            assert!(schema(&doc, name).get("anyOf").is_none(), "{name}");
            assert_eq!(
                schema(&doc, name)["properties"]["config"],
                json!({"$ref": "#/components/schemas/Config"})
            );
        }
    }

    #[test]
    fn external_references_are_left_alone() {
        let doc = normalize(&wrap_schemas(concat!(
            "U: {type: object, properties: {}, additionalProperties: false, oneOf: [{$ref: 'other.yml#/A'}, {$ref: '#/components/schemas/E'}]}\n",
            "E: {nullable: true}\n",
            "N: {nullable: true, anyOf: [{$ref: 'other.yml#/B'}]}",
        )));
        assert_eq!(
            schema(&doc, "U")["anyOf"][0],
            json!({"$ref": "other.yml#/A"})
        );
        assert_eq!(schema(&doc, "U")["anyOf"][1]["type"], json!("object"));
        assert_eq!(
            schema(&doc, "N")["anyOf"],
            json!([{"$ref": "other.yml#/B"}, {"enum": [null]}])
        );
    }

    /// Mutates a document full of the quirks at random places, many times: every result
    /// must be an answer (normalised or an error), never a panic.
    #[test]
    fn hostile_documents_do_not_panic() {
        let base: Value = serde_yaml::from_str(&wrap_schemas(concat!(
            "Dest:\n",
            "  type: object\n",
            "  properties:\n",
            "    kind: {type: string, nullable: true, enum: [A, B]}\n",
            "    config: {$ref: '#/components/schemas/Config'}\n",
            "Config: {type: object, properties: {}, additionalProperties: false, oneOf: [{$ref: '#/components/schemas/CA'}, {$ref: '#/components/schemas/CNone'}]}\n",
            "CA: {type: object, properties: {a: {type: string, format: URL}}, x-docs-type: A}\n",
            "CNone: {nullable: true}\n",
            "F: {nullable: true, anyOf: [{type: string}, {allOf: [{$ref: '#/components/schemas/CA'}]}]}",
        )))
        .unwrap();
        let junk: Vec<Value> = [
            "null",
            "true",
            "0",
            "-1.5",
            "x",
            "'#/nope'",
            "[]",
            "{}",
            "[1, [2, {a: 3}]]",
            "{$ref: '#/components/schemas/Dest'}",
            "{$ref: '#/components/schemas/Config'}",
            "{$ref: '#'}",
            "{$ref: 7}",
            "{$ref: 'elsewhere.yml#/X'}",
            "{nullable: true}",
            "{nullable: true, oneOf: 5}",
            "{nullable: true, anyOf: [7, null, {$ref: '#'}]}",
            "{type: object, properties: {}, additionalProperties: false, oneOf: [{nullable: true}, 3]}",
            "{type: object, properties: {k: {enum: [A]}, u: {$ref: '#/components/schemas/Config'}}}",
            "{properties: [1, 2], x-docs-type: 9}",
            "{format: 5}",
        ]
        .iter()
        .map(|y| serde_yaml::from_str(y).unwrap())
        .collect();

        fn paths(v: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
            out.push(at.clone());
            match v {
                Value::Mapping(m) => {
                    for (k, c) in m {
                        at.push(k.as_str().unwrap_or_default().to_owned());
                        paths(c, at, out);
                        at.pop();
                    }
                }
                Value::Sequence(items) => {
                    for (i, c) in items.iter().enumerate() {
                        at.push(i.to_string());
                        paths(c, at, out);
                        at.pop();
                    }
                }
                _ => {}
            }
        }

        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut ok, mut failed) = (0, 0);
        for _ in 0..400 {
            let mut doc = base.clone();
            for _ in 0..1 + next(3) {
                let mut all = Vec::new();
                paths(&doc, &mut Vec::new(), &mut all);
                let target = all[1 + next(all.len() - 1)].clone();
                let replacement = junk[next(junk.len())].clone();
                if let Some(slot) = get_mut(&mut doc, &target) {
                    *slot = replacement;
                }
            }
            let text = serde_yaml::to_string(&doc).unwrap();
            match for_prism(&text) {
                Ok(out) => {
                    ok += 1;
                    serde_json::from_str::<Json>(&out).expect("output is JSON");
                }
                Err(e) => {
                    failed += 1;
                    assert!(!e.message.is_empty());
                }
            }
        }
        assert!(ok > 0 && failed > 0, "ok {ok}, errors {failed}");
    }

    #[test]
    fn data_and_property_names_are_not_mistaken_for_schemas() {
        let doc = normalize(&wrap_schemas(concat!(
            "Obj:\n",
            "  type: object\n",
            "  properties:\n",
            "    nullable: {type: boolean}\n",
            "    format: {type: string}\n",
            "  example: {nullable: true, format: URL}\n",
            "  x-extra: {nullable: true}",
        )));
        let obj = schema(&doc, "Obj");
        assert_eq!(obj["example"], json!({"nullable": true, "format": "URL"}));
        assert_eq!(obj["x-extra"], json!({"nullable": true}));
        assert_eq!(obj["properties"]["nullable"], json!({"type": "boolean"}));
    }

    #[test]
    fn the_connections_spec_is_normalised() {
        let doc = normalize(&repo_spec());
        assert_eq!(doc["openapi"], json!("3.0.1"));
        for (at, node) in schemas_of(&doc) {
            assert!(
                node.get("type").is_some() || node.get("nullable").is_none(),
                "{at}: nullable without type"
            );
            assert!(
                !(node.get("type") == Some(&json!("object")) && node.get("oneOf").is_some()),
                "{at}: union written as an object"
            );
            assert_ne!(node.get("format"), Some(&json!("URL")), "{at}");
            assert!(
                node.get(UNION_MARK).is_none() && node.get(EMPTY_MARK).is_none(),
                "{at}"
            );
        }
        let config = schema(&doc, "SourceConfig");
        assert_eq!(config["anyOf"].as_array().unwrap().len(), 140);
        assert!(config.get("oneOf").is_none());

        // Source: one branch per source type (its `type` is not nullable: no null branch).
        let source = schema(&doc, "Source");
        let branches = source["anyOf"].as_array().expect("Source is discriminated");
        assert_eq!(branches.len(), 140);
        assert_eq!(source["properties"]["config"], json!({}));
        assert!(source["properties"]["type"].get("enum").is_none());
        let stripe = branches
            .iter()
            .find(|b| b["properties"]["type"]["enum"] == json!(["STRIPE"]))
            .unwrap();
        assert_eq!(
            stripe["properties"]["config"],
            json!({"$ref": "#/components/schemas/SourceTypeConfigSTRIPE"})
        );
        assert!(branches
            .iter()
            .any(|b| b["properties"]["type"]["enum"] == json!(["PROPERTY-FINDER"])));

        // The request body's inline source and destination are discriminated too.
        let body = &doc["paths"]["/connections"]["post"]["requestBody"]["content"]
            ["application/json"]["schema"];
        assert_eq!(
            body["properties"]["source"]["anyOf"]
                .as_array()
                .unwrap()
                .len(),
            140
        );
        assert_eq!(
            body["properties"]["destination"]["anyOf"]
                .as_array()
                .unwrap()
                .len(),
            3
        );

        // Inside an HTTP destination config, auth_type selects the auth; null means none.
        let http = schema(&doc, "DestinationTypeConfigHTTP");
        let auth_branches = http["anyOf"].as_array().unwrap();
        assert_eq!(auth_branches.len(), 10);
        let none = auth_branches.last().unwrap();
        assert_eq!(none["properties"]["auth_type"], json!({"enum": [null]}));
        assert_eq!(none["properties"]["auth"]["type"], json!("object"));
        assert_eq!(none["properties"]["auth"]["nullable"], json!(true));
        assert_eq!(http["properties"]["url"]["format"], json!("uri"));

        // FilterRuleProperty: every branch was nullable already.
        let filter = schema(&doc, "FilterRuleProperty");
        assert!(filter.get("nullable").is_none());
        assert_eq!(filter["anyOf"].as_array().unwrap().len(), 4);

        // The name pattern is left as written.
        assert_eq!(
            body["properties"]["name"]["pattern"],
            json!("^[A-z0-9-_]+$")
        );
    }

    #[test]
    fn normalising_is_deterministic_and_idempotent() {
        let once = for_prism(&repo_spec()).unwrap();
        assert_eq!(once, for_prism(&repo_spec()).unwrap());
        let twice = for_prism(&once).unwrap();
        let a: Json = serde_json::from_str(&once).unwrap();
        let b: Json = serde_json::from_str(&twice).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn other_hookdeck_specs_are_normalised() {
        // The copies checked in beside the generator's tests, so that the test never
        // depends on a folder outside the repository.
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../codegen/tests/fixtures/hookdeck"
        );
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("the fixtures are checked in") {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("yml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = normalize(&text);
            for (at, node) in schemas_of(&doc) {
                assert!(
                    node.get("type").is_some() || node.get("nullable").is_none(),
                    "{}: {at}: nullable without type",
                    path.display()
                );
            }
            seen += 1;
        }
        assert_eq!(seen, 5, "the five other Hookdeck specs in {dir}");
    }
}
