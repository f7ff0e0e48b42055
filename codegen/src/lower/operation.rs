//! Paths and operations → [`Operation`]s that refer to types by id.

use super::node::At;
use super::schema::doc_of;
use super::Lowerer;
use crate::error::Result;
use crate::ir::{
    Body, HttpMethod, Operation, PagedResponse, Param, ParamLocation, ParamStyle, PathPart,
    Presence, Response, TypeId, TypeKind, TypeRef,
};
use crate::names::{self, Namespace};
use crate::settings::QueryStyle;
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

/// Methods `Client` has besides the operations (the runtime's, and common trait methods
/// an inherent method would shadow); an operation by one of these names gets a suffix.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "base_url",
    "retry_policy",
    "execute",
    "http_client_for",
    "clone",
    "fmt",
    "eq",
    "into",
    "from",
    "to_owned",
    "to_string",
    "default",
];

pub(crate) fn lower_operations(lowerer: &mut Lowerer<'_>) -> Result<Vec<Operation>> {
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
    for taken in CLIENT_METHODS {
        method_names.reserve(taken);
    }
    let mut builder_names = Namespace::new();
    let mut operations = Vec::new();
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
    }
    Ok(operations)
}

/// An HTTP token (RFC 9110 §5.6.2): what a header or cookie name may be.
fn is_http_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
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
    let type_hint = names::type_name(id, "Operation");

    let mut params = Vec::new();
    let mut param_names = Namespace::new();
    for name in [
        "send",
        "new",
        "timeout",
        "connect_timeout",
        "max_retries",
        "options",
        "client",
        "body",
        // Methods of the builder itself.
        "stream",
        "header",
        "clone",
    ] {
        param_names.reserve(name);
    }
    let mut sources = item.items("parameters")?;
    sources.extend(op.items("parameters")?);
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut resolved = Vec::new();
    for source in sources.into_iter().rev() {
        // Operation-level parameters replace path-level ones of the same name and place.
        let param = lowerer.resolve(&source)?;
        let key = (
            param.str("name")?.unwrap_or_default().to_string(),
            param.str("in")?.unwrap_or_default().to_string(),
        );
        if !seen.contains(&key) {
            seen.push(key);
            resolved.push(param);
        }
    }
    resolved.reverse();
    for param in resolved {
        let wire = param
            .str("name")?
            .ok_or_else(|| param.error("a parameter needs a `name`"))?
            .to_string();
        let location = match param.str("in")? {
            Some("path") => ParamLocation::Path,
            Some("query") => ParamLocation::Query,
            // OpenAPI: "If `in` is "header" and the name is Accept, Content-Type or
            // Authorization, the parameter definition SHALL be ignored."
            Some("header")
                if ["accept", "content-type", "authorization"]
                    .contains(&wire.to_ascii_lowercase().as_str()) =>
            {
                continue;
            }
            Some("header") if !is_http_token(&wire) => {
                return Err(param.error(format!(
                    "header parameter `{wire}` of `{id}`: not a valid HTTP header name"
                )))
            }
            Some("header") => ParamLocation::Header,
            Some("cookie") if !is_http_token(&wire) => {
                return Err(param.error(format!(
                    "cookie parameter `{wire}` of `{id}`: not a valid cookie name"
                )))
            }
            Some("cookie") => ParamLocation::Cookie,
            other => return Err(param.error(format!("unknown parameter location {other:?}"))),
        };
        let schema = param.get("schema").ok_or_else(|| {
            param.error(format!("parameter `{wire}` of `{id}` has no `schema` (`content` parameters are not supported)"))
        })?;
        let ty = lowerer.type_of(
            &schema,
            &format!("{type_hint}{}", names::type_name(&wire, "Param")),
        )?;
        match location {
            ParamLocation::Path if !lowerer.path_writable(&ty) => {
                return Err(schema.error(format!(
                    "path parameter `{wire}` of `{id}` must be a string, number, boolean or \
                     string enum"
                )))
            }
            ParamLocation::Header | ParamLocation::Cookie if !lowerer.header_writable(&ty) => {
                return Err(schema.error(format!(
                    "{} parameter `{wire}` of `{id}` must be a string, number, boolean, date-time \
                     or string enum, or a list of them",
                    if location == ParamLocation::Header {
                        "header"
                    } else {
                        "cookie"
                    }
                )))
            }
            ParamLocation::Query if !lowerer.query_writable(&ty, &mut Vec::new()) => {
                return Err(schema.error(format!(
                    "query parameter `{wire}` of `{id}` has a type a query string cannot carry \
                     (free-form JSON, a map, or a union tagged by a property)"
                )))
            }
            _ => {}
        }
        let style = param_style(lowerer, &param, &wire, &ty, location)?;
        let docs = match doc_of(&param)? {
            Some(d) => Some(d),
            None => doc_of(&schema)?,
        };
        params.push(Param {
            rust_name: param_names.unique(names::field_name(&wire, "param")),
            wire_name: wire,
            location,
            required: location == ParamLocation::Path || param.bool("required")?,
            ty,
            style,
            docs,
        });
    }

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

fn param_style(
    lowerer: &Lowerer<'_>,
    param: &At<'_>,
    wire: &str,
    ty: &TypeRef,
    location: ParamLocation,
) -> Result<ParamStyle> {
    if location != ParamLocation::Query {
        return Ok(ParamStyle::Simple);
    }
    let explode = match param.get("explode") {
        Some(e) => e
            .value
            .as_bool()
            .ok_or_else(|| e.error("`explode` must be true or false"))?,
        None => true,
    };
    if let Some(style) = param.str("style")? {
        return match style {
            "form" => Ok(ParamStyle::Form { explode }),
            "deepObject" => Ok(ParamStyle::DeepObject),
            "spaceDelimited" => Ok(ParamStyle::SpaceDelimited),
            "pipeDelimited" => Ok(ParamStyle::PipeDelimited),
            other => Err(param.error(format!("query style `{other}` is not supported"))),
        };
    }
    let setting = lowerer.settings.query_style_for(wire).or_else(|| {
        // No style declared: objects use the configured object style.
        lowerer
            .may_be_object(ty)
            .then_some(lowerer.settings.object_query_style)
    });
    Ok(match setting {
        Some(QueryStyle::DeepObject) => ParamStyle::DeepObject,
        Some(QueryStyle::Form) | None => ParamStyle::Form { explode },
    })
}

impl Lowerer<'_> {
    /// Whether a value of this type can be written into a path segment (by `Display`).
    fn path_writable(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::String | TypeRef::Bool | TypeRef::Int(_) | TypeRef::Float(_) => true,
            TypeRef::Named(id) => match self.defined(*id) {
                Some(TypeKind::StringEnum(_)) => true,
                Some(TypeKind::Alias(inner)) => self.path_writable(inner),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether a value of this type has a header (`style: simple`) form the generated code
    /// writes: a scalar, or a list of scalars joined with commas.
    fn header_writable(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::DateTime => true,
            TypeRef::Array(inner) => {
                matches!(**inner, TypeRef::DateTime) || self.path_writable(inner)
            }
            TypeRef::Named(id) => match self.defined(*id) {
                Some(TypeKind::Alias(inner)) => self.header_writable(inner),
                _ => self.path_writable(ty),
            },
            other => self.path_writable(other),
        }
    }

    /// Whether the runtime can write a value of this type as a query parameter.
    fn query_writable(&self, ty: &TypeRef, seen: &mut Vec<TypeId>) -> bool {
        match ty {
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::Int(_)
            | TypeRef::Float(_)
            | TypeRef::DateTime => true,
            TypeRef::Array(inner) | TypeRef::OneOrMany(inner) | TypeRef::OneOrPair(inner) => {
                self.query_writable(inner, seen)
            }
            TypeRef::Named(id) => {
                if seen.contains(id) {
                    return true;
                }
                seen.push(*id);
                match self.defined(*id) {
                    Some(TypeKind::StringEnum(_)) => true,
                    Some(TypeKind::Alias(inner)) => self.query_writable(inner, seen),
                    Some(TypeKind::Untagged(u)) => {
                        u.variants.iter().all(|v| self.query_writable(&v.ty, seen))
                    }
                    Some(TypeKind::Struct(s)) => s
                        .fields
                        .iter()
                        .all(|f| f.sibling.is_none() && self.query_writable(&f.ty, seen)),
                    _ => false,
                }
            }
            TypeRef::Json | TypeRef::JsonObject | TypeRef::Map(_) | TypeRef::FixedArray(..) => {
                false
            }
        }
    }

    /// Whether a value of this type can be a JSON object (directly or as a union variant).
    fn may_be_object(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::JsonObject | TypeRef::Map(_) => true,
            TypeRef::Named(id) => match self.defined(*id) {
                Some(TypeKind::Struct(_)) => true,
                Some(TypeKind::Untagged(u)) => u.variants.iter().any(|v| self.may_be_object(&v.ty)),
                Some(TypeKind::Alias(inner)) => self.may_be_object(inner),
                _ => false,
            },
            _ => false,
        }
    }
}

fn path_parts(op: &At<'_>, path: &str, params: &[Param]) -> Result<Vec<PathPart>> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| op.error(format!("unclosed `{{` in path `{path}`")))?;
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_string()));
        }
        let name = &rest[open + 1..close];
        let index = params
            .iter()
            .position(|p| p.location == ParamLocation::Path && p.wire_name == name)
            .ok_or_else(|| {
                op.error(format!(
                    "path `{path}` names `{{{name}}}` but no path parameter declares it"
                ))
            })?;
        parts.push(PathPart::Param(index));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_string()));
    }
    Ok(parts)
}

fn json_schema<'a>(content: &At<'a>) -> Result<Option<(String, Option<At<'a>>)>> {
    let entries = content.entries("content")?;
    if entries.is_empty() {
        return Ok(None);
    }
    let json = entries.iter().find(|(mime, _)| is_json(mime));
    match json {
        Some((mime, media)) => Ok(Some((mime.to_string(), media.get("schema")))),
        None => Ok(Some((entries[0].0.to_string(), None))),
    }
}

fn is_json(mime: &str) -> bool {
    let essence = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    // `*/*` is how some generators (springdoc) write "whatever the client accepts"; the
    // client accepts JSON.
    matches!(essence.as_str(), "application/json" | "text/json" | "*/*")
        || essence.ends_with("+json")
}

fn lower_body<'a>(lowerer: &mut Lowerer<'a>, body: &At<'a>, id: &str, hint: &str) -> Result<Body> {
    let body = lowerer.resolve(body)?;
    match json_schema(&body)? {
        Some((mime, _)) if !is_json(&mime) => Err(body.error(format!(
            "operation `{id}` takes a `{mime}` request body; only JSON bodies are supported"
        ))),
        Some((_, Some(schema))) => Ok(Body {
            ty: lowerer.operation_type(&schema, &format!("{hint}Body"))?,
            required: body.bool("required")?,
            docs: doc_of(&body)?,
        }),
        _ => Ok(Body {
            ty: TypeRef::Json,
            required: body.bool("required")?,
            docs: doc_of(&body)?,
        }),
    }
}

fn lower_responses<'a>(
    lowerer: &mut Lowerer<'a>,
    op: &At<'a>,
    id: &str,
    hint: &str,
) -> Result<(Response, Vec<u16>, TypeRef)> {
    let responses = op
        .get("responses")
        .ok_or_else(|| op.error(format!("operation `{id}` has no `responses`")))?;
    let mut success: Option<Response> = None;
    let mut error_statuses = Vec::new();
    let mut error_types: Vec<TypeRef> = Vec::new();
    let entries = responses.object()?.iter().map(|(k, v)| {
        (
            k.as_str(),
            At::new(v, crate::error::child(&responses.pointer, k)),
        )
    });
    let mut default = None;
    for (status, response) in entries {
        let response = lowerer.resolve(&response)?;
        let code = status.parse::<u16>().ok();
        let is_success =
            code.is_some_and(|c| (200..300).contains(&c)) || status.eq_ignore_ascii_case("2XX");
        if status == "default" {
            default = Some(response);
        } else if is_success {
            if success.is_none() {
                // The first 2xx response decides the type.
                success = Some(success_response(lowerer, &response, id, hint)?);
            }
        } else if let Some(code) = code.filter(|c| *c >= 400) {
            if let Some((_, Some(schema))) = json_schema(&response)? {
                error_statuses.push(code);
                let ty = lowerer.type_of(&schema, &format!("{hint}Error"))?;
                if !error_types.contains(&ty) {
                    error_types.push(ty);
                }
            }
        }
    }
    // `default` stands for every status not listed: the answer, when no 2xx is listed.
    // Beside a 2xx it describes errors, which the runtime decodes only for listed statuses;
    // their bodies then reach the caller raw (`Error::UnexpectedStatus`).
    let response = match (success, default) {
        (Some(success), _) => success,
        (None, Some(default)) => success_response(lowerer, &default, id, hint)?,
        (None, None) => Response {
            ty: None,
            docs: None,
            unwrap: None,
        },
    };
    let error_type = match error_types.as_slice() {
        [single] => single.clone(),
        _ => TypeRef::Json,
    };
    error_statuses.sort_unstable();
    error_statuses.dedup();
    Ok((response, error_statuses, error_type))
}

/// The success response's type: its JSON schema's type, raw JSON for JSON without a
/// schema, nothing without content; other media types are an error.
fn success_response<'a>(
    lowerer: &mut Lowerer<'a>,
    response: &At<'a>,
    id: &str,
    hint: &str,
) -> Result<Response> {
    let ty = match json_schema(response)? {
        Some((mime, _)) if !is_json(&mime) => {
            return Err(response.error(format!(
                "operation `{id}` answers `{mime}`; only JSON responses are supported"
            )))
        }
        Some((_, Some(schema))) => Some((
            lowerer.type_of(&schema, &format!("{hint}Response"))?,
            schema,
        )),
        Some((_, None)) => Some((TypeRef::Json, response.clone())),
        None => None,
    };
    let unwrap = match &ty {
        Some((ty, schema)) if !schema.has("$ref") => lowerer.single_required_field(ty),
        _ => None,
    };
    Ok(Response {
        ty: ty.map(|(t, _)| t),
        docs: doc_of(response)?,
        unwrap,
    })
}

impl Lowerer<'_> {
    /// (field, type, presence) when `ty` is a struct with exactly one field, which is required.
    fn single_required_field(&self, ty: &TypeRef) -> Option<(String, TypeRef, Presence)> {
        let TypeRef::Named(id) = ty else { return None };
        match self.defined(*id)? {
            TypeKind::Struct(s)
                if s.fields.len() == 1
                    && s.fields[0].presence.is_required()
                    && s.fields[0].sibling.is_none() =>
            {
                let f = &s.fields[0];
                Some((f.rust_name.clone(), f.ty.clone(), f.presence))
            }
            _ => None,
        }
    }
}

/// A list operation: it takes the cursor parameter, and its response has the items array
/// and the next cursor where the settings say.
fn pagination(
    lowerer: &Lowerer<'_>,
    params: &[Param],
    response: &Response,
) -> Option<PagedResponse> {
    let rule = lowerer.settings.pagination.as_ref()?;
    let cursor = params
        .iter()
        .find(|p| p.location == ParamLocation::Query && p.wire_name == rule.cursor_param)?;
    let TypeRef::Named(id) = response.ty.as_ref()? else {
        return None;
    };
    let TypeKind::Struct(page) = lowerer.defined(*id)? else {
        return None;
    };
    let items = page
        .fields
        .iter()
        .find(|f| f.wire_name == rule.items_property)?;
    let TypeRef::Array(item) = &items.ty else {
        return None;
    };
    let mut next_path = Vec::new();
    let mut current = page;
    for (i, step) in rule.next_cursor_path.iter().enumerate() {
        let field = current.fields.iter().find(|f| &f.wire_name == step)?;
        next_path.push((field.rust_name.clone(), field.presence));
        let last = i + 1 == rule.next_cursor_path.len();
        match (&field.ty, last) {
            (TypeRef::String, true) => {}
            (TypeRef::Named(next), false) => match lowerer.defined(*next)? {
                TypeKind::Struct(s) => current = s,
                _ => return None,
            },
            _ => return None,
        }
    }
    Some(PagedResponse {
        item: (**item).clone(),
        items_field: items.rust_name.clone(),
        items_presence: items.presence,
        next_path,
        cursor_setter: cursor.rust_name.clone(),
    })
}
