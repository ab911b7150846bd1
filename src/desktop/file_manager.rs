//! "Show in folder": the desktop's file manager opened on a file's folder with the file
//! selected (org.freedesktop.FileManager1, which Nautilus, Dolphin, Nemo, Caja and
//! Thunar answer), else the folder opened with xdg-open.

use std::path::Path;

use mpris_server::zbus;

/// Shows `file` in the file manager; an error says why neither way worked.
pub async fn show(file: &Path) -> Result<(), String> {
    if select_in_file_manager(file).await.is_ok() {
        return Ok(());
    }
    let folder = file
        .parent()
        .ok_or_else(|| format!("{} has no folder", file.display()))?
        .to_owned();
    let status = tokio::process::Command::new("xdg-open")
        .arg(&folder)
        .status()
        .await
        .map_err(|e| format!("no file manager answered and xdg-open could not run: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("xdg-open could not open {}", folder.display()))
    }
}

async fn select_in_file_manager(file: &Path) -> zbus::Result<()> {
    let uri = url_of(file);
    let bus = zbus::Connection::session().await?;
    bus.call_method(
        Some("org.freedesktop.FileManager1"),
        "/org/freedesktop/FileManager1",
        Some("org.freedesktop.FileManager1"),
        "ShowItems",
        &(vec![uri.as_str()], ""),
    )
    .await?;
    Ok(())
}

/// A file:// URI (percent-encoded by the `url` crate).
fn url_of(file: &Path) -> String {
    url::Url::from_file_path(file).map(String::from).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_path_becomes_a_file_uri() {
        assert_eq!(
            super::url_of(std::path::Path::new("/music/Secret Garden/01 황후.flac")),
            "file:///music/Secret%20Garden/01%20%ED%99%A9%ED%9B%84.flac"
        );
    }
}
