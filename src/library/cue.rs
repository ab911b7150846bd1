//! CUE sheets: a single-file image split into virtual tracks. Sheets from Asian rips are
//! often CP949 or Shift-JIS, so the text encoding is detected, not assumed.

use serde::Serialize;

/// CD sectors per second: INDEX times are mm:ss:ff with ff in 1/75 s.
pub const SECTORS_PER_SECOND: u64 = 75;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CueSheet {
    pub title: Option<String>,
    pub performer: Option<String>,
    pub songwriter: Option<String>,
    pub date: Option<String>,
    pub genre: Option<String>,
    pub catalog: Option<String>,
    pub files: Vec<CueFile>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CueFile {
    pub name: String,
    pub tracks: Vec<CueTrack>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CueTrack {
    pub number: u32,
    pub title: Option<String>,
    pub performer: Option<String>,
    pub songwriter: Option<String>,
    pub isrc: Option<String>,
    /// INDEX 01, in sectors from the start of the file.
    pub start: u64,
    /// Where the next track in the same file starts (its INDEX 01); None for the last,
    /// which runs to the end of the file. Pregaps (INDEX 00) stay with the track
    /// before, so consecutive tracks play as the continuous image.
    pub end: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CueError {
    #[error("line {line}: {reason}")]
    Syntax { line: usize, reason: String },
    #[error("the sheet lists no tracks")]
    NoTracks,
}

/// Decodes a cue file's bytes: a BOM or valid UTF-8 wins; otherwise the encoding is
/// guessed from the bytes (CP949, Shift-JIS, GBK, Big5, CP1252, …).
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

pub fn parse_bytes(bytes: &[u8]) -> Result<CueSheet, CueError> {
    parse(&decode_text(bytes))
}

/// Parses a sheet. Unknown commands are skipped (sheets in the wild carry many); a
/// malformed TRACK or INDEX is an error naming the line.
pub fn parse(text: &str) -> Result<CueSheet, CueError> {
    let mut sheet = CueSheet::default();
    let mut in_track = false;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let (command, rest) = split_word(line);
        let syntax = |reason: &str| CueError::Syntax {
            line: line_no,
            reason: reason.to_owned(),
        };
        match command.to_ascii_uppercase().as_str() {
            "REM" => {
                let (key, value) = split_word(rest);
                let value = Some(unquote(value)).filter(|v| !v.is_empty());
                match key.to_ascii_uppercase().as_str() {
                    "DATE" => sheet.date = value,
                    "GENRE" => sheet.genre = value,
                    _ => {}
                }
            }
            "CATALOG" => sheet.catalog = Some(unquote(rest)),
            "FILE" => {
                let name = file_name(rest);
                if name.is_empty() {
                    return Err(syntax("FILE without a file name"));
                }
                sheet.files.push(CueFile {
                    name,
                    tracks: Vec::new(),
                });
                in_track = false;
            }
            "TRACK" => {
                let (number, _kind) = split_word(rest);
                let number = number
                    .parse::<u32>()
                    .map_err(|_| syntax(&format!("TRACK number {number:?} is not a number")))?;
                let file = sheet.files.last_mut().ok_or_else(|| syntax("TRACK before any FILE"))?;
                file.tracks.push(CueTrack {
                    number,
                    ..Default::default()
                });
                in_track = true;
            }
            "INDEX" => {
                let (number, time) = split_word(rest);
                let sectors = parse_time(time.trim())
                    .ok_or_else(|| syntax(&format!("INDEX time {:?} is not mm:ss:ff", time.trim())))?;
                let track = current_track(&mut sheet).ok_or_else(|| syntax("INDEX outside a TRACK"))?;
                if number.trim_start_matches('0') == "1" {
                    track.start = sectors;
                }
            }
            "TITLE" | "PERFORMER" | "SONGWRITER" | "ISRC" => {
                let value = Some(unquote(rest)).filter(|v| !v.is_empty());
                let upper = command.to_ascii_uppercase();
                if in_track {
                    if let Some(track) = current_track(&mut sheet) {
                        match upper.as_str() {
                            "TITLE" => track.title = value,
                            "PERFORMER" => track.performer = value,
                            "SONGWRITER" => track.songwriter = value,
                            _ => track.isrc = value,
                        }
                    }
                } else {
                    match upper.as_str() {
                        "TITLE" => sheet.title = value,
                        "PERFORMER" => sheet.performer = value,
                        "SONGWRITER" => sheet.songwriter = value,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    for file in &mut sheet.files {
        let starts: Vec<u64> = file.tracks.iter().map(|t| t.start).collect();
        for (i, track) in file.tracks.iter_mut().enumerate() {
            track.end = starts.get(i + 1).copied();
        }
    }
    if sheet.files.iter().all(|f| f.tracks.is_empty()) {
        return Err(CueError::NoTracks);
    }
    Ok(sheet)
}

fn current_track(sheet: &mut CueSheet) -> Option<&mut CueTrack> {
    sheet.files.last_mut().and_then(|f| f.tracks.last_mut())
}

fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    s.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(s)
        .to_owned()
}

/// `FILE "name with spaces.flac" WAVE` or `FILE name.flac WAVE`.
fn file_name(rest: &str) -> String {
    let rest = rest.trim();
    if let Some(quoted) = rest.strip_prefix('"') {
        return quoted.split('"').next().unwrap_or_default().to_owned();
    }
    match rest.rsplit_once(char::is_whitespace) {
        Some((name, _kind)) => name.trim().to_owned(),
        None => rest.to_owned(),
    }
}

/// The largest time accepted, in sectors: any time in milliseconds (sectors × 1000 / 75,
/// as the scanner stores bounds) still fits a u64.
const MAX_SECTORS: u64 = u64::MAX / 1000;

/// mm:ss:ff → sectors. `None` for a malformed time or one past [`MAX_SECTORS`].
pub fn parse_time(s: &str) -> Option<u64> {
    let mut parts = s.split(':');
    let m: u64 = parts.next()?.parse().ok()?;
    let sec: u64 = parts.next()?.parse().ok()?;
    let f: u64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || sec >= 60 || f >= SECTORS_PER_SECOND {
        return None;
    }
    m.checked_mul(60)
        .and_then(|s| s.checked_add(sec))
        .and_then(|s| s.checked_mul(SECTORS_PER_SECOND))
        .and_then(|s| s.checked_add(f))
        .filter(|&sectors| sectors <= MAX_SECTORS)
}

/// Sectors as a Duration, rounded to the nanosecond.
pub fn sectors_to_duration(sectors: u64) -> std::time::Duration {
    std::time::Duration::from_nanos((u128::from(sectors) * 1_000_000_000 / u128::from(SECTORS_PER_SECOND)) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = "REM GENRE Soundtrack\r\nREM DATE 2009\r\nPERFORMER \"Various Artists\"\r\n\
        TITLE \"The Album\"\r\nFILE \"The Album.flac\" WAVE\r\n  TRACK 01 AUDIO\r\n    TITLE \"Stay\"\r\n\
        PERFORMER \"Joe\"\r\n    INDEX 01 00:00:00\r\n  TRACK 02 AUDIO\r\n    TITLE \"Main Theme\"\r\n\
        INDEX 00 00:02:30\r\n    INDEX 01 00:02:38\r\n  TRACK 03 AUDIO\r\n    INDEX 01 01:00:74\r\n";

    #[test]
    fn parses_tracks_with_exact_bounds() {
        let sheet = parse(SHEET).expect("parses");
        assert_eq!(sheet.title.as_deref(), Some("The Album"));
        assert_eq!(sheet.performer.as_deref(), Some("Various Artists"));
        assert_eq!(sheet.date.as_deref(), Some("2009"));
        assert_eq!(sheet.genre.as_deref(), Some("Soundtrack"));
        let file = &sheet.files[0];
        assert_eq!(file.name, "The Album.flac");
        let t = &file.tracks;
        assert_eq!(t.len(), 3);
        assert_eq!((t[0].number, t[0].start, t[0].end), (1, 0, Some(2 * 75 + 38)));
        assert_eq!(t[0].performer.as_deref(), Some("Joe"));
        assert_eq!((t[1].start, t[1].end), (2 * 75 + 38, Some(60 * 75 + 74)));
        assert_eq!(t[1].title.as_deref(), Some("Main Theme"));
        assert_eq!((t[2].start, t[2].end), (60 * 75 + 74, None));
        assert_eq!(t[2].title, None);
    }

    #[test]
    fn unquoted_file_names_and_multiple_files() {
        let sheet = parse("FILE a.wav WAVE\nTRACK 1 AUDIO\nINDEX 01 00:00:00\nFILE \"b c.wav\" WAVE\nTRACK 2 AUDIO\nINDEX 01 00:00:00\n")
            .expect("parses");
        assert_eq!(sheet.files.len(), 2);
        assert_eq!(sheet.files[0].name, "a.wav");
        assert_eq!(sheet.files[1].name, "b c.wav");
        assert_eq!(sheet.files[0].tracks[0].end, None);
    }

    #[test]
    fn bad_index_names_the_line() {
        let err = parse("FILE a.wav WAVE\nTRACK 01 AUDIO\nINDEX 01 00:99:00\n").unwrap_err();
        assert_eq!(
            err,
            CueError::Syntax {
                line: 3,
                reason: "INDEX time \"00:99:00\" is not mm:ss:ff".into()
            }
        );
        assert_eq!(parse("REM nothing\n").unwrap_err(), CueError::NoTracks);
        // Minutes this large used to overflow (a panic in debug builds).
        assert_eq!(parse_time("999999999999999999:00:00"), None);
        assert_eq!(parse_time("4099276460824:20:52"), None, "one past MAX_SECTORS");
        assert_eq!(parse_time("4099276460824:20:51"), Some(MAX_SECTORS));
        assert!(matches!(
            parse("TRACK 01 AUDIO\n"),
            Err(CueError::Syntax { line: 1, .. })
        ));
    }

    fn encoded(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn detects_legacy_encodings() {
        let korean = "TITLE \"별에서 온 그대 OST\"\nPERFORMER \"윤미래\"\nFILE \"image.flac\" WAVE\n  TRACK 01 AUDIO\n    TITLE \"너를 사랑하고 있어\"\n    INDEX 01 00:00:00\n";
        let japanese = "TITLE \"千と千尋の神隠し サウンドトラック\"\nFILE \"image.flac\" WAVE\n  TRACK 01 AUDIO\n    TITLE \"あの夏へ\"\n    PERFORMER \"久石譲\"\n    INDEX 01 00:00:00\n";
        let western = "TITLE \"Amélie — Bande originale\"\nFILE \"image.flac\" WAVE\n  TRACK 01 AUDIO\n    TITLE \"Comptine d'un autre été\"\n    INDEX 01 00:00:00\n";
        for (encoding, text) in [
            (encoding_rs::EUC_KR, korean),
            (encoding_rs::SHIFT_JIS, japanese),
            (encoding_rs::WINDOWS_1252, western),
            (encoding_rs::UTF_8, korean),
        ] {
            let sheet = parse_bytes(&encoded(encoding, text)).expect("parses");
            let expected = parse(text).expect("parses");
            assert_eq!(sheet, expected, "{}", encoding.name());
        }
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice(japanese.as_bytes());
        assert_eq!(
            parse_bytes(&bom).expect("parses").title,
            parse(japanese).expect("parses").title
        );
    }
}
