/// Maps a volume slider position (0.0 ..= 1.0) to an amplitude factor.
///
/// Loudness is perceived roughly logarithmically, so a linear slider crams all the
/// audible change into its bottom tenth. A cubic curve (what PulseAudio and PipeWire
/// use for their volume sliders) spreads it evenly: half way is about -18 dB.
pub fn volume_to_amplitude(volume: f32) -> f32 {
    let v = if volume.is_finite() {
        volume.clamp(0.0, 1.0)
    } else {
        0.0
    };
    v * v * v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(a: f32) -> f32 {
        20.0 * a.log10()
    }

    #[test]
    fn curve_is_perceptual() {
        assert_eq!(volume_to_amplitude(0.0), 0.0);
        assert_eq!(volume_to_amplitude(1.0), 1.0);
        assert!((db(volume_to_amplitude(0.5)) - -18.06).abs() < 0.1);
        // Equal slider steps give roughly equal loudness steps in the upper range.
        let step_hi = db(volume_to_amplitude(0.9)) - db(volume_to_amplitude(0.8));
        let step_mid = db(volume_to_amplitude(0.6)) - db(volume_to_amplitude(0.5));
        assert!(step_hi > 2.0 && step_mid > step_hi);
        assert_eq!(volume_to_amplitude(7.0), 1.0);
        assert_eq!(volume_to_amplitude(f32::NAN), 0.0);
    }
}
