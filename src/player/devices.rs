//! The output devices a person can choose from: the sound server's sinks where one
//! runs (PulseAudio, or PipeWire's pulse layer), else ALSA's devices.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use libpulse_binding::callbacks::ListResult;
use libpulse_binding::context::{Context, FlagSet, State};
use libpulse_binding::mainloop::standard::{IterateResult, Mainloop};
use libpulse_binding::operation::State as OpState;
use libpulse_binding::sample::Format;
use libpulse_binding::volume::Volume;
use rodio::cpal;
use rodio::cpal::traits::{DeviceTrait, HostTrait};
use serde::Serialize;

use super::format::{SampleKind, StreamFormat, khz};
use super::pulse;

/// Longest wait for the server's answers.
const ANSWER_WITHIN: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceInfo {
    /// What `--device` and the setting take: the sink's or ALSA device's name.
    pub name: String,
    /// What a person reads ("Built-in Audio Analog Stereo").
    pub description: String,
    /// The system's default output now.
    pub default: bool,
    /// How a sound server's sink runs now (ALSA's devices take the stream's own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runs_at: Option<SinkFormat>,
}

/// A sink's own sample format and volume: what a stream is converted to, and scaled by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SinkFormat {
    pub rate: u32,
    /// The server's name for it ("s24-32le", "float32le").
    pub format: String,
    /// Bits of a sample that survive: 16, 24, 32 (float: its 24-bit mantissa).
    pub bits: u32,
    pub float: bool,
    /// The sink's volume, in percent of unity.
    pub volume_percent: u32,
}

impl SinkFormat {
    /// Why a stream in `stream` does not reach this sink untouched, if it doesn't.
    pub fn changes(&self, stream: StreamFormat) -> Option<String> {
        let exact = match stream.sample {
            SampleKind::I16 => self.bits >= 16,
            SampleKind::I24 => self.bits >= 24,
            SampleKind::I32 => self.bits >= 32 && !self.float,
            SampleKind::F32 => self.float,
        };
        if self.rate != stream.rate {
            Some(format!(
                "the sound server resamples it: its device runs at {}",
                khz(self.rate)
            ))
        } else if !exact {
            Some(format!("the sound server converts it to {}", self.format))
        } else if self.volume_percent != 100 {
            Some(format!(
                "the sound server's volume is at {} %: at 100 % nothing is scaled",
                self.volume_percent
            ))
        } else {
            None
        }
    }
}

/// How the sink a stream to `device` (or the default) plays on runs now; `None` when
/// no sound server answers, or it has no such sink.
pub fn sink_format(device: Option<&str>) -> Option<SinkFormat> {
    let sinks = sinks().ok()?;
    let sink = match device {
        Some(name) => sinks.into_iter().find(|d| d.name == name),
        None => sinks.into_iter().find(|d| d.default),
    };
    sink?.runs_at
}

/// Every output device, the default first.
pub fn list() -> Result<Vec<DeviceInfo>, String> {
    let mut devices = if pulse::server_present() {
        sinks()?
    } else {
        alsa_devices()?
    };
    devices.sort_by_key(|d| !d.default);
    Ok(devices)
}

fn alsa_devices() -> Result<Vec<DeviceInfo>, String> {
    let host = cpal::default_host();
    let default = host.default_output_device().map(|d| d.to_string());
    let devices = host
        .output_devices()
        .map_err(|e| format!("ALSA cannot list its devices: {e}"))?;
    Ok(devices
        .map(|d| {
            let name = d.to_string();
            DeviceInfo {
                description: d.description().map_or_else(|_| name.clone(), |x| x.to_string()),
                default: default.as_deref() == Some(name.as_str()),
                runs_at: None,
                name,
            }
        })
        .collect())
}

/// The server's sinks, asked over its own protocol.
fn sinks() -> Result<Vec<DeviceInfo>, String> {
    let mut mainloop = Mainloop::new().ok_or("cannot start PulseAudio's main loop")?;
    let mut context = Context::new(&mainloop, "Leitmotif").ok_or("cannot make a PulseAudio context")?;
    context
        .connect(None, FlagSet::NOAUTOSPAWN, None)
        .map_err(|e| format!("the sound server cannot be reached: {e}"))?;
    let deadline = Instant::now() + ANSWER_WITHIN;
    let turn = |mainloop: &mut Mainloop| -> Result<(), String> {
        match mainloop.iterate(false) {
            IterateResult::Success(_) => {}
            IterateResult::Quit(_) | IterateResult::Err(_) => return Err("the sound server went away".into()),
        }
        if Instant::now() > deadline {
            return Err(format!(
                "the sound server did not answer within {} s",
                ANSWER_WITHIN.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
        Ok(())
    };
    loop {
        match context.get_state() {
            State::Ready => break,
            State::Failed | State::Terminated => return Err("the sound server refused the connection".into()),
            _ => turn(&mut mainloop)?,
        }
    }
    let default: Rc<RefCell<Option<String>>> = Rc::default();
    let found: Rc<RefCell<Vec<DeviceInfo>>> = Rc::default();
    let introspect = context.introspect();
    let d = default.clone();
    let server = introspect.get_server_info(move |info| {
        *d.borrow_mut() = info.default_sink_name.as_ref().map(|s| s.to_string());
    });
    let f = found.clone();
    let list = introspect.get_sink_info_list(move |result| {
        if let ListResult::Item(sink) = result {
            let name = sink.name.as_ref().map(|s| s.to_string()).unwrap_or_default();
            let description = sink
                .description
                .as_ref()
                .map_or_else(|| name.clone(), |s| s.to_string());
            let spec = sink.sample_spec;
            let bits = match spec.format {
                Format::S16le | Format::S16be | Format::U8 | Format::ALaw | Format::ULaw => 16,
                Format::F32le | Format::F32be | Format::S24le | Format::S24be | Format::S24_32le | Format::S24_32be => {
                    24
                }
                Format::S32le | Format::S32be => 32,
                _ => 0,
            };
            let volume = f64::from(sink.volume.max().0) / f64::from(Volume::NORMAL.0);
            f.borrow_mut().push(DeviceInfo {
                name,
                description,
                default: false,
                runs_at: Some(SinkFormat {
                    rate: spec.rate,
                    format: spec.format.to_string().map(|s| s.into_owned()).unwrap_or_default(),
                    bits,
                    float: matches!(spec.format, Format::F32le | Format::F32be),
                    volume_percent: (volume * 100.0).round() as u32,
                }),
            });
        }
    });
    while server.get_state() == OpState::Running || list.get_state() == OpState::Running {
        turn(&mut mainloop)?;
    }
    context.disconnect();
    let default = default.borrow().clone();
    let mut devices = found.borrow().clone();
    for d in &mut devices {
        d.default = default.as_deref() == Some(d.name.as_str());
    }
    Ok(devices)
}
