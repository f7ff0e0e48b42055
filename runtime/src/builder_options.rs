// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! The `request_options!` macro: the option setters that every request builder shares.

/// The setters every generated request builder has for its `options: RequestOptions`
/// field: `timeout`, `connect_timeout`, `options`, `header`, `max_retries` and
/// `deadline`, each taking and returning the builder. Called inside the builder's `impl`
/// block. The API listing (`codegen/src/surface/macros.rs`) lists the methods the call
/// adds: a change here is one there.
#[allow(unused_macros)]
macro_rules! request_options {
    () => {
        /// Overrides the client's overall timeout for each attempt of this request.
        #[inline]
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout(timeout);
            self
        }

        /// Overrides the client's connect timeout for this request.
        #[inline]
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.connect_timeout(timeout);
            self
        }

        /// Replaces this request's options (timeouts, retries, headers) at once.
        #[inline]
        pub fn options(mut self, options: $crate::RequestOptions) -> Self {
            self.options = options;
            self
        }

        /// Adds a header to this request (an idempotency key, a tracing id); see
        /// [`RequestOptions::header`](crate::RequestOptions::header).
        #[inline]
        pub fn header(mut self, name: &str, value: &str) -> Self {
            self.options.header(name, value);
            self
        }

        /// Overrides how many times this request is retried (0 disables retries).
        #[inline]
        pub fn max_retries(mut self, max_retries: u32) -> Self {
            self.options.max_retries(max_retries);
            self
        }

        /// Limits the time this call may take in all, every attempt and the waits between
        /// them; see [`ClientBuilder::deadline`](crate::ClientBuilder::deadline).
        #[inline]
        pub fn deadline(mut self, deadline: std::time::Duration) -> Self {
            self.options.deadline(deadline);
            self
        }
    };
}
// Used by the generated crate's request builders only, not within the runtime crate itself.
#[allow(unused_imports)]
pub(crate) use request_options;
