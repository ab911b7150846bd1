//! Where the engine's audio goes: the default device, or a mixer someone else pulls
//! (tests and benchmarks, with no sound card).
//!
//! The device is reached through the sound server's own protocol when one runs
//! (PulseAudio, or PipeWire's pulse layer; see `pulse.rs`), else through ALSA with cpal.
//!
//! The ALSA stream is filled a whole callback buffer at a time: rodio's mixer pulls every
//! sample through a chain of boxed iterators and polls a channel per sample; with a
//! single source to play that was two thirds of the process's CPU time (measured with
//! perf on a 60 s FLAC). The stream exists only while something plays.

use rodio::cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use rodio::cpal::{self, FromSample, SampleFormat, SizedSample, StreamConfig, SupportedStreamConfig};
use rodio::mixer::Mixer;

use super::format::{SampleKind, StreamFormat};
use super::pulse;
use super::queue_source::QueueSource;
use crate::error_chain::error_chain;

/// Most music is 44.1 kHz: running the device there avoids resampling it twice (here
/// and in the sound server). Devices that refuse get their default rate.
const PREFERRED_RATE: u32 = 44_100;
/// Chooses the sound system: `pulse`, `alsa`, or unset for the first that answers.
pub const BACKEND_VAR: &str = "LEITMOTIF_AUDIO";

pub enum Output {
    /// The system's default output device.
    Device,
    /// The output device of this name (a sound server's sink, an ALSA device), as
    /// `devices::list` names it.
    Named(String),
    /// A mixer created with `rodio::mixer::mixer(channels, sample_rate)`; the caller
    /// pulls samples from its source.
    Mixer {
        mixer: Mixer,
        sample_rate: u32,
        channels: u16,
    },
}

/// The sound system a device output goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    PulseAudio,
    Alsa,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::PulseAudio => "PulseAudio",
            Backend::Alsa => "ALSA",
        }
    }
}

/// Told why the output failed; called at most for errors that need the output rebuilt.
pub type ErrorCallback = Box<dyn FnMut(String) + Send + 'static>;

/// An opened output: the device found and its format chosen, with no stream running
/// until [`Opened::start`]. Dropping it closes the device.
pub struct Opened {
    pub sample_rate: u32,
    pub channels: u16,
    /// How samples reach the device (floats unless a bit-perfect format was asked for).
    pub sample: SampleKind,
    pub backend: Option<Backend>,
    sink: Sink,
}

enum Sink {
    Mixer(Mixer),
    Pulse {
        device: Option<String>,
        stream: Option<pulse::Stream>,
    },
    Device {
        device: cpal::Device,
        config: StreamConfig,
        format: SampleFormat,
        stream: Option<cpal::Stream>,
    },
}

/// Finds the output and its format: `want` (a track's own, for bit-perfect output) when
/// the device takes it, else the usual one.
pub fn open(output: &Output, want: Option<StreamFormat>) -> Result<Opened, String> {
    match output {
        Output::Mixer {
            mixer,
            sample_rate,
            channels,
        } => Ok(Opened {
            sample_rate: *sample_rate,
            channels: *channels,
            sample: SampleKind::F32,
            backend: None,
            sink: Sink::Mixer(mixer.clone()),
        }),
        Output::Device => open_device(None, want),
        Output::Named(name) => open_device(Some(name), want),
    }
}

fn open_device(name: Option<&str>, want: Option<StreamFormat>) -> Result<Opened, String> {
    let choice = backend_choice()?;
    // A sound server takes any format and converts what its device can't: the stream
    // is opened as asked, and the server resamples only if the device can't follow.
    let format = want.unwrap_or(StreamFormat {
        rate: PREFERRED_RATE,
        channels: 2,
        sample: SampleKind::F32,
    });
    let pulse = match choice {
        Some(Backend::PulseAudio) => Some(pulse::probe(format, name)),
        Some(Backend::Alsa) => None,
        // With a server there, ALSA's default leads to it too, through the
        // plugin that stalls: a server that refuses is reported, and retried.
        None => pulse::server_present().then(|| pulse::probe(format, name)),
    };
    if let Some(probed) = pulse {
        probed.map_err(|e| match name {
            Some(name) => format!("{e} (device \"{name}\")"),
            None => e,
        })?;
        return Ok(Opened {
            sample_rate: format.rate,
            channels: format.channels,
            sample: format.sample,
            backend: Some(Backend::PulseAudio),
            sink: Sink::Pulse {
                device: name.map(str::to_owned),
                stream: None,
            },
        });
    }
    let host = cpal::default_host();
    let device = match name {
        None => host
            .default_output_device()
            .ok_or_else(|| "ALSA reports no default output device".to_string())?,
        Some(name) => host
            .output_devices()
            .map_err(|e| error_chain(&e))?
            .find(|d| d.to_string() == name)
            .ok_or_else(|| format!("no output device \"{name}\" (leitmotif devices lists them)"))?,
    };
    let supported = match want.and_then(|want| exact_config(&device, want)) {
        Some(exact) => exact,
        None => choose_config(&device)?,
    };
    let config = supported.config();
    Ok(Opened {
        sample_rate: config.sample_rate,
        channels: config.channels,
        sample: match supported.sample_format() {
            SampleFormat::I16 => SampleKind::I16,
            SampleFormat::I32 if want.is_some_and(|w| w.sample == SampleKind::I24) => SampleKind::I24,
            SampleFormat::I32 => SampleKind::I32,
            _ => SampleKind::F32,
        },
        backend: Some(Backend::Alsa),
        sink: Sink::Device {
            device,
            config,
            format: supported.sample_format(),
            stream: None,
        },
    })
}

/// `LEITMOTIF_AUDIO` (`pulse` or `alsa`) chooses the sound system, for tests and for
/// users whose server misbehaves; unset (or `auto`), the server when one runs.
fn backend_choice() -> Result<Option<Backend>, String> {
    let wanted = std::env::var(BACKEND_VAR).unwrap_or_default().to_ascii_lowercase();
    match wanted.as_str() {
        "pulse" | "pulseaudio" | "pipewire" => Ok(Some(Backend::PulseAudio)),
        "alsa" => Ok(Some(Backend::Alsa)),
        "" | "auto" => Ok(None),
        other => Err(format!("{BACKEND_VAR}={other}: expected pulse, alsa or auto")),
    }
}

/// The device's default format, moved to 44.1 kHz when a configuration with the same
/// channels and sample format allows it.
fn choose_config(device: &cpal::Device) -> Result<SupportedStreamConfig, String> {
    let default = device.default_output_config().map_err(|e| error_chain(&e))?;
    if default.sample_rate() == PREFERRED_RATE {
        return Ok(default);
    }
    let preferred = device.supported_output_configs().ok().and_then(|mut ranges| {
        ranges.find_map(|r| {
            (r.channels() == default.channels() && r.sample_format() == default.sample_format())
                .then(|| r.try_with_sample_rate(PREFERRED_RATE))
                .flatten()
        })
    });
    Ok(preferred.unwrap_or(default))
}

/// A configuration at `want`'s rate and channels, in its sample format if the device
/// has it (24-bit in 32-bit words: cpal scales floats to the word's full range, which
/// puts a 24-bit sample in its top bits, exactly), else in floats.
fn exact_config(device: &cpal::Device, want: StreamFormat) -> Option<SupportedStreamConfig> {
    let native = match want.sample {
        SampleKind::I16 => SampleFormat::I16,
        SampleKind::I24 | SampleKind::I32 => SampleFormat::I32,
        SampleKind::F32 => SampleFormat::F32,
    };
    let ranges: Vec<_> = device.supported_output_configs().ok()?.collect();
    let at_rate = |format: SampleFormat| {
        ranges.iter().find_map(|r| {
            (r.channels() == want.channels && r.sample_format() == format)
                .then(|| r.try_with_sample_rate(want.rate))
                .flatten()
        })
    };
    at_rate(native).or_else(|| at_rate(SampleFormat::F32))
}

impl Opened {
    /// The format the stream carries.
    pub fn format(&self) -> StreamFormat {
        StreamFormat {
            rate: self.sample_rate,
            channels: self.channels,
            sample: self.sample,
        }
    }

    /// Starts playing `source`: into the mixer, or on a new device stream as its only
    /// source. Device errors arrive later on the stream's thread, through `on_error`.
    pub fn start(&mut self, source: QueueSource, on_error: ErrorCallback) -> Result<(), String> {
        let format = self.format();
        match &mut self.sink {
            Sink::Mixer(mixer) => {
                mixer.add(source);
                Ok(())
            }
            Sink::Pulse { device, stream } => {
                *stream = None;
                *stream = Some(pulse::start(format, device.as_deref(), source, on_error)?);
                Ok(())
            }
            Sink::Device {
                device,
                config,
                format,
                stream,
            } => {
                // The old stream goes first: a sound server may not take two at once.
                *stream = None;
                let built = build_stream(device, config, *format, source, on_error)?;
                built.play().map_err(|e| error_chain(&e))?;
                *stream = Some(built);
                Ok(())
            }
        }
    }

    /// Closes the device stream, so nothing runs while nothing plays. A mixer's source
    /// is let go through its `Shared::detach` instead.
    pub fn stop(&mut self) {
        match &mut self.sink {
            Sink::Device { stream, .. } => *stream = None,
            Sink::Pulse { stream, .. } => *stream = None,
            Sink::Mixer(_) => {}
        }
    }

    /// A real device, which calls back on its own clock (a mixer is pulled at will).
    pub fn is_device(&self) -> bool {
        !matches!(self.sink, Sink::Mixer(_))
    }
}

fn build_stream(
    device: &cpal::Device,
    config: &StreamConfig,
    format: SampleFormat,
    source: QueueSource,
    on_error: ErrorCallback,
) -> Result<cpal::Stream, String> {
    match format {
        SampleFormat::F32 => typed_stream::<f32>(device, config, source, on_error),
        SampleFormat::F64 => typed_stream::<f64>(device, config, source, on_error),
        SampleFormat::I16 => typed_stream::<i16>(device, config, source, on_error),
        SampleFormat::I32 => typed_stream::<i32>(device, config, source, on_error),
        SampleFormat::U16 => typed_stream::<u16>(device, config, source, on_error),
        SampleFormat::U8 => typed_stream::<u8>(device, config, source, on_error),
        SampleFormat::I8 => typed_stream::<i8>(device, config, source, on_error),
        other => Err(format!("the device's sample format {other} is not supported")),
    }
}

fn typed_stream<T: SizedSample + FromSample<f32> + Send + 'static>(
    device: &cpal::Device,
    config: &StreamConfig,
    mut source: QueueSource,
    mut on_error: ErrorCallback,
) -> Result<cpal::Stream, String> {
    let mut scratch: Vec<f32> = Vec::new();
    device
        .build_output_stream::<T, _, _>(
            *config,
            move |data: &mut [T], info: &cpal::OutputCallbackInfo| {
                let stamp = info.timestamp();
                let delay = stamp.playback.duration_since(stamp.callback);
                // Grows once to the callback size; no allocation after that.
                scratch.resize(data.len(), 0.0);
                source.fill_timed(&mut scratch, delay);
                for (out, &sample) in data.iter_mut().zip(&scratch) {
                    *out = T::from_sample(sample);
                }
            },
            move |e: cpal::Error| {
                if is_fatal(e.kind()) {
                    on_error(error_chain(&e));
                }
            },
            None,
        )
        .map_err(|e| error_chain(&e))
}

/// Whether a stream error means the output must be rebuilt.
fn is_fatal(kind: cpal::ErrorKind) -> bool {
    use cpal::ErrorKind as K;
    matches!(
        kind,
        K::DeviceNotAvailable | K::StreamInvalidated | K::HostUnavailable | K::BackendError
    )
}
