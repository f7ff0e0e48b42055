//! The intermediate representation: plain data describing the crate to emit. Lowering
//! builds it from the spec; emission reads it and nothing else. Types are referred to by
//! [`TypeId`], so forward and cyclic references need no special handling.

mod operation;
mod types;

pub use operation::*;
pub use types::*;

/// The whole API.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The first server URL, used as the client's default base URL.
    pub base_url: Option<String>,
    pub auth: AuthSchemes,
    /// Every named type, indexed by [`TypeId`].
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The groups the operations fall in (one per tag), sorted by name; each is a module
    /// of the crate's operations and may be a cargo feature.
    pub resources: Vec<Resource>,
    /// What the generator could not do as well as the spec asks, located in the spec.
    pub warnings: Vec<crate::error::Warning>,
}

/// A group of operations: the operations of one tag (the API reference's sections).
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// The tag, as the spec writes it (`Bulk retry events`).
    pub tag: String,
    /// Rust module of its request builders (`bulk_retry_events`).
    pub module: String,
    /// Cargo feature that compiles it (`bulk-retry-events`).
    pub feature: String,
    /// The tag's description.
    pub docs: Option<String>,
}

impl Api {
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }
}

/// Which HTTP authentication schemes the spec declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthSchemes {
    pub bearer: bool,
    pub basic: bool,
}
