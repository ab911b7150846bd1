//! One track's decoder: symphonia (plus libopus) with encoder delay and padding removed,
//! sample-exact seeking, and optional start/end bounds for CUE tracks.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::{CODEC_TYPE_NULL, CODEC_TYPE_OPUS, CODEC_TYPE_VORBIS, CodecRegistry, DecoderOptions};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::{FormatOptions, FormatReader, SeekMode, SeekTo};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::{MetadataOptions, MetadataRevision};
use symphonia::core::probe::Hint;
use symphonia::core::units::TimeBase;

use super::error::TrackError;
use super::format::SampleKind;
use super::replay_gain::GainTags;

/// Every codec symphonia brings, plus Opus through libopus.
static CODECS: LazyLock<CodecRegistry> = LazyLock::new(|| {
    let mut registry = CodecRegistry::new();
    symphonia::default::register_enabled_codecs(&mut registry);
    registry.register_all::<symphonia_adapter_libopus::OpusDecoder>();
    registry
});

/// Corrupt packets are skipped; this many in a row means the file is hopeless.
const MAX_CONSECUTIVE_DECODE_ERRORS: u32 = 64;

/// What the engine needs to know about a track once it is open.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackInfo {
    pub sample_rate: u32,
    pub channels: u16,
    /// Length of the playable range, when the container says.
    pub duration: Option<Duration>,
    pub gain_tags: GainTags,
    /// Gain the codec asks for on every file (Opus header output gain), in dB.
    pub header_gain_db: f32,
    /// The samples' format in the file, for bit-perfect output.
    pub sample: SampleKind,
}

pub struct Decoder {
    path: PathBuf,
    format: Box<dyn FormatReader>,
    codec: Box<dyn symphonia::core::codecs::Decoder>,
    track_id: u32,
    time_base: Option<TimeBase>,
    /// The stream's first timestamp; the demuxer refuses seeks before it.
    start_ts: u64,
    info: TrackInfo,
    /// Decoded interleaved samples not yet handed out, starting at `pending_pos`.
    pending: Vec<f32>,
    pending_pos: usize,
    /// File-timeline frame index of the sample at `pending_pos`.
    frame: u64,
    /// Frames before this are dropped (seek target or CUE start).
    skip_to: u64,
    start_frame: u64,
    /// Frames faded in after `start_frame` and out before `end_frame` (a cut).
    fade_frames: u64,
    end_frame: Option<u64>,
    sample_buf: Option<SampleBuffer<f32>>,
    done: bool,
    ogg: Option<OggTiming>,
}

/// symphonia 0.5's Ogg demuxer leaves Vorbis start trimming and the Opus pre-skip to
/// the caller (and mis-times the first page), so for Ogg streams the decoder counts
/// decoded frames itself and applies the Ogg rules: the granule position of the last
/// page ends the stream, and Opus discards its pre-skip (RFC 7845 §4.2).
/// A packet's ts is its decoded index (granule-based, pre-skip included).
#[derive(Debug, Clone, Copy)]
struct OggTiming {
    /// Decoded frames before the first playable one.
    discard: u64,
    /// Index (in decoded frames) of the next frame the codec returns; unknown right after a seek.
    decoded: Option<u64>,
    /// How far before a seek target decoding restarts. The demuxer hands back the packet
    /// holding the target, but a Vorbis decoder only primes its overlap on the first
    /// packet after a reset (so that packet's audio would be lost), and Opus needs
    /// 80 ms to converge (RFC 7845 §4.6).
    preroll: u64,
}

impl OggTiming {
    fn from_start(discard: u64, preroll: u64) -> Self {
        Self {
            discard,
            decoded: Some(0),
            preroll,
        }
    }
}

/// Two of the longest Vorbis packets (blocksize 8192 overlaps 4096 frames).
const VORBIS_PREROLL: u64 = 8192;
/// 80 ms at Opus's 48 kHz.
const OPUS_PREROLL: u64 = 3840;

impl Decoder {
    /// Opens, probes (by content, the extension is only a hint) and primes the decoder
    /// with its first packet, so a file that cannot play fails here and not mid-queue.
    /// A panic inside symphonia (a zero MP4 timescale reaches `TimeBase::new`'s
    /// assertion) is this file's error, not the end of the playback thread.
    pub fn open(path: &Path, start: Option<Duration>, end: Option<Duration>) -> Result<Self, TrackError> {
        std::panic::catch_unwind(|| Self::open_unguarded(path, start, end)).unwrap_or_else(|panic| {
            Err(TrackError::new(
                path,
                format!("the decoder crashed on this file ({})", panic_text(&*panic)),
            ))
        })
    }

    fn open_unguarded(path: &Path, start: Option<Duration>, end: Option<Duration>) -> Result<Self, TrackError> {
        let fail = |reason: String| TrackError::new(path, reason);
        let file = File::open(path).map_err(|e| fail(format!("cannot open: {e}")))?;
        let mss = MediaSourceStream::new(Box::new(file), Default::default());
        let mut hint = Hint::new();
        if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
            hint.with_extension(ext);
        }
        let format_options = FormatOptions {
            enable_gapless: true,
            ..Default::default()
        };
        let mut probed = symphonia::default::get_probe()
            .format(&hint, mss, &format_options, &MetadataOptions::default())
            .map_err(|e| fail(format!("not a playable audio file ({})", describe(&e))))?;

        let mut gain_tags = GainTags::default();
        if let Some(rev) = probed.metadata.get().as_ref().and_then(|m| m.current().cloned()) {
            absorb_tags(&mut gain_tags, &rev);
        }
        if let Some(rev) = probed.format.metadata().current() {
            absorb_tags(&mut gain_tags, rev);
        }

        let format = probed.format;
        let track = format
            .tracks()
            .iter()
            .find(|t| t.codec_params.codec != CODEC_TYPE_NULL)
            .ok_or_else(|| fail("no audio track".into()))?;
        let track_id = track.id;
        let mut params = track.codec_params.clone();
        let time_base = params.time_base;
        let n_frames = params.n_frames;
        let mut header_gain_db = 0.0;
        let mut ogg = None;
        let mut playable = n_frames;
        if params.codec == CODEC_TYPE_VORBIS {
            // symphonia derives a start delay for Vorbis from its own packet-duration
            // estimate, which is off (a libvorbis stream that starts at granule 0 came
            // out 7-87 frames late, measured against the source). Encoders start at 0;
            // the last page's granule position still ends the stream exactly.
            ogg = Some(OggTiming::from_start(0, VORBIS_PREROLL));
        }
        if let Some(head) = params.extra_data.as_deref().filter(|d| d.starts_with(b"OpusHead")) {
            let pre_skip = head.get(10..12).map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
            if head.len() >= 18 {
                header_gain_db = f32::from(i16::from_le_bytes([head[16], head[17]])) / 256.0;
            }
            ogg = Some(OggTiming::from_start(u64::from(pre_skip), OPUS_PREROLL));
            playable = n_frames.map(|n| n.saturating_sub(u64::from(pre_skip)));
            // We trim the pre-skip ourselves; the libopus adapter would trim it again.
            params.extra_data = None;
        } else if params.codec == CODEC_TYPE_OPUS {
            ogg = Some(OggTiming::from_start(0, OPUS_PREROLL));
        }
        let codec = CODECS
            .make(&params, &DecoderOptions::default())
            .map_err(|e| fail(format!("unsupported codec ({})", describe(&e))))?;
        let sample_rate = params.sample_rate.unwrap_or(0);
        let channels = params.channels.map_or(0, |c| c.count() as u16);
        let sample = SampleKind::of_codec(&params);

        let mut decoder = Self {
            path: path.to_path_buf(),
            format,
            codec,
            track_id,
            time_base,
            start_ts: params.start_ts,
            info: TrackInfo {
                sample_rate,
                channels,
                duration: None,
                gain_tags,
                header_gain_db,
                sample,
            },
            pending: Vec::new(),
            pending_pos: 0,
            frame: 0,
            skip_to: 0,
            start_frame: 0,
            fade_frames: 0,
            end_frame: None,
            sample_buf: None,
            done: false,
            ogg,
        };
        // The first packet tells the real rate and channel count (AAC and others
        // leave them open until then).
        if !decoder.decode_packet()? {
            return Err(fail("no audio in the file".into()));
        }
        let rate = decoder.info.sample_rate;
        if rate == 0 || decoder.info.channels == 0 {
            return Err(fail("the stream has no sample rate or channels".into()));
        }
        let total = playable.map(|n| decoder.ts_to_frames(n));
        decoder.start_frame = start.map_or(0, |s| duration_to_frames(s, rate));
        decoder.end_frame = match (end.map(|e| duration_to_frames(e, rate)), total) {
            (Some(e), Some(t)) => Some(e.min(t)),
            (e, t) => e.or(t),
        };
        decoder.info.duration = decoder
            .end_frame
            .map(|e| frames_to_duration(e.saturating_sub(decoder.start_frame), rate));
        if decoder.start_frame > 0 {
            decoder.seek(Duration::ZERO)?;
        }
        Ok(decoder)
    }

    pub fn info(&self) -> &TrackInfo {
        &self.info
    }

    /// The gains to play with, where the analysis or a setting overrules the tags.
    pub fn set_gain_tags(&mut self, tags: GainTags) {
        self.info.gain_tags = tags;
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Position inside the track (relative to its start), of the next frame `read` returns.
    pub fn position(&self) -> Duration {
        frames_to_duration(
            self.frame.max(self.skip_to).saturating_sub(self.start_frame),
            self.info.sample_rate,
        )
    }

    /// Seeks so that the next frame read is exactly `to` (relative to the track's start).
    pub fn seek(&mut self, to: Duration) -> Result<(), TrackError> {
        let rate = self.info.sample_rate;
        let mut target = self.start_frame + duration_to_frames(to, rate);
        if let Some(end) = self.end_frame {
            target = target.min(end);
        }
        let ts = match &mut self.ogg {
            Some(ogg) => {
                ogg.decoded = None;
                (target + ogg.discard).saturating_sub(ogg.preroll).max(self.start_ts)
            }
            None => self.frames_to_ts(target),
        };
        let seeked = self.format.seek(
            SeekMode::Accurate,
            SeekTo::TimeStamp {
                ts,
                track_id: self.track_id,
            },
        );
        self.codec.reset();
        self.pending.clear();
        self.pending_pos = 0;
        self.done = false;
        match seeked {
            Ok(_) => {}
            // Past the end: the track simply ends.
            Err(SymphoniaError::SeekError(_)) => self.done = true,
            Err(e) => return Err(TrackError::new(&self.path, format!("seek failed ({})", describe(&e)))),
        }
        self.skip_to = target;
        self.frame = target;
        Ok(())
    }

    /// `decode_packet`, a codec's panic made this file's error; the track ends there.
    fn guarded_packet(&mut self) -> Result<bool, TrackError> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.decode_packet())) {
            Ok(decoded) => decoded,
            Err(panic) => {
                self.done = true;
                Err(TrackError::new(
                    &self.path,
                    format!("the decoder crashed on this file ({})", panic_text(&*panic)),
                ))
            }
        }
    }

    /// Fades the track in over `length` from its start and out over `length` before its
    /// end: a cut from a longer track must not click.
    pub fn set_edge_fades(&mut self, length: Duration) {
        self.fade_frames = duration_to_frames(length, self.info.sample_rate);
    }

    /// Scales the frames just appended to `out` (the last `frames`, the first of them
    /// file frame `first`) by the edge fades.
    fn fade_edges(&self, out: &mut [f32], first: u64, frames: usize) {
        let fade = self.fade_frames;
        let channels = usize::from(self.info.channels);
        let start = out.len() - frames * channels;
        for (k, frame) in out[start..].chunks_exact_mut(channels).enumerate() {
            let at = first + k as u64;
            let from_start = at.saturating_sub(self.start_frame);
            let to_end = self.end_frame.map_or(u64::MAX, |e| e.saturating_sub(at + 1));
            let edge = from_start.min(to_end);
            if edge < fade {
                let gain = edge as f32 / fade as f32;
                frame.iter_mut().for_each(|s| *s *= gain);
            }
        }
    }

    /// Appends up to `max_frames` interleaved frames to `out`; returns how many.
    /// Zero means the track has ended.
    pub fn read(&mut self, out: &mut Vec<f32>, max_frames: usize) -> Result<usize, TrackError> {
        let channels = usize::from(self.info.channels);
        let mut written = 0;
        while written < max_frames {
            if self.pending_pos >= self.pending.len() {
                if self.done || !self.guarded_packet()? {
                    self.done = true;
                    break;
                }
                continue;
            }
            let available = (self.pending.len() - self.pending_pos) / channels;
            let mut take = available.min(max_frames - written);
            if let Some(end) = self.end_frame {
                let left = end.saturating_sub(self.frame);
                if left == 0 {
                    self.done = true;
                    self.pending.clear();
                    self.pending_pos = 0;
                    break;
                }
                take = take.min(usize::try_from(left).unwrap_or(usize::MAX));
            }
            let from = self.pending_pos;
            let to = from + take * channels;
            out.extend_from_slice(&self.pending[from..to]);
            if self.fade_frames > 0 {
                self.fade_edges(out, self.frame, take);
            }
            self.pending_pos = to;
            self.frame += take as u64;
            written += take;
        }
        Ok(written)
    }

    /// Decodes the next packet of our track into `pending`, dropping frames before
    /// `skip_to`. Returns false at the end of the stream.
    fn decode_packet(&mut self) -> Result<bool, TrackError> {
        let mut errors = 0;
        loop {
            let packet = match self.format.next_packet() {
                Ok(p) => p,
                Err(SymphoniaError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    return Ok(false);
                }
                // A chained stream (a new logical Ogg stream) ends this track.
                Err(SymphoniaError::ResetRequired) => return Ok(false),
                Err(e) => {
                    errors += 1;
                    if errors > MAX_CONSECUTIVE_DECODE_ERRORS || matches!(e, SymphoniaError::IoError(_)) {
                        return Err(TrackError::new(&self.path, format!("read error ({})", describe(&e))));
                    }
                    continue;
                }
            };
            if packet.track_id() != self.track_id {
                continue;
            }
            let ts = packet.ts();
            let ts_frames = self.ts_to_frames(ts);
            let decoded = match self.codec.decode(&packet) {
                Ok(d) => d,
                Err(SymphoniaError::DecodeError(_)) | Err(SymphoniaError::IoError(_)) => {
                    errors += 1;
                    if errors > MAX_CONSECUTIVE_DECODE_ERRORS {
                        return Err(TrackError::new(&self.path, "too many corrupt packets in a row"));
                    }
                    continue;
                }
                Err(e) => {
                    return Err(TrackError::new(&self.path, format!("decode error ({})", describe(&e))));
                }
            };
            let spec = *decoded.spec();
            let frames = decoded.frames();
            if self.info.sample_rate == 0 {
                self.info.sample_rate = spec.rate;
            }
            if self.info.channels == 0 {
                self.info.channels = spec.channels.count() as u16;
            }
            if spec.channels.count() != usize::from(self.info.channels) || spec.rate != self.info.sample_rate {
                // A mid-stream format change would be played at the wrong speed; stop instead.
                return Ok(false);
            }
            if frames == 0 {
                continue;
            }
            // Where this packet's first frame sits on the playable timeline (it may be
            // before the start: negative).
            let packet_frame: i128 = match &mut self.ogg {
                Some(ogg) => {
                    let index = ogg.decoded.unwrap_or(ts);
                    ogg.decoded = Some(index + frames as u64);
                    i128::from(index) - i128::from(ogg.discard)
                }
                None => i128::from(ts_frames),
            };
            let buf = match &mut self.sample_buf {
                Some(b) if b.capacity() >= frames * spec.channels.count() => b,
                slot => slot.insert(SampleBuffer::new(frames as u64, spec)),
            };
            buf.copy_interleaved_ref(decoded);
            let samples = buf.samples();
            let channels = spec.channels.count();
            let skip = usize::try_from((i128::from(self.skip_to) - packet_frame).max(0))
                .unwrap_or(usize::MAX)
                .min(frames);
            if skip == frames {
                continue;
            }
            self.pending.clear();
            self.pending
                .extend_from_slice(&samples[skip * channels..frames * channels]);
            self.pending_pos = 0;
            self.frame = (packet_frame + skip as i128).max(0) as u64;
            return Ok(true);
        }
    }

    fn ts_to_frames(&self, ts: u64) -> u64 {
        match self.rescaling() {
            Some((tb, rate)) => (u128::from(ts) * u128::from(tb.numer) * rate / u128::from(tb.denom)) as u64,
            None => ts,
        }
    }

    fn frames_to_ts(&self, frames: u64) -> u64 {
        match self.rescaling() {
            Some((tb, rate)) => (u128::from(frames) * u128::from(tb.denom) / (u128::from(tb.numer) * rate)) as u64,
            None => frames,
        }
    }

    /// The time base and rate when timestamps are not already in frames.
    fn rescaling(&self) -> Option<(TimeBase, u128)> {
        let rate = self.info.sample_rate;
        self.time_base
            .filter(|tb| rate > 0 && !(tb.numer == 1 && tb.denom == rate))
            .map(|tb| (tb, u128::from(rate)))
    }
}

fn absorb_tags(tags: &mut GainTags, revision: &MetadataRevision) {
    for tag in revision.tags() {
        tags.absorb(&tag.key, &tag.value.to_string());
    }
}

/// symphonia's errors are terse; spell out the common ones.
fn describe(e: &SymphoniaError) -> String {
    match e {
        SymphoniaError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the file ends too early".into()
        }
        SymphoniaError::Unsupported(what) => format!("unsupported: {what}"),
        SymphoniaError::DecodeError(what) => format!("malformed data: {what}"),
        other => other.to_string(),
    }
}

pub fn duration_to_frames(d: Duration, rate: u32) -> u64 {
    (d.as_nanos() * u128::from(rate)).div_ceil(1_000_000_000) as u64
}

pub fn frames_to_duration(frames: u64, rate: u32) -> Duration {
    if rate == 0 {
        return Duration::ZERO;
    }
    Duration::from_nanos((u128::from(frames) * 1_000_000_000 / u128::from(rate)) as u64)
}

/// What a caught panic said.
pub(crate) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into())
}
