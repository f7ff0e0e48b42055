//! Tests of the runtime's `paginate` module.

use futures::{Stream, StreamExt};
use sdk_runtime::error::Error;

use sdk_runtime::paginate::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn three_pages(
    fail_at: Option<u32>,
    calls: Arc<AtomicUsize>,
) -> impl Stream<Item = Result<u32, Error<String>>> {
    paginate(1u32, move |page: u32| {
        calls.fetch_add(1, Ordering::SeqCst);
        async move {
            if Some(page) == fail_at {
                return Err(Error::UnexpectedStatus {
                    status: reqwest::StatusCode::BAD_GATEWAY,
                    headers: Box::default(),
                    body: b"<html>bad gateway</html>".to_vec(),
                });
            }
            Ok(Page {
                items: vec![page * 10, page * 10 + 1],
                next: (page < 3).then_some(page + 1),
            })
        }
    })
}

#[tokio::test]
async fn yields_every_item_of_three_pages_in_order() {
    let calls = Arc::new(AtomicUsize::new(0));
    let items: Vec<u32> = three_pages(None, calls.clone())
        .map(|item| item.expect("no error"))
        .collect()
        .await;
    assert_eq!(items, vec![10, 11, 20, 21, 30, 31]);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn an_error_is_yielded_once_and_ends_the_stream() {
    let calls = Arc::new(AtomicUsize::new(0));
    let results: Vec<Result<u32, Error<String>>> =
        three_pages(Some(2), calls.clone()).collect().await;
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().ok(), Some(&10));
    assert_eq!(results[1].as_ref().ok(), Some(&11));
    assert_eq!(
        results[2].as_ref().err().and_then(Error::status),
        Some(reqwest::StatusCode::BAD_GATEWAY)
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn pages_are_fetched_lazily_and_empty_pages_skipped() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let stream = paginate(0u32, move |page: u32| {
        counter.fetch_add(1, Ordering::SeqCst);
        async move {
            Ok::<_, Error<()>>(Page {
                items: if page == 1 { Vec::new() } else { vec![page] },
                next: (page < 2).then_some(page + 1),
            })
        }
    });
    futures::pin_mut!(stream);
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    assert_eq!(stream.next().await.and_then(Result::ok), Some(0));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(stream.next().await.and_then(Result::ok), Some(2));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    assert!(stream.next().await.is_none());
    assert!(stream.next().await.is_none());
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}
