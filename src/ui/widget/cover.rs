//! A cover: the album's art, or a coloured tile with the album's initial.

use std::hash::{DefaultHasher, Hash, Hasher};

use iced::widget::{container, image, text};
use iced::{ContentFit, Element, Length, Theme};

use crate::ui::theme;

pub fn cover<'a, M: 'a>(handle: Option<&image::Handle>, size: f32, title: &str) -> Element<'a, M> {
    match handle {
        Some(h) => container(
            image(h.clone())
                .width(Length::Fixed(size))
                .height(Length::Fixed(size))
                .content_fit(ContentFit::Cover)
                .border_radius(8.0),
        )
        .into(),
        None => {
            let mut hasher = DefaultHasher::new();
            title.hash(&mut hasher);
            let seed = hasher.finish();
            // "The Battle for Wesnoth" is filed under B, as the grid sorts it.
            let lower = title.to_lowercase();
            let skip = ["the ", "a ", "an "]
                .iter()
                .find(|a| lower.starts_with(*a) && lower.len() > a.len())
                .map_or(0, |a| a.len());
            let initial: String = title
                .get(skip..)
                .unwrap_or(title)
                .chars()
                .find(|c| c.is_alphanumeric())
                .map_or_else(|| "♪".to_string(), |c| c.to_string());
            container(text(initial).size(size * 0.4))
                .center(Length::Fixed(size))
                .style(move |t: &Theme| theme::cover_placeholder(t, seed))
                .into()
        }
    }
}
