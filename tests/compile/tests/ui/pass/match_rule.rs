//! Matching on `Rule`: every known variant, the `Unknown` arm for a `type` this SDK
//! does not know, and the wildcard `#[non_exhaustive]` requires outside the crate.
//! Rules are built from their typed structs with `new`, `default`, `with_*` and `.into()`.

use hookdeck::serde_json::{json, Map};
use hookdeck::types::{
    DeduplicateRule, DelayRule, FilterRule, FilterRuleProperty, RetryRule, RetryStrategy, Rule,
    TransformRule, TransformRuleTransformation,
};

fn describe(rule: &Rule) -> String {
    match rule {
        Rule::Retry(RetryRule {
            strategy, count, ..
        }) => format!("retry {} x{:?}", strategy.as_str(), count.value()),
        Rule::Filter(filter) => format!("filter on body: {}", filter.body.value().is_some()),
        Rule::Transform(TransformRule {
            transformation_id, ..
        }) => format!("transform {:?}", transformation_id.value()),
        Rule::Delay(DelayRule { delay, .. }) => format!("delay {delay} ms"),
        Rule::Deduplicate(DeduplicateRule {
            window,
            include_fields,
            ..
        }) => format!("deduplicate over {window} ms, {include_fields:?}"),
        Rule::Unknown(raw) => format!("unknown rule {}", raw["type"]),
        _ => "a rule added after this SDK version".to_owned(),
    }
}

fn main() {
    let retry = RetryRule::new(RetryStrategy::Exponential)
        .with_interval(60_000)
        .with_count(5);
    let mut body = Map::new();
    body.insert("type".to_owned(), json!("order.created"));
    let filter = FilterRule::default().with_body(FilterRuleProperty::Object(body));
    let transform = TransformRule::default().with_transformation(TransformRuleTransformation::new(
        "strip-pii",
        "addHandler('transform', (request) => request)",
    ));
    let rules: Vec<Rule> = vec![
        retry.into(),
        filter.into(),
        transform.into(),
        DelayRule::new(1_000).into(),
        Rule::Deduplicate(DeduplicateRule::new(60_000)),
        Rule::Unknown(json!({ "type": "throttle" })),
    ];
    // Each rule reaches its own arm.
    let expected = [
        "retry exponential x",
        "filter on body: true",
        "transform ",
        "delay 1000 ms",
        "deduplicate over 60000 ms",
        "unknown rule \"throttle\"",
    ];
    for (rule, start) in rules.iter().zip(expected) {
        let description = describe(rule);
        assert!(description.starts_with(start), "{description:?} for {rule:?}");
    }
}
