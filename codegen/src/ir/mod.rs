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
    /// What the generator could not do as well as the spec asks, located in the spec.
    pub warnings: Vec<crate::error::Warning>,
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
