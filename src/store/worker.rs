//! One long-lived thread owns the window's database connection. The window sends it
//! work and awaits the answer as a future (which the runtime turns into a message), so
//! the window's thread never waits on SQLite: a write queued behind a scan's batch
//! waits here, not in front of the user. Work runs in the order it was sent, so a
//! read sent after a write sees it.

use std::path::PathBuf;
use std::sync::mpsc;

use super::Store;

type Job = Box<dyn FnOnce(Result<&mut Store, &str>) + Send>;

/// A handle to the store thread; cheap to clone.
#[derive(Clone)]
pub struct StoreWorker {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for StoreWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreWorker")
    }
}

impl StoreWorker {
    /// Starts the thread. The database is opened by the first piece of work (and again
    /// after a failure), never here.
    pub fn start(path: PathBuf) -> std::io::Result<StoreWorker> {
        let (jobs, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("leitmotif-store".into())
            .spawn(move || {
                let mut store: Option<Store> = None;
                let mut failure = String::new();
                for job in rx {
                    if store.is_none() {
                        match Store::open(&path) {
                            Ok(s) => store = Some(s),
                            Err(e) => failure = e.to_string(),
                        }
                    }
                    // A panicking piece of work (its transaction rolled back on the way
                    // out) must not take the window's database away with it.
                    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match store.as_mut() {
                        Some(s) => job(Ok(s)),
                        None => job(Err(&failure)),
                    }));
                    if ran.is_err() {
                        store = None;
                    }
                }
            })?;
        Ok(StoreWorker { jobs })
    }

    /// Runs `work` on the store thread; resolves with its result, or with why the
    /// database could not be opened (or the thread is gone).
    pub fn call<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Store) -> T + Send + 'static,
    ) -> impl Future<Output = Result<T, String>> + Send + 'static {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |store| {
            let _ = tx.send(store.map(work).map_err(str::to_owned));
        });
        let sent = self
            .jobs
            .send(job)
            .map_err(|_| "the database thread has stopped".to_owned());
        async move {
            sent?;
            // A panic in `work` drops the sender: said, not propagated.
            rx.await
                .unwrap_or_else(|_| Err("the database work failed unexpectedly".to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .map(|rt| rt.block_on(f))
            .unwrap_or_else(|e| panic!("a runtime: {e}"))
    }

    #[test]
    fn work_runs_in_order_on_one_connection() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let worker = StoreWorker::start(dir.path().join("library.db")).unwrap_or_else(|e| panic!("{e}"));
        let write = worker.call(|s| s.save_playlist("Night", &[]));
        let read = worker.call(|s| s.playlists());
        assert!(matches!(block_on(write), Ok(Ok(()))));
        let lists = block_on(read)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lists.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Night"]);
    }

    #[test]
    fn an_unopenable_database_is_an_answer_not_a_hang() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, b"x").unwrap_or_else(|e| panic!("{e}"));
        let worker = StoreWorker::start(file.join("library.db")).unwrap_or_else(|e| panic!("{e}"));
        let answer = block_on(worker.call(|s| s.playlists()));
        assert!(answer.is_err(), "{answer:?}");
        let panicked = block_on(worker.call(|_| -> () { panic!("boom") }));
        assert!(panicked.is_err());
        assert!(block_on(worker.call(|_| 7)).is_err(), "still answering after a panic");
    }
}
