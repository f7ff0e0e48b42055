// Runtime support copied by `cargo xtask codegen`; edit codegen/runtime/, not the generated copy.
//! Streams that follow a cursor from page to page.

use std::future::Future;

use futures::{Stream, StreamExt};

use super::error::Error;

/// One page of a listing: its items and the request for the next page, if any.
#[allow(dead_code)] // Not every spec has paginated operations.
pub(crate) struct Page<T, R> {
    /// The items of this page, in order.
    pub items: Vec<T>,
    /// What to fetch next; `None` on the last page.
    pub next: Option<R>,
}

/// A stream of every item of every page, starting with `first`.
///
/// `fetch` turns a page request (`R`: a cursor, or a whole request builder) into a page.
/// The stream yields each page's items in order, fetches the next page only when the
/// previous one is used up, and ends after a page whose `next` is `None`. Empty pages with
/// a `next` are skipped. If a fetch fails, its error is yielded once and the stream ends.
/// Once ended it keeps returning `None` (it is fused).
///
/// The stream is not `Unpin`; pin it (`futures::pin_mut!`, `Box::pin`) to call
/// `StreamExt::next` on it.
#[allow(dead_code)] // Not every spec has paginated operations.
pub(crate) fn paginate<R, T, E, F, Fut>(
    first: R,
    fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>>
where
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<Page<T, R>, Error<E>>>,
{
    struct State<R, T, F> {
        fetch: F,
        next: Option<R>,
        items: std::vec::IntoIter<T>,
    }

    let state = State {
        fetch,
        next: Some(first),
        items: Vec::new().into_iter(),
    };
    futures::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.items.next() {
                return Some((Ok(item), state));
            }
            let request = state.next.take()?;
            match (state.fetch)(request).await {
                Ok(page) => {
                    state.items = page.items.into_iter();
                    state.next = page.next;
                }
                // `next` is now `None`, so the stream ends after this error.
                Err(error) => return Some((Err(error), state)),
            }
        }
    })
    .fuse()
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
