//! Each rule type has only its own properties: a delay rule has no `window` (that
//! belongs to the deduplicate rule).

use hookdeck::types::{DelayRule, Rule};

fn main() {
    let _rule: Rule = DelayRule::new(5).with_window(1).into();
}
