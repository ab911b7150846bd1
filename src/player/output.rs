//! Where the engine's audio goes: the default device, or a mixer someone else pulls
//! (tests and benchmarks, with no sound card).

use rodio::mixer::Mixer;
use rodio::{DeviceSinkBuilder, MixerDeviceSink};

const PREFERRED_RATE: std::num::NonZero<u32> = std::num::NonZero::new(44_100).unwrap();

pub enum Output {
    /// The system's default output device.
    Device,
    /// A mixer created with `rodio::mixer::mixer(channels, sample_rate)`; the caller
    /// pulls samples from its source.
    Mixer {
        mixer: Mixer,
        sample_rate: u32,
        channels: u16,
    },
}

/// An opened output. Dropping it closes the device.
pub struct Opened {
    pub mixer: Mixer,
    pub sample_rate: u32,
    pub channels: u16,
    _sink: Option<MixerDeviceSink>,
}

/// Device errors arrive on cpal's thread; they are forwarded to the engine as text and
/// a flag telling whether the stream is gone.
pub fn open(
    output: &Output,
    on_error: impl FnMut(rodio::CpalError) + Send + Clone + 'static,
) -> Result<Opened, String> {
    match output {
        Output::Mixer {
            mixer,
            sample_rate,
            channels,
        } => Ok(Opened {
            mixer: mixer.clone(),
            sample_rate: *sample_rate,
            channels: *channels,
            _sink: None,
        }),
        Output::Device => {
            // Most music is 44.1 kHz: running the device there avoids resampling it
            // twice (here and in the sound server). Devices that refuse get their default.
            let preferred = DeviceSinkBuilder::from_default_device().and_then(|b| {
                b.with_sample_rate(PREFERRED_RATE)
                    .with_error_callback(on_error.clone())
                    .open_stream()
            });
            let mut sink = match preferred {
                Ok(sink) => sink,
                Err(_) => DeviceSinkBuilder::from_default_device()
                    .and_then(|b| b.with_error_callback(on_error).open_sink_or_fallback())
                    .map_err(|e| error_chain(&e))?,
            };
            sink.log_on_drop(false);
            let config = sink.config();
            Ok(Opened {
                mixer: sink.mixer().clone(),
                sample_rate: config.sample_rate().get(),
                channels: config.channel_count().get(),
                _sink: Some(sink),
            })
        }
    }
}

/// Whether a stream error means the output must be rebuilt.
pub fn is_fatal(kind: rodio::CpalErrorKind) -> bool {
    use rodio::CpalErrorKind as K;
    matches!(
        kind,
        K::DeviceNotAvailable | K::StreamInvalidated | K::HostUnavailable | K::BackendError
    )
}

pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text.push_str(": ");
            text.push_str(&s_text);
        }
        source = s.source();
    }
    text
}
