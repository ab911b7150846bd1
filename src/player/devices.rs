//! The output devices a person can choose from: the sound server's sinks where one
//! runs (PulseAudio, or PipeWire's pulse layer), else ALSA's devices.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use libpulse_binding::callbacks::ListResult;
use libpulse_binding::context::{Context, FlagSet, State};
use libpulse_binding::mainloop::standard::{IterateResult, Mainloop};
use libpulse_binding::operation::State as OpState;
use rodio::cpal;
use rodio::cpal::traits::{DeviceTrait, HostTrait};
use serde::Serialize;

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
            f.borrow_mut().push(DeviceInfo {
                name,
                description,
                default: false,
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
