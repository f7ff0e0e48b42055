//! The README's testing recipe, `generated/examples/testing.rs`, run as a test: its
//! assertions on the mock transport's replies, faults and recorded requests must hold.

#[path = "../../generated/examples/testing.rs"]
mod testing_example;

#[test]
fn the_testing_example_runs_and_its_assertions_hold() {
    testing_example::main();
}
