//! Hand-written support code that every generated crate carries: the HTTP client,
//! errors, retries, query and path encoding, pagination, and the small wire types the
//! generated models share. The generator copies these files verbatim (with the
//! generated-file preamble) into `src/runtime/` of the crate it writes.

pub mod client;
pub mod error;
pub mod nullable;
pub mod one_or_many;
pub mod paginate;
pub mod path;
pub mod query;
pub mod redact;
pub mod response;
pub mod retry;
pub mod sibling;
pub mod wire;
