//! When listening counts (Last.fm's rule): a play once half the track, or four minutes,
//! has been *heard* — time actually played, so seeking towards the end counts nothing;
//! a skip when another track starts before that. Short cues count like long ones
//! (soundtracks are full of one-minute cues). Fed the playback's events by whoever
//! plays; it answers what to record, the moment it counts.

use std::time::Duration;

/// Four minutes: a long track counts as played after this much, half or not.
pub const ENOUGH: Duration = Duration::from_secs(240);
/// A jump in position longer than this between two reports is a seek, not listening.
const LONGEST_STEP: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counted<K> {
    Play(K),
    Skip(K),
}

#[derive(Debug)]
struct Current<K> {
    key: K,
    /// Heard time that makes a play.
    needed: Duration,
    heard: Duration,
    last: Option<Duration>,
    counted: bool,
}

/// The track being listened to and how much of it has been heard.
#[derive(Debug)]
pub struct Listening<K> {
    current: Option<Current<K>>,
}

impl<K> Default for Listening<K> {
    fn default() -> Self {
        Self { current: None }
    }
}

impl<K: Clone> Listening<K> {
    /// A track starts (`None`: something that is not counted, such as a cut of a
    /// track). The one before it, if left before it counted, is a skip.
    pub fn started(&mut self, key: Option<K>, duration: Option<Duration>, at: Duration) -> Option<Counted<K>> {
        let left = self.current.take().filter(|c| !c.counted).map(|c| Counted::Skip(c.key));
        self.current = key.map(|key| Current {
            key,
            needed: duration.map_or(ENOUGH, |d| (d / 2).min(ENOUGH)),
            heard: Duration::ZERO,
            last: Some(at),
            counted: false,
        });
        left
    }

    /// The playing position, as reported while playing.
    pub fn position(&mut self, position: Duration) -> Option<Counted<K>> {
        let c = self.current.as_mut()?;
        if let Some(step) = c.last.and_then(|last| position.checked_sub(last))
            && step <= LONGEST_STEP
        {
            c.heard += step;
        }
        c.last = Some(position);
        if !c.counted && c.heard >= c.needed {
            c.counted = true;
            return Some(Counted::Play(c.key.clone()));
        }
        None
    }

    /// A seek or a pause: the next report starts a new stretch of listening.
    pub fn jumped(&mut self, position: Duration) {
        if let Some(c) = self.current.as_mut() {
            c.last = Some(position);
        }
    }

    /// Playback stopped or the queue ended: nothing is left, nothing skipped.
    pub fn stopped(&mut self) {
        self.current = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    /// Reports every 100 ms from `from` to `to` seconds; what counted.
    fn play(l: &mut Listening<&'static str>, from: f64, to: f64) -> Vec<Counted<&'static str>> {
        let mut out = Vec::new();
        let mut t = from;
        while t <= to + 1e-9 {
            out.extend(l.position(secs(t)));
            t += 0.1;
        }
        out
    }

    #[test]
    fn half_a_short_track_is_a_play_counted_once() {
        let mut l = Listening::default();
        assert_eq!(l.started(Some("a"), Some(secs(30.0)), Duration::ZERO), None);
        assert!(play(&mut l, 0.0, 14.8).is_empty());
        assert_eq!(play(&mut l, 14.9, 18.0), [Counted::Play("a")]);
        assert!(play(&mut l, 18.1, 30.0).is_empty(), "counted once");
        assert_eq!(
            l.started(Some("b"), Some(secs(30.0)), Duration::ZERO),
            None,
            "a played track is no skip"
        );
    }

    #[test]
    fn leaving_early_is_a_skip_and_stopping_is_nothing() {
        let mut l = Listening::default();
        l.started(Some("a"), Some(secs(300.0)), Duration::ZERO);
        play(&mut l, 0.0, 30.0);
        assert_eq!(
            l.started(Some("b"), Some(secs(60.0)), Duration::ZERO),
            Some(Counted::Skip("a"))
        );
        play(&mut l, 0.0, 10.0);
        l.stopped();
        assert_eq!(l.started(Some("c"), None, Duration::ZERO), None, "a stop is not a skip");
    }

    #[test]
    fn seeking_ahead_is_not_listening_and_long_tracks_need_four_minutes() {
        let mut l = Listening::default();
        l.started(Some("long"), Some(secs(1200.0)), Duration::ZERO);
        play(&mut l, 0.0, 10.0);
        l.jumped(secs(1100.0));
        assert!(play(&mut l, 1100.0, 1199.0).is_empty(), "110 s heard of the 240 needed");
        l.jumped(secs(0.0));
        assert_eq!(play(&mut l, 0.0, 140.0), [Counted::Play("long")]);
        // A jump the reports show without a seek event (a lost report) counts nothing.
        l.started(Some("x"), Some(secs(60.0)), Duration::ZERO);
        assert!(play(&mut l, 0.0, 1.0).is_empty());
        assert_eq!(l.position(secs(50.0)), None);
        // Cuts and other uncounted audio leave nothing to skip.
        assert_eq!(l.started(None, None, Duration::ZERO), Some(Counted::Skip("x")));
        assert_eq!(l.started(Some("y"), None, Duration::ZERO), None);
    }
}
