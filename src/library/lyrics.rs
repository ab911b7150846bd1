//! Lyrics: synced (LRC: an .lrc beside the file, or timestamped embedded lyrics) and
//! unsynced (USLT / UNSYNCEDLYRICS). Vocal OST tracks often carry the original,
//! romanised and translated line under one timestamp: all are kept, in file order.

use std::path::Path;
use std::time::Duration;

use lofty::file::TaggedFileExt;
use lofty::tag::ItemKey;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub time: Duration,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lyrics {
    /// Lines in time order (lines sharing a time keep their order in the file).
    Synced(Vec<Line>),
    Unsynced(String),
}

/// `[mm:ss]`, `[mm:ss.x]`, `[mm:ss.xx]`, `[mm:ss.xxx]`, `[mm:ss:xx]`.
fn parse_stamp(s: &str) -> Option<Duration> {
    let (min, rest) = s.split_once(':')?;
    let min: u64 = min.trim().parse().ok()?;
    let (sec, frac) = match rest.split_once(['.', ':']) {
        Some((s, f)) => (s, f),
        None => (rest, ""),
    };
    let sec: u64 = sec.trim().parse().ok()?;
    if sec >= 60 || !frac.chars().all(|c| c.is_ascii_digit()) || frac.len() > 3 {
        return None;
    }
    let ms = match frac.len() {
        0 => 0,
        n => frac.parse::<u64>().ok()? * 10u64.pow(3 - n as u32),
    };
    // Checked: a stamp past u64::MAX milliseconds is not a stamp, not a panic.
    let ms = min.checked_mul(60_000)?.checked_add(sec * 1000 + ms)?;
    Some(Duration::from_millis(ms))
}

/// Word timings of enhanced LRC (`<00:12.34>`) are dropped: lines are shown whole.
fn strip_word_times(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        match rest[start..].find('>') {
            Some(end) if parse_stamp(&rest[start + 1..start + end]).is_some() => {
                out.push_str(&rest[..start]);
                rest = &rest[start + end + 1..];
            }
            _ => {
                out.push_str(&rest[..=start]);
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(rest);
    out.trim().to_owned()
}

/// Parses LRC text; `None` when it has no timed line (then it is plain lyrics).
pub fn parse_lrc(text: &str) -> Option<Vec<Line>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut offset_ms: i64 = 0;
    let mut lines = Vec::new();
    for raw in text.lines() {
        let mut rest = raw.trim();
        let mut stamps = Vec::new();
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(end) = inner.find(']') else { break };
            let tag = &inner[..end];
            if let Some(t) = parse_stamp(tag) {
                stamps.push(t);
            } else if let Some((key, value)) = tag.split_once(':') {
                // `[offset:+250]`: positive shows the lyrics earlier.
                if key.trim().eq_ignore_ascii_case("offset") {
                    offset_ms = value.trim().parse().unwrap_or(0);
                }
            }
            rest = &inner[end + 1..];
        }
        let text = strip_word_times(rest);
        for t in stamps {
            lines.push(Line {
                time: t,
                text: text.clone(),
            });
        }
    }
    if lines.is_empty() {
        return None;
    }
    for l in &mut lines {
        // In i128: any u64 time minus any i64 offset fits, without overflow.
        let ms = i128::try_from(l.time.as_millis()).unwrap_or(i128::MAX) - i128::from(offset_ms);
        l.time = Duration::from_millis(u64::try_from(ms.max(0)).unwrap_or(u64::MAX));
    }
    lines.sort_by_key(|l| l.time);
    Some(lines)
}

/// The line showing at `position`: the last one started.
pub fn current(lines: &[Line], position: Duration) -> Option<usize> {
    lines.partition_point(|l| l.time <= position).checked_sub(1)
}

/// Lyrics for an audio file: `NAME.lrc` beside it, else embedded lyrics (synced when
/// they carry timestamps). `None` when there are none.
pub fn for_file(audio: &Path) -> Option<Lyrics> {
    crate::io_guard::check("reading lyrics");
    let lrc = audio.with_extension("lrc");
    if let Ok(bytes) = std::fs::read(&lrc) {
        let text = super::cue::decode_text(&bytes);
        if let Some(lines) = parse_lrc(&text) {
            return Some(Lyrics::Synced(lines));
        }
    }
    if let Some(lines) = sylt(audio) {
        return Some(Lyrics::Synced(lines));
    }
    // Tags only: lyrics need no audio properties, whose readers a hostile file can crash
    // (see `tags::guarded`).
    let options = lofty::config::ParseOptions::new().read_properties(false);
    let file = lofty::probe::Probe::open(audio).ok()?.options(options).read().ok()?;
    let text = file.tags().iter().find_map(|t| {
        // LYRICS (often LRC text) first; USLT / UNSYNCEDLYRICS map to UnsyncLyrics.
        t.get_string(ItemKey::Lyrics)
            .or_else(|| t.get_string(ItemKey::UnsyncLyrics))
            .map(str::to_owned)
    })?;
    Some(match parse_lrc(&text) {
        Some(lines) => Lyrics::Synced(lines),
        None => Lyrics::Unsynced(text),
    })
}

/// ID3v2 SYLT frames (MP3): each frame is one language or rendering of the lyrics, so
/// all frames are merged by time, keeping frame order for lines sharing a time.
fn sylt(audio: &Path) -> Option<Vec<Line>> {
    use lofty::config::ParseOptions;
    use lofty::file::{AudioFile, FileType};
    use lofty::id3::v2::{Frame, SyncTextContentType, SynchronizedTextFrame, TimestampFormat};

    let probe = lofty::probe::Probe::open(audio).ok()?.guess_file_type().ok()?;
    if probe.file_type() != Some(FileType::Mpeg) {
        return None;
    }
    let mut file = std::fs::File::open(audio).ok()?;
    let mpeg = lofty::mpeg::MpegFile::read_from(&mut file, ParseOptions::new()).ok()?;
    // MPEG-1 Layer III frames hold 1152 samples (MPEG-2/2.5: 576).
    let properties = mpeg.properties();
    let rate = u64::from(properties.sample_rate().max(1));
    let per_frame = if *properties.version() == lofty::mpeg::MpegVersion::V1 {
        1152
    } else {
        576
    };
    let mut lines = Vec::new();
    for frame in mpeg.id3v2()? {
        let Frame::Binary(binary) = frame else { continue };
        if binary.id().as_str() != "SYLT" {
            continue;
        }
        let Ok(sylt) = SynchronizedTextFrame::parse(&binary.data, binary.flags()) else {
            continue;
        };
        if !matches!(
            sylt.content_type,
            SyncTextContentType::Lyrics | SyncTextContentType::TextTranscription
        ) {
            continue;
        }
        for (stamp, text) in sylt.content {
            let time = match sylt.timestamp_format {
                TimestampFormat::MS => Duration::from_millis(u64::from(stamp)),
                TimestampFormat::MPEG => Duration::from_millis(u64::from(stamp) * per_frame * 1000 / rate),
            };
            let text = text
                .trim_end_matches(['\r', '\n'])
                .trim_start_matches(['\r', '\n'])
                .to_owned();
            lines.push(Line { time, text });
        }
    }
    lines.sort_by_key(|l| l.time);
    Some(lines).filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(v: u64) -> Duration {
        Duration::from_millis(v)
    }

    #[test]
    fn real_world_shapes() {
        let text = "\u{feff}[ti:꽃잎 (Petal)]\r\n[ar:Yoon Ha-eun]\r\n[by:fan]\r\n[length: 03:12]\r\n\
                    [00:12.34]바람에 날리는 꽃잎처럼\r\n[00:12.34]Baram-e nallineun kkochip-cheoreom\r\n\
                    [00:12.34]Like petals in the wind\r\n[01:05.5][02:10.500]후렴 (chorus)\r\n\
                    [00:30]<00:30.00>word <00:30.50>by <00:31.00>word\r\n\r\n[03:00.00]\r\nno timestamp here\r\n";
        let lines = parse_lrc(text).expect("synced");
        let shown: Vec<(u64, &str)> = lines
            .iter()
            .map(|l| (l.time.as_millis() as u64, l.text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (12_340, "바람에 날리는 꽃잎처럼"),
                (12_340, "Baram-e nallineun kkochip-cheoreom"),
                (12_340, "Like petals in the wind"),
                (30_000, "word by word"),
                (65_500, "후렴 (chorus)"),
                (130_500, "후렴 (chorus)"),
                (180_000, ""),
            ]
        );
        assert_eq!(current(&lines, ms(11_000)), None);
        assert_eq!(
            current(&lines, ms(12_340)),
            Some(2),
            "the last of the lines sharing a time"
        );
        assert_eq!(current(&lines, ms(70_000)), Some(4));
    }

    #[test]
    fn offsets_move_every_line() {
        let lines = parse_lrc("[offset:+500]\n[00:10.00]a\n[00:00.20]b\n").expect("synced");
        assert_eq!(
            lines,
            [
                Line {
                    time: ms(0),
                    text: "b".into()
                },
                Line {
                    time: ms(9_500),
                    text: "a".into()
                }
            ]
        );
        let later = parse_lrc("[offset:-250]\n[00:01.000]a\n").expect("synced");
        assert_eq!(later[0].time, ms(1_250));
    }

    #[test]
    fn plain_text_and_odd_stamps_are_not_synced() {
        assert_eq!(parse_lrc("Just words\nand more words"), None);
        assert_eq!(parse_lrc("[ar:Someone]\n[xx:yy]text"), None);
        assert_eq!(parse_stamp("00:61.00"), None);
        assert_eq!(parse_stamp("1:02:50"), Some(ms(62_500)));
        assert_eq!(parse_stamp("00:05.1234"), None);
        // Found by fuzzing: minutes this large overflowed (a panic in debug builds).
        assert_eq!(parse_stamp("999999999999990:4"), None);
        assert_eq!(parse_stamp("307445734561825:51.615"), Some(ms(u64::MAX)));
    }

    #[test]
    fn extreme_offsets_clamp() {
        let late = parse_lrc("[offset:-9223372036854775808]\n[307445734561825:51.615]a\n[00:01]b\n").expect("synced");
        assert_eq!(
            (late[0].time, late[1].time),
            (ms(9_223_372_036_854_776_808), ms(u64::MAX))
        );
        let early = parse_lrc("[offset:9223372036854775807]\n[00:01]a\n").expect("synced");
        assert_eq!(early[0].time, ms(0));
    }
}
