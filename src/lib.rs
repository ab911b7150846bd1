//! Leitmotif: a gapless music player for soundtrack listeners.
//!
//! Layers, each depending only on those below it:
//! `ui` → `ost` → `library` / `store` / `player`; `desktop` (media controls) sits beside
//! `ost`, fed by the window.

pub mod analysis;
pub mod desktop;
pub mod error_chain;
pub mod io_guard;
pub mod library;
pub mod ost;
pub mod player;
pub mod store;
pub mod ui;
