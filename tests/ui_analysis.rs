//! The window measures the library's loudness in the background: the engine gets the
//! gains, Settings says how many tracks are measured, and the switch turns it off.

mod ui_harness;
mod ui_pump;

use leitmotif::player::{Command, GainSource};
use leitmotif::store::Store;
use leitmotif::ui::screen::settings;
use leitmotif::ui::{AnalysisUpdate, Message};
use ui_harness::{Result, harness_with_store_and};

/// Runs the window's tasks until the background pass has ended.
fn measured(h: &mut ui_harness::Harness) {
    h.pump
        .wait_for(&mut h.app, |m| matches!(m, Message::Analysis(AnalysisUpdate::Done(_))));
}

#[test]
fn the_demo_is_measured_after_it_loads_and_its_gains_reach_the_engine() -> Result {
    let (mut h, _dir, db) = harness_with_store_and(Default::default())?;
    measured(&mut h);
    let store = Store::open(&db)?;
    let rows = store.analysed_loudness()?;
    assert_eq!(rows.len(), 9, "every demo track measured");
    assert!(rows.iter().all(|r| r.loudness.album_lufs.is_some()), "and its album");
    drop(store);

    h.click("Settings")?;
    assert!(h.find("Loudness measured for 9 of 9 tracks"), "Settings says so");

    // Analysis first: the engine is told.
    h.update(Message::Settings(settings::Message::GainSource(
        settings::SourceChoice(GainSource::AnalysisFirst),
    )));
    let sent = h.sent();
    assert!(
        sent.iter()
            .any(|c| matches!(c, Command::SetReplayGain(s) if s.source == GainSource::AnalysisFirst)),
        "{sent:?}"
    );

    // A rescan with nothing new measures nothing, and nothing is shown as running.
    h.click("Rescan")?;
    assert!(!h.find("Measuring loudness"));
    Ok(())
}

#[test]
fn the_gains_go_to_the_engine_once_measured() -> Result {
    let (mut h, _dir, _db) = harness_with_store_and(Default::default())?;
    measured(&mut h);
    // The start's commands were taken by the harness; a reload sends the book again.
    h.click("Settings")?;
    // The click's tasks run to their end: the scan, the reload, the pass after it.
    h.click("Rescan")?;
    let sent = h.sent();
    let book = sent
        .iter()
        .find_map(|c| match c {
            Command::SetGainBook(book) => Some(book.clone()),
            _ => None,
        })
        .ok_or("no gains sent after the rescan")?;
    assert_eq!(book.len(), 9);
    assert!(
        book.values()
            .all(|g| g.track_gain_db.is_some() && g.album_gain_db.is_some())
    );

    // Turned off: no pass after the next rescan.
    h.update(Message::Settings(settings::Message::Analyse(false)));
    h.click("Rescan")?;
    assert!(!h.sent().iter().any(|c| matches!(c, Command::SetGainBook(_))));
    Ok(())
}

#[test]
fn the_output_device_is_chosen_in_settings_and_kept() -> Result {
    use leitmotif::player::devices::DeviceInfo;
    let (mut h, _dir, _db) = ui_harness::harness_with_store()?;
    h.click("Settings")?;
    // What a sound server with two sinks lists (the real list on this machine came
    // when Settings opened; this one replaces it). How the list reads is the settings
    // screen's unit test.
    let device = |name: &str, description: &str, default| DeviceInfo {
        name: name.into(),
        description: description.into(),
        default,
        runs_at: None,
    };
    h.update(Message::Devices(Ok(vec![
        device("hall", "Hall Speakers", true),
        device("booth", "Booth Headphones", false),
    ])));
    h.update(Message::Settings(settings::Message::Device(settings::DeviceChoice {
        name: Some("booth".into()),
        label: "Booth Headphones".into(),
    })));
    let sent = h.sent();
    assert!(
        sent.iter()
            .any(|c| matches!(c, Command::SetDevice(Some(name)) if name == "booth")),
        "{sent:?}"
    );
    Ok(())
}

/// What the engine says of a 96 kHz/24-bit bit-perfect stream (`note`: why the sound
/// server changes it after all).
fn stream_96k_24(note: Option<&str>) -> leitmotif::player::Event {
    leitmotif::player::Event::Output {
        backend: "PulseAudio".into(),
        sample_rate: 96_000,
        channels: 2,
        format: "96 kHz · 24-bit".into(),
        bit_perfect: note.is_none(),
        note: note.map(str::to_owned),
    }
}

#[test]
fn bit_perfect_is_chosen_in_settings_and_the_bar_shows_the_stream_format() -> Result {
    let (mut h, _dir, _db) = ui_harness::harness_with_store()?;
    assert!(!h.find("Bit-perfect"), "no bit-perfect label before it is chosen");
    h.click("The Emperor's Secret Garden")?;
    h.play_album("The Emperor's Secret Garden (Original Score)")?;
    h.engine_started(0, 120);
    h.click("Settings")?;
    h.click("Bit-perfect: each track at its own sample rate and format")?;
    let sent = h.sent();
    assert!(
        sent.iter().any(|c| matches!(c, Command::SetBitPerfect(true))),
        "{sent:?}"
    );
    assert!(h.app.settings().bit_perfect, "kept in the settings");
    assert!(h.find("Bit-perfect"), "the bar says so in place of the volume");
    h.update(Message::Engine(stream_96k_24(None)));
    assert!(
        h.find("Bit-perfect · 96 kHz · 24-bit"),
        "the stream's format in the bar"
    );
    // A sound server whose device runs at another rate: said, not claimed.
    h.update(Message::Engine(stream_96k_24(Some(
        "the sound server resamples it: its device runs at 48 kHz",
    ))));
    assert!(h.find("96 kHz · 24-bit · not bit-perfect"));
    h.update(Message::Engine(stream_96k_24(None)));
    assert!(
        h.find("Bit-perfect · 96 kHz · 24-bit"),
        "the stream's format in the bar"
    );
    // Off again: the volume is back, and the engine told.
    h.click("Bit-perfect: each track at its own sample rate and format")?;
    assert!(h.sent().iter().any(|c| matches!(c, Command::SetBitPerfect(false))));
    assert!(!h.find("Bit-perfect · 96 kHz · 24-bit"));
    Ok(())
}
