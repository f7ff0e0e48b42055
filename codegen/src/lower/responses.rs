//! Request bodies, responses and pagination of an operation.

use super::node::At;
use super::schema::doc_of;
use super::Lowerer;
use crate::error::Result;
use crate::ir::{Body, PagedResponse, Param, ParamLocation, Presence, Response, TypeKind, TypeRef};

/// The media type to read from a `content` map (its JSON one if any, else the first),
/// and that media type's schema; `None` without content.
fn json_schema<'a>(content: &At<'a>) -> Result<Option<(String, Option<At<'a>>)>> {
    let entries = content.entries("content")?;
    if entries.is_empty() {
        return Ok(None);
    }
    // `application/json` itself first: the map is in canonical (sorted) order, in which
    // `*/*` and `application/hal+json` would come before it.
    let json = entries
        .iter()
        .find(|(mime, _)| essence(mime) == "application/json")
        .or_else(|| entries.iter().find(|(mime, _)| is_json(mime)));
    match json {
        Some((mime, media)) => Ok(Some((mime.to_string(), media.get("schema")))),
        None => Ok(Some((entries[0].0.to_string(), None))),
    }
}

/// A media type without its parameters, in lower case.
fn essence(mime: &str) -> String {
    mime.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn is_json(mime: &str) -> bool {
    let essence = essence(mime);
    // `*/*` is how some generators (springdoc) write "whatever the client accepts"; the
    // client accepts JSON.
    matches!(essence.as_str(), "application/json" | "text/json" | "*/*")
        || essence.ends_with("+json")
}

pub(super) fn lower_body<'a>(
    lowerer: &mut Lowerer<'a>,
    body: &At<'a>,
    id: &str,
    hint: &str,
) -> Result<Body> {
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

pub(super) fn lower_responses<'a>(
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
            At::new(v, crate::pointer::child(&responses.pointer, k)),
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
            // A body that may be `null` (a nullable component, say) is `Option<T>`.
            lowerer.present_type_of(&schema, &format!("{hint}Response"))?,
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
pub(super) fn pagination(
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
