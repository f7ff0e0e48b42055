//! `request_options!` expanded and tested here, in the runtime's own crate, inside a
//! request builder's `impl` as a generated crate calls it.

#[path = "../src/builder_options.rs"]
mod builder_options;

/// The path the macro is called by.
mod runtime {
    pub(crate) use super::builder_options;
}

/// The macro names the options type as the generated crate re-exports it, at its root.
use sdk_runtime::client::RequestOptions;
use std::time::Duration;

/// A request builder as generated: its parameters, then its options.
#[derive(Clone, Debug, Default)]
struct ListThingsRequest {
    limit: Option<u8>,
    options: RequestOptions,
}

impl ListThingsRequest {
    fn limit(mut self, value: u8) -> Self {
        self.limit = Some(value);
        self
    }

    crate::runtime::builder_options::request_options!();
}

#[test]
fn each_setter_sets_its_own_option_and_chains() {
    let built = ListThingsRequest::default()
        .timeout(Duration::from_secs(3))
        .connect_timeout(Duration::from_secs(1))
        .limit(5)
        .header("Idempotency-Key", "k-1")
        .max_retries(0)
        .deadline(Duration::from_secs(9));
    let mut expected = RequestOptions::new();
    expected
        .timeout(Duration::from_secs(3))
        .connect_timeout(Duration::from_secs(1))
        .header("Idempotency-Key", "k-1")
        .max_retries(0)
        .deadline(Duration::from_secs(9));
    assert_eq!(built.options, expected);
    assert_eq!(built.limit, Some(5));
    // Each setter alone touches its own option only.
    let mut only_retries = RequestOptions::new();
    only_retries.max_retries(2);
    assert_eq!(
        ListThingsRequest::default().max_retries(2).options,
        only_retries
    );
    let mut only_deadline = RequestOptions::new();
    only_deadline.deadline(Duration::from_millis(10));
    assert_eq!(
        ListThingsRequest::default()
            .deadline(Duration::from_millis(10))
            .options,
        only_deadline
    );
}

#[test]
fn options_replaces_what_was_set() {
    let mut replacement = RequestOptions::new();
    replacement.max_retries(7);
    let built = ListThingsRequest::default()
        .timeout(Duration::from_secs(3))
        .options(replacement.clone());
    assert_eq!(built.options, replacement);
}
