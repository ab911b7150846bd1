//! What a track *is*, whatever its file is called or tagged: FLAC's STREAMINFO MD5 of
//! the decoded audio where the encoder set it, else a hash of the first encoded audio
//! packets with the length in frames. Tags live outside the packets in every container
//! read here (Vorbis comments, ID3, MP4 atoms), so a re-tag or a move keeps the key;
//! a re-encode changes it, as it should.
//!
//! Reading the key costs a probe and a few kilobytes, so it is taken on demand: when a
//! scene, character or label refers to a track, and when such a reference no longer
//! matches by its tags.

use std::fs::File;
use std::path::Path;

use symphonia::core::codecs::{CODEC_TYPE_NULL, VerificationCheck};
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// Enough packets to be distinct (a second or so of MP3 or Vorbis), few enough to be cheap.
const PACKETS: usize = 48;

/// The audio key of the file at `path`; for a CUE track, `cue_index` tells the tracks
/// of one image apart. Errors say why the file could not be read.
pub fn audio_key(path: &Path, cue_index: u32) -> Result<String, String> {
    crate::io_guard::check("reading a file's audio");
    let file = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mss = MediaSourceStream::new(Box::new(file), Default::default());
    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    let probed = symphonia::default::get_probe()
        .format(&hint, mss, &FormatOptions::default(), &MetadataOptions::default())
        .map_err(|e| format!("{}: not a readable audio file ({e})", path.display()))?;
    let mut format = probed.format;
    let track = format
        .tracks()
        .iter()
        .find(|t| t.codec_params.codec != CODEC_TYPE_NULL)
        .ok_or_else(|| format!("{}: no audio track", path.display()))?;
    let id = track.id;
    let frames = track.codec_params.n_frames.unwrap_or(0);
    let cue = if cue_index > 0 {
        format!("#{cue_index}")
    } else {
        String::new()
    };
    if let Some(VerificationCheck::Md5(md5)) = track.codec_params.verification_check
        && md5 != [0; 16]
    {
        let hex: String = md5.iter().map(|b| format!("{b:02x}")).collect();
        return Ok(format!("md5:{hex}{cue}"));
    }
    let mut hasher = blake3::Hasher::new();
    let mut taken = 0;
    while taken < PACKETS {
        match format.next_packet() {
            Ok(p) if p.track_id() == id => {
                hasher.update(&p.data);
                taken += 1;
            }
            Ok(_) => {}
            // A short file ends before PACKETS: what was read is the key.
            Err(_) => break,
        }
    }
    if taken == 0 {
        return Err(format!("{}: no audio packets", path.display()));
    }
    let hash = hasher.finalize();
    let short: String = hash.as_bytes()[..12].iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("pkt:{short}:{frames}{cue}"))
}
