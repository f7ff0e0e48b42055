//! Tests of the runtime's `one_or_many` module.

use sdk_runtime::one_or_many::*;

#[test]
fn one_or_many_decodes_both_shapes() {
    let one: OneOrMany<String> = serde_json::from_str(r#""a""#).unwrap();
    let many: OneOrMany<String> = serde_json::from_str(r#"["a","b"]"#).unwrap();
    assert_eq!(one, OneOrMany::One("a".into()));
    assert_eq!(many.as_slice().len(), 2);
}

#[test]
fn pair_rejects_three() {
    assert!(serde_json::from_str::<OneOrPair<u8>>("[1,2,3]").is_err());
    assert_eq!(
        serde_json::from_str::<OneOrPair<u8>>("[1,2]").unwrap(),
        OneOrPair::Pair(1, 2)
    );
    assert_eq!(
        serde_json::to_string(&OneOrPair::Pair(1, 2)).unwrap(),
        "[1,2]"
    );
}
