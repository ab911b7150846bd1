//! One line of text that fits its space: cut with "…" at a character boundary rather
//! than clipped mid-glyph. iced 0.14 has no ellipsis, so the cut is estimated from the
//! space given and the glyphs' widths (CJK and Hangul twice a Latin letter's).

use iced::widget::{container, responsive, text};
use iced::{Element, Length, Theme};

/// An average Latin glyph's width as a share of the font size (DejaVu Sans, a little
/// generous so the estimate errs on the short side).
const NARROW: f32 = 0.6;
const WIDE: f32 = 1.0;

/// `label` at `size`, in `style`'s colour, cut to the width it is given.
pub fn line<'a, M: 'a>(label: String, size: f32, style: fn(&Theme) -> text::Style) -> Element<'a, M> {
    fitted(label, size, Some(style))
}

/// `label` at `size` in the colour around it (a playing row's accent), cut to fit.
pub fn inherit<'a, M: 'a>(label: String, size: f32) -> Element<'a, M> {
    fitted(label, size, None)
}

fn fitted<'a, M: 'a>(label: String, size: f32, style: Option<fn(&Theme) -> text::Style>) -> Element<'a, M> {
    container(responsive(move |space| {
        let line = text(cut(&label, space.width, size))
            .size(size)
            .wrapping(text::Wrapping::None);
        match style {
            Some(style) => line.style(style).into(),
            None => line.into(),
        }
    }))
    .height(Length::Fixed((size * 1.4).ceil()))
    .into()
}

/// The text's own colour.
pub fn plain(t: &Theme) -> text::Style {
    text::Style {
        color: Some(t.palette().text),
    }
}

fn glyph_width(c: char, size: f32) -> f32 {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
    size * if wide { WIDE } else { NARROW }
}

/// `label` as it fits in `width` px at `size`: whole, or cut with "…".
pub fn cut(label: &str, width: f32, size: f32) -> String {
    let total: f32 = label.chars().map(|c| glyph_width(c, size)).sum();
    if total <= width {
        return label.to_owned();
    }
    let room = width - glyph_width('…', size);
    let mut used = 0.0;
    let mut out = String::new();
    for c in label.chars() {
        used += glyph_width(c, size);
        if used > room {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn long_lines_end_in_an_ellipsis_at_a_character() {
        assert_eq!(cut("Moonlit Pavilion", 400.0, 14.0), "Moonlit Pavilion");
        let short = cut("The Emperor's Secret Garden (Original Score)", 120.0, 14.0);
        assert!(short.ends_with('…') && short.chars().count() < 20, "{short}");
        let hangul = cut("황제의 비밀 정원 오리지널 사운드트랙", 80.0, 14.0);
        assert!(hangul.ends_with('…') && hangul.chars().count() <= 6, "{hangul}");
    }
}
