// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! `Debug` for fields that hold credentials: whether one is set shows, its value never does.

use std::fmt;

use super::nullable::Nullable;

/// Stands in for a secret in `Debug` output.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A secret that may be absent, null or set, with the value replaced.
pub fn nullable<T>(value: &Nullable<T>) -> Nullable<Redacted> {
    match value {
        Nullable::Absent => Nullable::Absent,
        Nullable::Null => Nullable::Null,
        Nullable::Value(_) => Nullable::Value(Redacted),
    }
}
