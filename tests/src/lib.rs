//! Shared helpers for the integration tests.

pub mod instances;
pub mod mock_server;
pub mod prism;

/// The README's example compiles (run as a doc test of this crate).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExample;
