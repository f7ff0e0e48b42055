//! Tests of the runtime's `retry` module.

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use std::time::Duration;

use chrono::TimeZone;
use sdk_runtime::retry::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2015, 10, 21, 7, 27, 30)
        .single()
        .expect("valid date")
}

#[test]
fn defaults() {
    let p = RetryPolicy::default();
    assert_eq!(p.max_retries(), 2);
    assert_eq!(p.initial_backoff(), Duration::from_millis(500));
    assert_eq!(p.max_backoff(), Duration::from_secs(8));
    assert_eq!(p.max_retry_after(), Duration::from_secs(60));
    assert_eq!(RetryPolicy::none().max_retries(), 0);
    assert_eq!(RetryPolicy::new(), p);
}

#[test]
fn backoff_grows_with_equal_jitter_and_caps() {
    let p = RetryPolicy::default();
    for _ in 0..200 {
        let d0 = p.backoff(0);
        assert!(
            d0 >= Duration::from_millis(250) && d0 <= Duration::from_millis(500),
            "{d0:?}"
        );
        let d2 = p.backoff(2);
        assert!(
            d2 >= Duration::from_secs(1) && d2 <= Duration::from_secs(2),
            "{d2:?}"
        );
        let d10 = p.backoff(10);
        assert!(
            d10 >= Duration::from_secs(4) && d10 <= Duration::from_secs(8),
            "{d10:?}"
        );
        let huge = p.backoff(u32::MAX);
        assert!(huge <= Duration::from_secs(8));
    }
    // The jitter actually varies.
    let samples: std::collections::HashSet<Duration> = (0..50).map(|_| p.backoff(3)).collect();
    assert!(samples.len() > 1);
}

#[test]
fn backoff_does_not_overflow() {
    let p = RetryPolicy::default()
        .with_initial_backoff(Duration::MAX)
        .with_max_backoff(Duration::MAX);
    let _ = p.backoff(0);
    let _ = p.backoff(5);
    let zero = RetryPolicy::default().with_initial_backoff(Duration::ZERO);
    assert_eq!(zero.backoff(3), Duration::ZERO);
}

#[test]
fn retry_after_is_honoured_up_to_the_maximum() {
    let p = RetryPolicy::default();
    assert_eq!(
        p.delay(0, Some(Duration::from_secs(1))),
        Duration::from_secs(1)
    );
    assert_eq!(
        p.delay(1, Some(Duration::from_secs(60))),
        Duration::from_secs(60)
    );
    let capped = p.delay(0, Some(Duration::from_secs(3600)));
    assert!(capped <= Duration::from_millis(500));
    let plain = p.delay(0, None);
    assert!(plain <= Duration::from_millis(500));
}

#[test]
fn parses_delta_seconds() {
    assert_eq!(parse_retry_after("1", now()), Some(Duration::from_secs(1)));
    assert_eq!(
        parse_retry_after(" 120 ", now()),
        Some(Duration::from_secs(120))
    );
    assert_eq!(parse_retry_after("0", now()), Some(Duration::ZERO));
    assert_eq!(
        parse_retry_after("99999999999999999999999", now()),
        Some(Duration::MAX)
    );
    assert_eq!(parse_retry_after("-1", now()), None);
    assert_eq!(parse_retry_after("1.5", now()), None);
    assert_eq!(parse_retry_after("", now()), None);
    assert_eq!(parse_retry_after("soon", now()), None);
}

#[test]
fn parses_http_dates() {
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now()),
        Some(Duration::from_secs(30))
    );
    assert_eq!(
        parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", now()),
        Some(Duration::from_secs(30))
    );
    assert_eq!(
        parse_retry_after("Wed Oct 21 07:28:10 2015", now()),
        Some(Duration::from_secs(40))
    );
    assert_eq!(
        parse_retry_after("Thu Oct  1 07:28:10 2015", now()),
        Some(Duration::ZERO)
    );
    // A date in the past means "now".
    assert_eq!(
        parse_retry_after("Tue, 20 Oct 2015 07:28:00 GMT", now()),
        Some(Duration::ZERO)
    );
}

#[test]
fn idempotent_requests_retry_every_transient_failure() {
    for failure in [
        Failure::Connect,
        Failure::Timeout,
        Failure::Transport,
        Failure::Status(StatusCode::REQUEST_TIMEOUT),
        Failure::Status(StatusCode::TOO_MANY_REQUESTS),
        Failure::Status(StatusCode::INTERNAL_SERVER_ERROR),
        Failure::Status(StatusCode::BAD_GATEWAY),
        Failure::Status(StatusCode::SERVICE_UNAVAILABLE),
    ] {
        assert!(should_retry(failure, true), "{failure:?}");
    }
    for failure in [
        Failure::Status(StatusCode::BAD_REQUEST),
        Failure::Status(StatusCode::NOT_FOUND),
        Failure::Status(StatusCode::CONFLICT),
        Failure::Status(StatusCode::UNPROCESSABLE_ENTITY),
        Failure::Permanent,
    ] {
        assert!(!should_retry(failure, true), "{failure:?}");
    }
}

#[test]
fn non_idempotent_requests_retry_only_what_was_not_processed() {
    for failure in [
        Failure::Connect,
        Failure::Status(StatusCode::REQUEST_TIMEOUT),
        Failure::Status(StatusCode::TOO_MANY_REQUESTS),
    ] {
        assert!(should_retry(failure, false), "{failure:?}");
    }
    for failure in [
        Failure::Timeout,
        Failure::Transport,
        Failure::Status(StatusCode::INTERNAL_SERVER_ERROR),
        Failure::Status(StatusCode::SERVICE_UNAVAILABLE),
        Failure::Status(StatusCode::BAD_REQUEST),
        Failure::Permanent,
    ] {
        assert!(!should_retry(failure, false), "{failure:?}");
    }
}
