//! Every text tag a file holds, read when the track info panel asks: the credits the
//! library doesn't keep (arranger, lyricist, conductor, performer, label…) come from
//! the file itself, so nothing a tagger wrote is hidden.

use std::path::Path;

use lofty::config::ParseOptions;
use lofty::file::TaggedFileExt;
use lofty::probe::Probe;
use lofty::tag::{ItemKey, ItemValue, Tag};

/// Keys the panel shows from the library already (title, artist, album, numbers, the
/// composer, ReplayGain…), or that are not for reading (sort keys, ids, lyrics text).
const SHOWN_ELSEWHERE: &[ItemKey] = &[
    ItemKey::TrackTitle,
    ItemKey::TrackArtist,
    ItemKey::TrackArtists,
    ItemKey::AlbumTitle,
    ItemKey::AlbumArtist,
    ItemKey::AlbumArtists,
    ItemKey::TrackNumber,
    ItemKey::TrackTotal,
    ItemKey::DiscNumber,
    ItemKey::DiscTotal,
    ItemKey::SetSubtitle,
    ItemKey::Composer,
    ItemKey::ContentGroup,
    ItemKey::Work,
    ItemKey::Genre,
    ItemKey::RecordingDate,
    ItemKey::Year,
    ItemKey::CatalogNumber,
    ItemKey::ReplayGainTrackGain,
    ItemKey::ReplayGainTrackPeak,
    ItemKey::ReplayGainAlbumGain,
    ItemKey::ReplayGainAlbumPeak,
    ItemKey::MusicBrainzRecordingId,
    ItemKey::Lyrics,
    ItemKey::AlbumTitleSortOrder,
    ItemKey::AlbumArtistSortOrder,
    ItemKey::TrackTitleSortOrder,
    ItemKey::TrackArtistSortOrder,
    ItemKey::ComposerSortOrder,
    ItemKey::ShowNameSortOrder,
];

/// `(name, value)` for each text tag in the file not shown from the library, the
/// primary tag's first, each pair once (an MP3's ID3v1 repeats its ID3v2).
pub fn read(path: &Path) -> Result<Vec<(String, String)>, String> {
    let why = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let file = Probe::open(path)
        .map_err(|e| why(&e))?
        .options(ParseOptions::new().read_properties(false))
        .guess_file_type()
        .map_err(|e| why(&e))?
        .read()
        .map_err(|e| why(&e))?;
    let primary = file.primary_tag().map(Tag::tag_type);
    let mut tags: Vec<&Tag> = file.primary_tag().into_iter().collect();
    tags.extend(file.tags().iter().filter(|t| Some(t.tag_type()) != primary));
    let mut out: Vec<(String, String)> = Vec::new();
    for tag in tags {
        for item in tag.items() {
            let key = item.key();
            if SHOWN_ELSEWHERE.contains(&key) {
                continue;
            }
            let ItemValue::Text(value) = item.value() else {
                continue;
            };
            let value = value.trim_matches(char::from(0)).trim();
            if value.is_empty() {
                continue;
            }
            let pair = (name(key), value.to_owned());
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    Ok(out)
}

/// A key as a person reads it: "Arranger", "Mix engineer", "Original lyricist".
fn name(key: ItemKey) -> String {
    match key {
        ItemKey::CopyrightMessage => "Copyright".into(),
        ItemKey::EncoderSoftware => "Encoded by (software)".into(),
        ItemKey::EncodedBy => "Encoded by".into(),
        ItemKey::MixDj => "Mix DJ".into(),
        ItemKey::Isrc => "ISRC".into(),
        ItemKey::Barcode => "Barcode".into(),
        ItemKey::Bpm | ItemKey::IntegerBpm => "BPM".into(),
        other => {
            // The variant's name, CamelCase split into a sentence.
            let debug = format!("{other:?}");
            let mut words = String::with_capacity(debug.len() + 4);
            for (i, c) in debug.chars().enumerate() {
                if i > 0 && c.is_uppercase() {
                    words.push(' ');
                    words.extend(c.to_lowercase());
                } else {
                    words.push(c);
                }
            }
            words
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_as_words() {
        assert_eq!(name(ItemKey::Arranger), "Arranger");
        assert_eq!(name(ItemKey::MixEngineer), "Mix engineer");
        assert_eq!(name(ItemKey::OriginalLyricist), "Original lyricist");
        assert_eq!(name(ItemKey::CopyrightMessage), "Copyright");
    }

    #[test]
    fn a_missing_file_is_a_sentence_with_its_path() {
        let why = read(Path::new("/nonexistent/x.flac")).err().unwrap_or_default();
        assert!(why.starts_with("/nonexistent/x.flac: "), "{why}");
    }
}
