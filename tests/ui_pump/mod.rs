//! Runs the tasks `App::update` returns, as the iced runtime would: each task's stream
//! is driven on a thread of its own and every message it outputs is fed back to
//! `update`. Store work and file writes answer this way, so a flow sees what the real
//! window sees. Window actions (focus, close) have no runtime here and are dropped.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use iced::Task;
use iced_test::futures::futures::StreamExt;
use iced_test::runtime::Action;
use iced_test::runtime::task::into_stream;
use leitmotif::ui::{App, Message};

/// Longer than any store answer, even on a loaded CI machine.
const PATIENCE: Duration = Duration::from_secs(60);

enum Note {
    Output(Message),
    Ended,
}

pub struct Pump {
    tx: Sender<Note>,
    rx: Receiver<Note>,
    in_flight: usize,
}

impl Pump {
    pub fn new() -> Pump {
        let (tx, rx) = mpsc::channel();
        Pump { tx, rx, in_flight: 0 }
    }

    /// Starts driving `task`. A `counted` task is waited for by [`Pump::settle`]; the
    /// app's first task is not (it holds the cover worker's endless stream).
    pub fn start(&mut self, task: Task<Message>, counted: bool) {
        let Some(mut stream) = into_stream(task) else { return };
        let tx = self.tx.clone();
        self.in_flight += usize::from(counted);
        std::thread::spawn(move || {
            if let Ok(rt) = tokio::runtime::Builder::new_current_thread().build() {
                rt.block_on(async {
                    while let Some(action) = stream.next().await {
                        if let Action::Output(m) = action
                            && tx.send(Note::Output(m)).is_err()
                        {
                            return;
                        }
                    }
                });
            }
            if counted {
                let _ = tx.send(Note::Ended);
            }
        });
    }

    /// Feeds every output to `update` until all counted tasks (and the tasks their
    /// messages returned) have ended.
    pub fn settle(&mut self, app: &mut App) {
        loop {
            let note = if self.in_flight == 0 {
                match self.rx.try_recv() {
                    Ok(n) => n,
                    Err(_) => return,
                }
            } else {
                match self.rx.recv_timeout(PATIENCE) {
                    Ok(n) => n,
                    Err(RecvTimeoutError::Timeout) => panic!("a task did not finish in {PATIENCE:?}"),
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            };
            match note {
                Note::Output(m) => {
                    let task = app.update(m);
                    self.start(task, true);
                }
                Note::Ended => self.in_flight -= 1,
            }
        }
    }

    #[allow(dead_code)] // the flows that wait for a background job use it
    /// Feeds outputs to `update` until one `until` accepts has been handled (a
    /// background job ends), for at most PATIENCE.
    pub fn wait_for(&mut self, app: &mut App, until: impl Fn(&Message) -> bool) {
        loop {
            let note = match self.rx.recv_timeout(PATIENCE) {
                Ok(n) => n,
                Err(_) => panic!("what was waited for did not come in {PATIENCE:?}"),
            };
            match note {
                Note::Output(m) => {
                    let done = until(&m);
                    let task = app.update(m);
                    self.start(task, true);
                    if done {
                        self.settle(app);
                        return;
                    }
                }
                Note::Ended => self.in_flight -= 1,
            }
        }
    }

    /// The app's first task: what it answers in the first moments (the store's first
    /// reads) is taken until nothing more comes for a while.
    pub fn settle_start(&mut self, app: &mut App, task: Task<Message>) {
        self.start(task, false);
        while let Ok(note) = self.rx.recv_timeout(Duration::from_millis(400)) {
            match note {
                Note::Output(m) => {
                    let task = app.update(m);
                    self.start(task, true);
                }
                Note::Ended => self.in_flight -= 1,
            }
        }
        self.settle(app);
    }
}
