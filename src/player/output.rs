//! Where the engine's audio goes: the default device, or a mixer someone else pulls
//! (tests and benchmarks, with no sound card).
//!
//! The device path drives cpal (through rodio's re-export) with the queue source filled
//! a whole callback buffer at a time. rodio's mixer pulls every sample through a chain of
//! boxed iterators and polls a channel per sample; with a single source to play that
//! was two thirds of the process's CPU time (measured with perf on a 60 s FLAC).

use rodio::cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use rodio::cpal::{self, FromSample, SampleFormat, SizedSample, StreamConfig, SupportedStreamConfig};
use rodio::mixer::Mixer;

use super::queue_source::QueueSource;
use crate::error_chain::error_chain;

/// Most music is 44.1 kHz: running the device there avoids resampling it twice (here
/// and in the sound server). Devices that refuse get their default rate.
const PREFERRED_RATE: u32 = 44_100;

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

pub type ErrorCallback = Box<dyn FnMut(cpal::Error) + Send + 'static>;

/// An opened output, ready for a source. Dropping it closes the device.
pub struct Opened {
    pub sample_rate: u32,
    pub channels: u16,
    sink: Sink,
}

enum Sink {
    Mixer(Mixer),
    Device {
        device: cpal::Device,
        config: StreamConfig,
        format: SampleFormat,
        on_error: Option<ErrorCallback>,
        stream: Option<cpal::Stream>,
    },
}

/// Finds the output and its format. Device errors arrive later on cpal's thread,
/// through `on_error`.
pub fn open(output: &Output, on_error: ErrorCallback) -> Result<Opened, String> {
    match output {
        Output::Mixer {
            mixer,
            sample_rate,
            channels,
        } => Ok(Opened {
            sample_rate: *sample_rate,
            channels: *channels,
            sink: Sink::Mixer(mixer.clone()),
        }),
        Output::Device => {
            let device = cpal::default_host()
                .default_output_device()
                .ok_or_else(|| "the system reports no default output device".to_string())?;
            let supported = choose_config(&device)?;
            let config = supported.config();
            Ok(Opened {
                sample_rate: config.sample_rate,
                channels: config.channels,
                sink: Sink::Device {
                    device,
                    config,
                    format: supported.sample_format(),
                    on_error: Some(on_error),
                    stream: None,
                },
            })
        }
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

impl Opened {
    /// Starts playing `source`: into the mixer, or as the device stream's only source.
    pub fn attach(&mut self, source: QueueSource) -> Result<(), String> {
        match &mut self.sink {
            Sink::Mixer(mixer) => {
                mixer.add(source);
                Ok(())
            }
            Sink::Device {
                device,
                config,
                format,
                on_error,
                stream,
            } => {
                let on_error = on_error
                    .take()
                    .ok_or_else(|| "the output was already started".to_string())?;
                let built = build_stream(device, config, *format, source, on_error)?;
                built.play().map_err(|e| error_chain(&e))?;
                *stream = Some(built);
                Ok(())
            }
        }
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
    on_error: ErrorCallback,
) -> Result<cpal::Stream, String> {
    let mut scratch: Vec<f32> = Vec::new();
    device
        .build_output_stream::<T, _, _>(
            *config,
            move |data: &mut [T], _| {
                // Grows once to the callback size; no allocation after that.
                scratch.resize(data.len(), 0.0);
                source.fill(&mut scratch);
                for (out, &sample) in data.iter_mut().zip(&scratch) {
                    *out = T::from_sample(sample);
                }
            },
            on_error,
            None,
        )
        .map_err(|e| error_chain(&e))
}

/// Whether a stream error means the output must be rebuilt.
pub fn is_fatal(kind: rodio::CpalErrorKind) -> bool {
    use rodio::CpalErrorKind as K;
    matches!(
        kind,
        K::DeviceNotAvailable | K::StreamInvalidated | K::HostUnavailable | K::BackendError
    )
}
