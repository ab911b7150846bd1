//! The desktop around the player: media keys and panel widgets (MPRIS). No iced here;
//! the window feeds it and turns its requests into messages.

pub mod file_manager;
pub mod media_controls;
