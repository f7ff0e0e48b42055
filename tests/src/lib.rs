//! Shared helpers for the integration tests.

pub mod instances;
pub mod mock_server;
