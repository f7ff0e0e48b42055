//! trybuild cases live in `tests/ui/`; see `tests/compile.rs`.
