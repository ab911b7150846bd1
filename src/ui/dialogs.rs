//! Whether the desktop can show a file dialog before one is asked for. rfd asks the
//! xdg desktop portal and, where none answers, runs zenity; with neither, its dialog
//! returns nothing at once, exactly as a cancelled one does, and the user would see
//! nothing happen. Asking first lets the window say why and what to do instead.

use mpris_server::zbus;

const PORTAL: &str = "org.freedesktop.portal.Desktop";

/// What the user reads when no dialog can open.
pub const MISSING: &str = "No file dialog can open on this desktop";

/// Why, and what to do instead (the notice's details).
pub fn missing_details() -> Vec<String> {
    vec![
        "No xdg desktop portal answers and zenity is not installed.".into(),
        "Install zenity (apt install zenity) or a desktop portal, then try again.".into(),
        "Meanwhile: drop a folder or file onto the window, or use the command line (leitmotif scan DIR, leitmotif sheet import FILE).".into(),
    ]
}

/// True when a dialog can open: zenity is installed, or a portal runs or can be started
/// on the session bus.
pub async fn available() -> bool {
    on_path("zenity") || portal_reachable().await
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

async fn portal_reachable() -> bool {
    let Ok(bus) = zbus::Connection::session().await else {
        return false;
    };
    let Ok(dbus) = zbus::fdo::DBusProxy::new(&bus).await else {
        return false;
    };
    let Ok(name) = zbus::names::BusName::try_from(PORTAL) else {
        return false;
    };
    if dbus.name_has_owner(name).await.unwrap_or(false) {
        return true;
    }
    dbus.list_activatable_names()
        .await
        .is_ok_and(|names| names.iter().any(|n| n.as_str() == PORTAL))
}
