//! Model types are `#[non_exhaustive]`: code outside the crate cannot build them with a
//! struct literal, so a property the spec adds later (a new field) breaks no one.

use hookdeck::types::DelayRule;

fn main() {
    let _rule = DelayRule { delay: 5 };
}
