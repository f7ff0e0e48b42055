//! Paths and operations → [`Operation`]s that refer to types by id.

use super::node::At;
use super::params::{lower_params, path_parts};
use super::responses::{lower_body, lower_responses, pagination};
use super::Lowerer;
use crate::error::Result;
use crate::ir::{HttpMethod, Operation, Resource};
use crate::names::{self, Namespace};
use heck::ToSnakeCase;

// POST before PUT: a shared inline schema is named after the first use, and "create"
// reads better than "upsert" for what both send.
const METHODS: &[(&str, HttpMethod)] = &[
    ("get", HttpMethod::Get),
    ("post", HttpMethod::Post),
    ("put", HttpMethod::Put),
    ("delete", HttpMethod::Delete),
    ("options", HttpMethod::Options),
    ("head", HttpMethod::Head),
    ("patch", HttpMethod::Patch),
];

pub(crate) fn lower_operations(
    lowerer: &mut Lowerer<'_>,
) -> Result<(Vec<Operation>, Vec<Resource>)> {
    let root = At::new(lowerer.root, "");
    let mut found = Vec::new();
    for (path, item) in root.entries("paths")? {
        let item = lowerer.resolve(&item)?;
        if item.has("trace") {
            return Err(item.get("trace").map_or_else(
                || item.error("trace"),
                |t| t.error("TRACE operations are not supported"),
            ));
        }
        for (key, method) in METHODS {
            if let Some(op) = item.get(key) {
                found.push((path, item.clone(), op, *method));
            }
        }
    }
    let ids: Vec<String> = found
        .iter()
        .map(|(path, _, op, method)| operation_id(op, path, *method))
        .collect::<Result<_>>()?;
    let mut method_names = Namespace::new();
    for taken in crate::reserved::CLIENT_METHODS {
        method_names.reserve(taken);
    }
    let mut builder_names = Namespace::new();
    let mut operations = Vec::new();
    let mut tags = Vec::new();
    for ((path, item, op, method), id) in found.iter().zip(&ids) {
        let lowered = lower_operation(
            lowerer,
            path,
            item,
            op,
            *method,
            id,
            &ids,
            &mut method_names,
            &mut builder_names,
        )?;
        operations.push(lowered);
        tags.push(first_tag(op)?);
    }
    let resources = group_by_resource(&root, &mut operations, &tags)?;
    Ok((operations, resources))
}

/// An operation's resource is its first tag; one without tags is in [`UNTAGGED`].
fn first_tag(op: &At<'_>) -> Result<String> {
    Ok(match op.items("tags")?.first() {
        Some(tag) => match tag.value.as_str() {
            Some(name) if !name.trim().is_empty() => name.trim().to_string(),
            Some(_) => UNTAGGED.to_string(),
            None => return Err(tag.error("a tag must be a string")),
        },
        None => UNTAGGED.to_string(),
    })
}

/// The group of operations that have no tag.
const UNTAGGED: &str = "General";

/// One resource per distinct tag, sorted by module name; each operation points at its own.
fn group_by_resource(
    root: &At<'_>,
    operations: &mut [Operation],
    tags: &[String],
) -> Result<Vec<Resource>> {
    let mut descriptions = std::collections::HashMap::new();
    for tag in root.items("tags")? {
        if let Some(name) = tag.str("name")? {
            descriptions.insert(
                name.trim().to_string(),
                tag.str("description")?.map(str::to_string),
            );
        }
    }
    let mut resources: Vec<Resource> = Vec::new();
    for tag in tags {
        if !resources.iter().any(|r| &r.tag == tag) {
            let module = names::module_name(tag);
            resources.push(Resource {
                tag: tag.clone(),
                feature: module.replace('_', "-"),
                module,
                docs: descriptions
                    .get(tag)
                    .cloned()
                    .flatten()
                    .filter(|d| !d.trim().is_empty()),
            });
        }
    }
    resources.sort_by(|a, b| a.module.cmp(&b.module));
    for window in resources.windows(2) {
        if window[0].module == window[1].module {
            return Err(crate::error::Error::new(
                "/tags",
                format!(
                    "the tags `{}` and `{}` give the same module name `{}`",
                    window[0].tag, window[1].tag, window[0].module
                ),
            ));
        }
    }
    for (op, tag) in operations.iter_mut().zip(tags) {
        op.resource = resources
            .iter()
            .position(|r| &r.tag == tag)
            .unwrap_or_default();
    }
    Ok(resources)
}

fn operation_id(op: &At<'_>, path: &str, method: HttpMethod) -> Result<String> {
    Ok(match op.str("operationId")? {
        Some(id) if !id.trim().is_empty() => id.to_string(),
        _ => format!("{} {}", method.as_str().to_lowercase(), path),
    })
}

#[allow(clippy::too_many_arguments)]
fn lower_operation<'a>(
    lowerer: &mut Lowerer<'a>,
    path: &str,
    item: &At<'a>,
    op: &At<'a>,
    method: HttpMethod,
    id: &str,
    all_ids: &[String],
    method_names: &mut Namespace,
    builder_names: &mut Namespace,
) -> Result<Operation> {
    let settings = lowerer.settings;
    // Alias endpoints: `disableConnection_archive` does what `disableConnection` does.
    let alias_of = match id.split_once('_') {
        Some((base, _))
            if settings.alias_operation_suffix && all_ids.iter().any(|other| other == base) =>
        {
            Some(base.to_string())
        }
        _ => None,
    };
    let type_hint = match lowerer.method_names.get(id) {
        Some(method) => names::type_name(names::bare(method), "Operation"),
        None => names::type_name(id, "Operation"),
    };

    let params = lower_params(lowerer, item, op, id, &type_hint)?;

    let path_parts = path_parts(op, path, &params)?;
    let body = match op.get("requestBody") {
        Some(body) => Some(lower_body(lowerer, &body, id, &type_hint)?),
        None => None,
    };
    let (response, error_statuses, error_type) = lower_responses(lowerer, op, id, &type_hint)?;
    let pagination = pagination(lowerer, &params, &response);

    let method_name = match settings.method_name_for(id) {
        Some(name) => name.to_string(),
        None => default_method_name(
            id,
            alias_of.as_deref(),
            pagination.is_some() && method == HttpMethod::Get,
            lowerer,
        ),
    };
    let method_name = method_names.unique(names::method_name(&method_name));
    let builder_name = builder_names.unique(format!(
        "{}Request",
        names::type_name(names::bare(&method_name), "Operation")
    ));
    Ok(Operation {
        operation_id: id.to_string(),
        method_name,
        builder_name,
        http_method: method,
        path: path.to_string(),
        path_parts,
        summary: op
            .str("summary")?
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty()),
        description: op
            .str("description")?
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty()),
        alias_of,
        params,
        body,
        response,
        error_statuses,
        error_type,
        pagination,
        deprecated: op.bool("deprecated")?,
        resource: 0, // set by `group_by_resource`
    })
}

fn default_method_name(
    id: &str,
    alias_of: Option<&str>,
    paginated_get: bool,
    lowerer: &Lowerer<'_>,
) -> String {
    if let Some(base) = alias_of {
        // `disableConnection_archive` → `archive_connection`.
        let alias = &id[base.len() + 1..];
        let base_snake = base.to_snake_case();
        let rest = base_snake
            .split_once('_')
            .map(|(_, rest)| rest)
            .unwrap_or("");
        return if rest.is_empty() {
            alias.to_snake_case()
        } else {
            format!("{}_{rest}", alias.to_snake_case())
        };
    }
    let snake = id.to_snake_case();
    if paginated_get && lowerer.settings.paginated_get_is_list {
        if let Some(rest) = snake.strip_prefix("get_") {
            return format!("list_{rest}");
        }
    }
    snake
}
