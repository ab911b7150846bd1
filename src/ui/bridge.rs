//! Threads talk to the window through streams: a blocking receiver becomes a stream the
//! runtime polls, fed by a small thread of its own.

use std::sync::mpsc::Receiver;

use iced::futures::Stream;
use iced::futures::channel::{mpsc, oneshot};

/// Forwards everything `rx` yields until its senders are gone.
pub fn stream<T: Send + 'static>(rx: Receiver<T>, name: &str) -> impl Stream<Item = T> + use<T> {
    filtered(rx, name, |_| true)
}

/// Forwards what `keep` accepts of what `rx` yields until its senders are gone.
pub fn filtered<T: Send + 'static, K: FnMut(&T) -> bool + Send + 'static>(
    rx: Receiver<T>,
    name: &str,
    mut keep: K,
) -> impl Stream<Item = T> + use<T, K> {
    let (tx, out) = mpsc::unbounded();
    let spawned = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
        for item in rx {
            if keep(&item) && tx.unbounded_send(item).is_err() {
                break;
            }
        }
    });
    if let Err(e) = spawned {
        eprintln!("leitmotif: could not start the {name} thread: {e}");
    }
    out
}

/// Runs `work` on a thread of its own and resolves with its result (`None` if it panicked).
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = oneshot::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    rx.await.ok()
}
