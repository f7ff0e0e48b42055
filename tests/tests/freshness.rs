//! The checked-in crate is what the spec generates: the same check as
//! `cargo xtask codegen --check`, run by the test suite.

#[test]
fn generated_crate_matches_the_spec() {
    if let Err(stale) = xtask::codegen::run(&xtask::default_codegen(true)) {
        panic!("{stale}");
    }
}
