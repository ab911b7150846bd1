//! A tripwire for the window's thread: while it runs `update` or `view`, opening the
//! database or touching files is a bug (the window would freeze on a slow disk or a
//! busy database). Debug builds — every test — panic naming what was attempted;
//! release builds compile the check away.

use std::cell::Cell;

thread_local! {
    static IN_WINDOW: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` as the window's `update` or `view`: I/O inside it trips [`check`].
pub fn window<R>(f: impl FnOnce() -> R) -> R {
    let outer = IN_WINDOW.with(|w| w.replace(true));
    // Reset on unwind too, so one failed test does not poison the thread's next one.
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            IN_WINDOW.with(|w| w.set(self.0));
        }
    }
    let _reset = Reset(outer);
    f()
}

/// Called by the store and the file helpers before they block on I/O.
pub fn check(what: &str) {
    if cfg!(debug_assertions) && IN_WINDOW.with(Cell::get) {
        panic!("the window's thread tried {what} inside update or view; send it to the store worker or a task");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_inside_the_window_trips_and_outside_does_not() {
        check("reading outside");
        let inside = std::panic::catch_unwind(|| window(|| check("reading a file")));
        assert!(inside.is_err(), "the check must trip inside the window");
        check("reading after an unwind");
        let nested = std::panic::catch_unwind(|| window(|| window(|| ())));
        assert!(nested.is_ok());
    }
}
