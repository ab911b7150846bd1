//! The app's side of the loudness analysis: started after each library load, held
//! while the window is in use or a scan runs, its gains handed to the engine.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use iced::Task;

use super::{AnalysisRun, App, Message};
use crate::analysis::features::Waveform;
use crate::analysis::pass::Control;
use crate::ui::library_tasks::{self, AnalysisUpdate};
use crate::ui::stored::Stored;

impl App {
    /// Measures what the library has not measured yet; if a pass runs, another
    /// follows it (the library it planned with is out of date).
    pub(super) fn start_analysis(&mut self) -> Task<Message> {
        let Some(store) = self.store_path.clone().filter(|_| self.settings.analyse) else {
            return Task::none();
        };
        if self.analysis.is_some() {
            self.analysis_again = true;
            return Task::none();
        }
        let control = Arc::new(Control::default());
        control.pause.store(self.scan.is_some(), Ordering::Relaxed);
        self.analysis = Some(AnalysisRun {
            control: control.clone(),
            progress: Default::default(),
        });
        library_tasks::analyse(store, self.library.clone(), control).map(Message::Analysis)
    }

    pub(super) fn analysis_update(&mut self, update: AnalysisUpdate) -> Task<Message> {
        match update {
            AnalysisUpdate::Measured(measured) => {
                self.playback.set_gain_book(measured.clone());
                self.measured = measured;
                self.load_waveform(true);
            }
            AnalysisUpdate::Progress(p) => {
                if let Some(run) = self.analysis.as_mut() {
                    run.progress = p;
                }
            }
            AnalysisUpdate::Done(result) => {
                self.analysis = None;
                match result {
                    Ok((_, measured)) => {
                        self.playback.set_gain_book(measured.clone());
                        self.measured = measured;
                        // The playing track may have just been measured.
                        self.load_waveform(true);
                    }
                    Err(e) => self.notify("Measuring loudness stopped", vec![e]),
                }
                if std::mem::take(&mut self.analysis_again) {
                    return self.start_analysis();
                }
            }
        }
        Task::none()
    }

    /// Measuring was turned off: the pass stops after the tracks in flight.
    pub(super) fn stop_analysis(&mut self) -> Task<Message> {
        self.analysis_again = false;
        if let Some(run) = &self.analysis {
            run.control.stop.store(true, Ordering::Relaxed);
        }
        Task::none()
    }

    /// Reads the playing track's waveform off the window's thread (again with
    /// `fresh`: the analysis may have measured it since).
    pub(super) fn load_waveform(&mut self, fresh: bool) {
        let Some(entry) = self.playback.current_entry() else {
            self.waveform = None;
            return;
        };
        let path = entry.spec.path.clone();
        let cue = entry
            .track
            .and_then(|t| self.library.track(t))
            .map_or(0, |t| t.fields.cue_index);
        let known = self
            .waveform
            .as_ref()
            .is_some_and(|(p, c, w)| *p == path && *c == cue && (w.is_some() || !fresh));
        if known {
            return;
        }
        self.waveform = Some((path.clone(), cue, None));
        self.jobs
            .store_then("The track's waveform could not be read", move |s| {
                let key = path.to_string_lossy().into_owned();
                let wave = s
                    .analysis_shape(&key, cue)?
                    .map(|(bytes, _)| Arc::new(Waveform::from_bytes(&bytes)))
                    .filter(|w| !w.max.is_empty());
                Ok(Stored::Waveform(path, cue, wave))
            });
    }

    /// A scan reads the disk the pass would: the pass waits for it.
    pub(super) fn pause_analysis(&self, pause: bool) {
        if let Some(run) = &self.analysis {
            run.control.pause.store(pause, Ordering::Relaxed);
        }
    }

    /// The window was used: the pass holds for a moment.
    pub(super) fn hold_analysis(&self) {
        if let Some(run) = &self.analysis {
            run.control.touch();
        }
    }
}
