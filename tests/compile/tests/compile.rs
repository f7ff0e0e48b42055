//! Compile tests: the generated SDK's API, proved at compile time.
//!
//! `tests/ui/pass/*.rs` must compile (and their `main` run, which never touches the
//! network); `tests/ui/fail/*.rs` must fail to compile with exactly the error in the
//! `.stderr` beside them. Regenerate those with `TRYBUILD=overwrite` and read them.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
