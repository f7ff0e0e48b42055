//! Hand-written support code that every generated crate carries: the HTTP client,
//! errors, retries, query and path encoding, pagination, and the small wire types the
//! generated models share. It is a crate of its own so that it compiles and is tested
//! (`runtime/tests/`) where it is edited; the generator copies these source files (this
//! one as `mod.rs`, with the generated-file preamble) into `src/runtime/` of the crate it
//! writes, which passes in what is its own ([`client::Defaults`]).

pub mod builder_options;
pub mod client;
pub mod error;
pub mod hooks;
#[cfg(feature = "test-util")]
pub mod mock;
pub mod nullable;
pub mod one_or_many;
pub mod operation;
pub mod paginate;
pub mod path;
pub mod query;
pub mod redact;
pub mod response;
pub mod retry;
pub mod sibling;
pub mod string_enum;
pub mod telemetry;
#[cfg(feature = "webhooks")]
pub mod webhooks;
pub mod wire;
