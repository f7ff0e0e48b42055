//! Operation definitions of the IR.

use super::{Presence, TypeRef};

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub operation_id: String,
    /// Rust method on `Client`.
    pub method_name: String,
    /// Rust name of the request builder type.
    pub builder_name: String,
    pub http_method: HttpMethod,
    /// The path template as written in the spec, e.g. `/connections/{id}`.
    pub path: String,
    pub path_parts: Vec<PathPart>,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Set for alias endpoints: the operation id they alias.
    pub alias_of: Option<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub response: Response,
    /// Statuses whose body is the operation's error type.
    pub error_statuses: Vec<u16>,
    /// The declared error body type, when all declared errors share one; else raw JSON.
    pub error_type: TypeRef,
    pub pagination: Option<PagedResponse>,
    pub deprecated: bool,
    /// Index into [`super::Api::resources`]: the group the operation belongs to.
    pub resource: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
}

impl HttpMethod {
    /// Whether repeating the request is safe by HTTP semantics (RFC 9110 §9.2.2).
    pub fn idempotent(self) -> bool {
        !matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    Literal(String),
    /// Index into [`Operation::params`].
    Param(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    /// Sent as a request header (`style: simple`).
    Header,
    /// Sent in the `Cookie` header (`style: form`).
    Cookie,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    Form {
        explode: bool,
    },
    DeepObject,
    SpaceDelimited,
    PipeDelimited,
    Simple,
    /// `name[]=item` for each item of a list (see `settings::QueryStyle::Brackets`).
    Brackets,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub ty: TypeRef,
    pub style: ParamStyle,
    pub docs: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The 2xx body type; `None` when the success response has no JSON body.
    pub ty: Option<TypeRef>,
    pub docs: Option<String>,
    /// When the body is an object with a single required property, `send()` returns that
    /// property: (Rust field name, its type).
    pub unwrap: Option<(String, TypeRef, Presence)>,
}

/// A cursor-paged list response.
#[derive(Debug, Clone, PartialEq)]
pub struct PagedResponse {
    pub item: TypeRef,
    /// Rust field names from the response to the items array.
    pub items_field: String,
    pub items_presence: Presence,
    /// Rust field names from the response to the next cursor, with each step's presence.
    pub next_path: Vec<(String, Presence)>,
    /// Rust name of the builder setter for the cursor.
    pub cursor_setter: String,
}
