// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! Streams that follow a cursor from page to page.

use std::future::Future;

use futures::{Stream, StreamExt};

use super::error::Error;

/// One page of a listing: its items and the request for the next page, if any.
#[allow(dead_code)] // Not every spec has paginated operations.
pub struct Page<T, R> {
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
pub fn paginate<R, T, E, F, Fut>(first: R, fetch: F) -> impl Stream<Item = Result<T, Error<E>>>
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
