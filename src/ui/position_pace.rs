//! The engine reports the position ten times a second; each report the window takes is a
//! whole view, layout and redraw. What moves on screen moves once a second (the clock,
//! and the seek bar a pixel or two), so elsewhere only reports that change the shown
//! second, start a track or jump (a seek) pass. The lyrics screen, which lights each line
//! as it is sung, asks for every report.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::player::{Event, QueueIdx};

/// Whether every position report is wanted (the lyrics screen is showing).
static FINE: AtomicBool = AtomicBool::new(false);

pub fn set_fine(fine: bool) {
    FINE.store(fine, Ordering::Relaxed);
}

/// Whether a position report changes what the window shows, given the last one passed.
pub fn worth_showing(last: Option<(QueueIdx, Duration)>, index: QueueIdx, position: Duration, fine: bool) -> bool {
    let Some((last_index, last_position)) = last else {
        return true;
    };
    fine || index != last_index
        || position.as_secs() != last_position.as_secs()
        || position < last_position
        || position > last_position + Duration::from_millis(1500)
}

/// A filter for the engine's events: false for position reports that would change
/// nothing shown. Keeps the last report it passed.
pub fn pacer() -> impl FnMut(&Event) -> bool + Send + 'static {
    let mut last: Option<(QueueIdx, Duration)> = None;
    move |event| match event {
        Event::Position { index, position, .. } => {
            let pass = worth_showing(last, *index, *position, FINE.load(Ordering::Relaxed));
            if pass {
                last = Some((*index, *position));
            }
            pass
        }
        Event::TrackStarted { .. } | Event::Seeked { .. } => {
            last = None;
            true
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn only_a_new_second_a_new_track_or_a_jump_passes() {
        assert!(worth_showing(None, QueueIdx(0), ms(100), false));
        assert!(
            !worth_showing(Some((QueueIdx(0), ms(1000))), QueueIdx(0), ms(1900), false),
            "same second"
        );
        assert!(
            worth_showing(Some((QueueIdx(0), ms(1900))), QueueIdx(0), ms(2000), false),
            "next second"
        );
        assert!(
            worth_showing(Some((QueueIdx(0), ms(5000))), QueueIdx(1), ms(5100), false),
            "next track"
        );
        assert!(
            worth_showing(Some((QueueIdx(0), ms(5000))), QueueIdx(0), ms(4200), false),
            "a seek back"
        );
        assert!(
            worth_showing(Some((QueueIdx(0), ms(1000))), QueueIdx(0), ms(1999), true),
            "lyrics want all"
        );
    }
}
