//! An operation's parameters → [`Param`]s: where each goes, how it is written, and
//! whether its type can be written there.

use super::node::At;
use super::schema::doc_of;
use super::Lowerer;
use crate::error::Result;
use crate::ir::{Param, ParamLocation, ParamStyle, PathPart, TypeId, TypeKind, TypeRef};
use crate::names::{self, Namespace};
use crate::settings::QueryStyle;

/// The operation's parameters, path-level ones first, each checked against what its
/// location can carry.
pub(super) fn lower_params<'a>(
    lowerer: &mut Lowerer<'a>,
    item: &At<'a>,
    op: &At<'a>,
    id: &str,
    type_hint: &str,
) -> Result<Vec<Param>> {
    let mut params = Vec::new();
    // Parameters become setters on the request builder; these names are taken there.
    let mut param_names = Namespace::new();
    for name in crate::reserved::BUILDER_METHODS {
        // The builder's `body` field and setter exist only when there is a request body:
        // without one, a `body` filter (`list_events().body(..)`) keeps its name.
        if *name == "body" && !op.has("requestBody") {
            continue;
        }
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
        // A parameter cannot carry `null` (a query string has no null), so its nullable
        // items are plain items.
        lowerer.in_parameter = true;
        let ty = lowerer.type_of(
            &schema,
            &format!("{type_hint}{}", names::type_name(&wire, "Param")),
        );
        lowerer.in_parameter = false;
        let ty = ty?;
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
    Ok(params)
}

/// An HTTP token (RFC 9110 §5.6.2): what a header or cookie name may be.
fn is_http_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
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
        // No style declared: objects use the configured object style, lists the list style.
        if lowerer.may_be_object(ty) {
            Some(lowerer.settings.object_query_style)
        } else if matches!(ty, TypeRef::Array(_)) {
            lowerer.settings.list_query_style
        } else {
            None
        }
    });
    Ok(match setting {
        Some(QueryStyle::DeepObject) => ParamStyle::DeepObject,
        Some(QueryStyle::Brackets) => ParamStyle::Brackets,
        Some(QueryStyle::Form) | None => ParamStyle::Form { explode },
    })
}

impl Lowerer<'_> {
    /// Whether a value of this type can be written into a path segment (by `Display`).
    fn path_writable(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::String | TypeRef::Bool | TypeRef::Int(_) | TypeRef::Number => true,
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
            | TypeRef::Number
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
            TypeRef::Json | TypeRef::JsonObject | TypeRef::Map(_) | TypeRef::Nullable(_) => false,
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

/// The path template split into literal text and parameters (by index into `params`).
pub(super) fn path_parts(op: &At<'_>, path: &str, params: &[Param]) -> Result<Vec<PathPart>> {
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
