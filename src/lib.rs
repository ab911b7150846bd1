//! Leitmotif: a gapless music player for soundtrack listeners.
//!
//! Layers, each depending only on those below it:
//! `ui` → `ost` → `library` / `store` / `player`.

pub mod error_chain;
pub mod library;
pub mod ost;
pub mod player;
pub mod store;
pub mod ui;
