//! A synthetic soundtrack library of any size, shaped like the real thing (series of
//! OST parts and a score, Hangul and kana titles), for the window's benchmarks.

use std::path::PathBuf;

use leitmotif::library::model::Library;
use leitmotif::store::{StoredTrack, TrackFields};

pub fn library(tracks: usize) -> Library {
    let stored = (0..tracks)
        .map(|i| {
            let album = i / 12;
            let series = album / 8;
            let kind = if album % 8 == 7 {
                "Original Score".to_owned()
            } else {
                format!("OST Part.{}", album % 8 + 1)
            };
            let title = format!("{} 별처럼 {}", ["Stay", "夢の続き", "Main Theme"][i % 3], i % 12);
            StoredTrack {
                added_at: None,
                id: i as i64,
                path: format!("/music/시리즈 {series}/Album {album}/{:02}. {title}.flac", i % 12 + 1),
                available: true,
                fields: TrackFields {
                    title: Some(title.into()),
                    artist: Some(format!("Singer {}", i % 977).into()),
                    album_artist: Some("Various Artists".into()),
                    album: Some(format!("시리즈 {series} {kind}").into()),
                    track: Some((i % 12 + 1) as u32),
                    duration_ms: Some(180_000),
                    format: "FLAC".into(),
                    composer: Some(format!("Composer {}", series % 300).into()),
                    catalog: Some(format!("CAT-{album}").into()),
                    ..Default::default()
                },
            }
        })
        .collect();
    Library::build(stored, &[PathBuf::from("/music")], &Default::default())
}
