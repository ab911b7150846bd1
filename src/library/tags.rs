//! Reading one file's tags and audio properties with lofty, into the stored fields.
//! The format comes from the content (`guess_file_type`), never from the extension.

use compact_str::CompactString;
use std::io::{Seek, SeekFrom};
use std::path::Path;
use std::time::Duration;

use lofty::config::{ParseOptions, ParsingMode};
use lofty::file::{FileType, TaggedFile};
use lofty::prelude::*;
use lofty::probe::Probe;
use lofty::tag::{ItemKey, Tag};

use crate::error_chain::error_chain as chain;
use crate::store::TrackFields;

/// Longer than any real track or image (a corrupted Ogg once claimed 6,925 hours).
const MAX_PLAUSIBLE: Duration = Duration::from_secs(48 * 3600);

/// A user-defined ID3 text (`TXXX`) by its description in any case: taggers write
/// a script's custom tags as typed (Picard's `$set(series,…)` gives `TXXX:series`),
/// and lofty compares descriptions exactly.
fn id3_user_text(tag: Option<&lofty::id3::v2::Id3v2Tag>, key: &str) -> Option<String> {
    tag?.into_iter().find_map(|frame| match frame {
        lofty::id3::v2::Frame::UserText(t) if t.description.eq_ignore_ascii_case(key) => Some(t.content.to_string()),
        _ => None,
    })
}

/// An MP4 freeform atom (`----:com.apple.iTunes:NAME`, how taggers store custom tags)
/// by its name in any case.
fn mp4_freeform(ilst: Option<&lofty::mp4::Ilst>, key: &str) -> Option<String> {
    ilst?.into_iter().find_map(|atom| match atom.ident() {
        lofty::mp4::AtomIdent::Freeform { name, .. } if name.eq_ignore_ascii_case(key) => {
            atom.data().find_map(|d| match d {
                lofty::mp4::AtomData::UTF8(text) => Some(text.clone()),
                _ => None,
            })
        }
        _ => None,
    })
}

/// What a file gave, beyond the plain fields: tags that lofty's generic view drops.
#[derive(Debug, Default)]
pub struct FileTags {
    pub fields: TrackFields,
    /// An embedded CUESHEET (Vorbis comment in a FLAC image).
    pub cuesheet: Option<String>,
    /// Set when the audio properties were unreadable and only the tags were read.
    pub warning: Option<String>,
    /// What our own checks found that lofty lets through.
    damage: Option<Damage>,
}

#[derive(Debug)]
enum Damage {
    /// An ID3v2 frame running past its tag.
    Tags(String),
    /// A FLAC whose audio is cut short.
    Cut(String),
}

/// Reads a file. A file lofty rejects over its audio properties is read again with
/// properties off, so readable tags are not lost; the error is kept as a warning.
pub fn read(path: &Path) -> Result<FileTags, String> {
    crate::io_guard::check("reading tags");
    // Strict first: lofty's default mode quietly skips malformed frames, and a damaged
    // file should be reported even when its readable tags are kept.
    let strict = match guarded(path, true, ParsingMode::Strict) {
        Ok(mut tags) => match tags.damage.take() {
            Some(Damage::Tags(damage)) => {
                tags.warning = Some(format!("damaged tags, read what was readable: {damage}"));
                return Ok(tags);
            }
            Some(Damage::Cut(cut)) => {
                tags.warning = Some(cut);
                return Ok(tags);
            }
            None => return Ok(checked(tags)),
        },
        Err(e) => e,
    };
    if let Ok(mut tags) = guarded(path, true, ParsingMode::BestAttempt) {
        tags.warning = Some(format!("damaged tags, read what was readable: {strict}"));
        return Ok(tags);
    }
    match guarded(path, false, ParsingMode::BestAttempt) {
        // Noise that happens to look like a stream has nothing worth keeping.
        Ok(mut tags) if has_tags(&tags) => {
            tags.warning = Some(format!("audio properties unreadable, tags kept: {strict}"));
            Ok(tags)
        }
        Ok(_) | Err(_) => Err(strict),
    }
}

fn has_tags(tags: &FileTags) -> bool {
    let f = &tags.fields;
    [
        &f.title,
        &f.artist,
        &f.album,
        &f.album_artist,
        &f.composer,
        &f.grouping,
        &f.work,
        &f.show,
        &f.series_tag,
        &f.franchise,
    ]
    .iter()
    .any(|v| v.is_some())
        || f.track.is_some()
}

fn checked(mut tags: FileTags) -> FileTags {
    let f = &tags.fields;
    if f.sample_rate.is_none() || f.channels.is_none() || f.duration_ms.is_none() {
        // Parsed, but the stream describes no playable audio (0 Hz, 0 channels, no
        // length): keep the tags, say why it may not play.
        tags.warning = Some("the stream reports no audio (sample rate, channels or length missing)".into());
    }
    tags
}

/// `read_with`, with a panic inside lofty turned into an error, so the fallbacks still
/// keep the file's tags. Found by fuzzing (lofty 0.25.5), both while reading Opus audio
/// properties: an absurd last granule position overflows lofty's length arithmetic (a
/// panic in debug builds, a division by zero in release ones), and a channel count of 0
/// reaches an `expect`.
fn guarded(path: &Path, properties: bool, mode: ParsingMode) -> Result<FileTags, String> {
    std::panic::catch_unwind(|| read_with(path, properties, mode)).unwrap_or_else(|panic| {
        let message = crate::player::panic_text(&*panic);
        Err(format!("the tag reader crashed on this file ({message})"))
    })
}

fn read_with(path: &Path, properties: bool, mode: ParsingMode) -> Result<FileTags, String> {
    let mut options = ParseOptions::new().read_properties(properties).parsing_mode(mode);
    let probe = Probe::open(path)
        .map_err(|e| chain(&e))?
        .options(options)
        .guess_file_type()
        .map_err(|e| format!("cannot read: {e}"))?;
    let file_type = probe
        .file_type()
        .ok_or_else(|| "not a recognised audio file".to_string())?;
    let mut extra = Extra::default();
    // Pictures are most of the bytes a tag reader reads (a third of lofty's time): where
    // a walk over the headers tells whether one is there, they are skipped. The walk
    // goes through the probe's reader, so each file is opened once.
    let mut reader = probe.into_inner();
    let len = reader.get_ref().metadata().map_or(0, |m| m.len());
    let (picture, damage) = match file_type {
        FileType::Flac => {
            let look = super::flac_check::inspect_reader(&mut reader, len);
            (look.picture, look.cut.map(Damage::Cut))
        }
        FileType::Mpeg => {
            let look = super::id3_check::inspect_reader(&mut reader, len);
            (look.picture, look.damage.map(Damage::Tags))
        }
        FileType::Mp4 => (super::mp4_check::has_cover(&mut reader, len), None),
        FileType::Vorbis | FileType::Opus => (super::ogg_check::has_picture(&mut reader), None),
        _ => (None, None),
    };
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| format!("cannot read: {e}"))?;
    let options = options.read_cover_art(picture.is_none());
    // The concrete readers keep tags that lofty's generic view drops; they continue
    // from the probe's reader, which the guess left at the start of the file.
    let tagged: TaggedFile = match file_type {
        FileType::Flac => {
            let f = lofty::flac::FlacFile::read_from(&mut reader, options).map_err(|e| chain(&e))?;
            if let Some(vc) = f.vorbis_comments() {
                extra.cuesheet = vc.get("CUESHEET").map(str::to_owned);
                extra.series = vc.get("SERIES").map(str::to_owned);
                extra.franchise = vc.get("FRANCHISE").map(str::to_owned);
            }
            f.into()
        }
        FileType::Vorbis => {
            let f = lofty::ogg::VorbisFile::read_from(&mut reader, options).map_err(|e| chain(&e))?;
            extra.series = f.vorbis_comments().get("SERIES").map(str::to_owned);
            extra.franchise = f.vorbis_comments().get("FRANCHISE").map(str::to_owned);
            f.into()
        }
        FileType::Opus => {
            let f = lofty::ogg::OpusFile::read_from(&mut reader, options).map_err(|e| chain(&e))?;
            extra.series = f.vorbis_comments().get("SERIES").map(str::to_owned);
            extra.franchise = f.vorbis_comments().get("FRANCHISE").map(str::to_owned);
            f.into()
        }
        FileType::Mpeg => {
            let f = lofty::mpeg::MpegFile::read_from(&mut reader, options).map_err(|e| chain(&e))?;
            extra.series = id3_user_text(f.id3v2(), "SERIES");
            extra.franchise = id3_user_text(f.id3v2(), "FRANCHISE");
            f.into()
        }
        FileType::Mp4 => {
            let f = lofty::mp4::Mp4File::read_from(&mut reader, options).map_err(|e| chain(&e))?;
            extra.series = mp4_freeform(f.ilst(), "SERIES");
            extra.franchise = mp4_freeform(f.ilst(), "FRANCHISE");
            f.into()
        }
        _ => Probe::with_file_type(reader, file_type)
            .options(options)
            .read()
            .map_err(|e| chain(&e))?,
    };
    let mut fields = fields_of(&tagged, properties);
    if let Some(found) = picture {
        fields.cover = found.then(|| "embedded".into());
    }
    fields.series_tag = extra.series.filter(|s| !s.trim().is_empty()).map(Into::into);
    fields.franchise = extra.franchise.filter(|s| !s.trim().is_empty()).map(Into::into);
    Ok(FileTags {
        fields,
        cuesheet: extra.cuesheet,
        warning: None,
        damage,
    })
}

#[derive(Default)]
struct Extra {
    cuesheet: Option<String>,
    series: Option<String>,
    franchise: Option<String>,
}

fn fields_of(file: &TaggedFile, properties: bool) -> TrackFields {
    let tags = file.tags();
    // The primary tag first, then the others (an MP3 may carry ID3v2 and ID3v1).
    let mut ordered: Vec<&Tag> = Vec::with_capacity(tags.len());
    if let Some(p) = file.primary_tag() {
        ordered.push(p);
    }
    ordered.extend(
        tags.iter()
            .filter(|t| Some(t.tag_type()) != file.primary_tag().map(|p| p.tag_type())),
    );
    let text = |key: ItemKey| -> Option<CompactString> {
        ordered
            .iter()
            .find_map(|t| t.get_string(key))
            .map(|s| CompactString::from(s.trim_matches(char::from(0)).trim()))
            .filter(|s| !s.is_empty())
    };
    let number = |f: fn(&Tag) -> Option<u32>| ordered.iter().find_map(|t| f(t));
    let props = file.properties();
    let duration = props.duration();
    let has_picture = ordered.iter().any(|t| !t.pictures().is_empty());
    TrackFields {
        title: text(ItemKey::TrackTitle),
        artist: text(ItemKey::TrackArtist),
        album_artist: text(ItemKey::AlbumArtist),
        album: text(ItemKey::AlbumTitle),
        disc: number(|t| t.disk()),
        disc_total: number(|t| t.disk_total()),
        track: number(|t| t.track()),
        track_total: number(|t| t.track_total()),
        disc_subtitle: text(ItemKey::SetSubtitle),
        duration_ms: (properties && !duration.is_zero() && duration < MAX_PLAUSIBLE)
            .then_some(duration.as_millis() as u64),
        format: format_name(file.file_type()).into(),
        sample_rate: props.sample_rate().filter(|r| *r > 0),
        bit_depth: props.bit_depth().map(u32::from).filter(|b| *b > 0),
        channels: props.channels().map(u32::from).filter(|c| *c > 0),
        composer: text(ItemKey::Composer),
        // TIT1 means grouping to most taggers and work to iTunes 12.6+; either way it
        // is evidence of the show, so both readings land here.
        grouping: text(ItemKey::ContentGroup).or_else(|| text(ItemKey::AppleId3v2ContentGroup)),
        work: text(ItemKey::Work),
        show: text(ItemKey::ShowName),
        series_tag: None,
        franchise: None,
        catalog: text(ItemKey::CatalogNumber),
        date: text(ItemKey::RecordingDate)
            .or_else(|| text(ItemKey::Year))
            .or_else(|| text(ItemKey::ReleaseDate))
            .or_else(|| text(ItemKey::OriginalReleaseDate)),
        genre: text(ItemKey::Genre),
        compilation: text(ItemKey::FlagCompilation).is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true")),
        rg_track_gain: text(ItemKey::ReplayGainTrackGain)
            .and_then(|v| parse_db(&v))
            .or_else(|| r128(text(ItemKey::R128TrackGain))),
        rg_track_peak: text(ItemKey::ReplayGainTrackPeak).and_then(|v| parse_db(&v)),
        rg_album_gain: text(ItemKey::ReplayGainAlbumGain)
            .and_then(|v| parse_db(&v))
            .or_else(|| r128(text(ItemKey::R128AlbumGain))),
        rg_album_peak: text(ItemKey::ReplayGainAlbumPeak).and_then(|v| parse_db(&v)),
        mb_recording_id: text(ItemKey::MusicBrainzRecordingId),
        mb_release_id: text(ItemKey::MusicBrainzReleaseId),
        has_lyrics: text(ItemKey::Lyrics).is_some() || text(ItemKey::UnsyncLyrics).is_some(),
        cover: has_picture.then(|| "embedded".into()),
        cue_index: 0,
        cue_start: None,
        cue_end: None,
    }
}

/// "-6.54 dB" → -6.54.
fn parse_db(v: &str) -> Option<f64> {
    let v = v.trim();
    let number = v
        .strip_suffix("dB")
        .or_else(|| v.strip_suffix("db"))
        .unwrap_or(v)
        .trim();
    number.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// R128 gains are Q7.8 integers relative to -23 LUFS; ReplayGain's reference is 5 dB louder.
fn r128(v: Option<CompactString>) -> Option<f64> {
    v.and_then(|v| v.trim().parse::<i32>().ok())
        .map(|q| f64::from(q) / 256.0 + 5.0)
}

fn format_name(t: FileType) -> &'static str {
    match t {
        FileType::Flac => "FLAC",
        FileType::Mpeg => "MP3",
        FileType::Vorbis => "Vorbis",
        FileType::Opus => "Opus",
        FileType::Mp4 => "MP4",
        FileType::Wav => "WAV",
        FileType::Aiff => "AIFF",
        FileType::Ape => "APE",
        FileType::WavPack => "WavPack",
        FileType::Aac => "AAC",
        FileType::Mpc => "Musepack",
        FileType::Speex => "Speex",
        _ => "other",
    }
}
