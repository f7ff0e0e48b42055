//! The generator's stages run one at a time, so each can be measured on its own (the
//! `codegen` bench times them); [`generate_crate`](crate::generate_crate) runs them all.
//!
//! What passes between the stages is opaque: the raw tree and the intermediate
//! representation are the generator's own, free to change with any version.
//!
//! ```
//! use codegen::{stages, Settings};
//!
//! let spec = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths: {}\n";
//! let settings = Settings::neutral("pets");
//! let document = stages::load(spec)?;
//! let lowered = stages::lower(&document, &settings)?;
//! let generated = stages::assemble(&lowered, &settings)?;
//! assert_eq!(generated.files, codegen::generate(spec, &settings)?);
//! # Ok::<(), codegen::Error>(())
//! ```

use crate::{assemble, ir, load, lower, Error, GeneratedCrate, Settings};

/// A spec after the first stage: parsed, known to be a structurally valid OpenAPI 3.0
/// document, and put in canonical order.
#[derive(Debug, Clone)]
pub struct Document(load::Document);

/// An API after the second stage: the plain data the crate is emitted from, every name
/// and type already decided. Its `Debug` form shows that data, for reading while working
/// on the generator; its shape is not part of the library's API.
#[derive(Debug, Clone)]
pub struct Lowered(ir::Api);

/// Stage 1: parses the spec text (YAML or JSON) and checks it against OpenAPI 3.0; an
/// error names the JSON pointer of the bad node.
pub fn load(spec: &str) -> Result<Document, Error> {
    load::load(spec).map(Document)
}

/// Stage 2: decides the crate's types, operations and names from the document; an error
/// names the node the generator cannot make a type or operation of.
pub fn lower(document: &Document, settings: &Settings) -> Result<Lowered, Error> {
    lower::lower(&document.0, settings).map(Lowered)
}

/// The last stages: emits the crate's Rust, formats it, and adds the runtime's sources,
/// the licences and the API listing, as [`generate_crate`](crate::generate_crate) returns
/// them.
pub fn assemble(lowered: &Lowered, settings: &Settings) -> Result<GeneratedCrate, Error> {
    assemble::assemble(&lowered.0, settings)
}
