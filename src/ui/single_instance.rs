//! One Leitmotif per user: `leitmotif FILE` while a window is open hands FILE to it
//! through a socket in the runtime folder and exits, as desktop players do.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

/// Files a later launch handed over: to play now, or to add to the queue
/// (`leitmotif --enqueue`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    pub paths: Vec<PathBuf>,
    pub enqueue: bool,
}

/// The line that asks to add to the queue; paths sent are absolute, so none is this.
const ENQUEUE: &str = "+enqueue";

pub enum Claim {
    /// This process is the instance; what other launches hand over arrives here.
    Primary(Receiver<Handover>),
    /// A running instance took the paths.
    Handed,
}

/// Becomes the instance, or hands `paths` (made absolute) to the one running, to play
/// or (`enqueue`) to add to its queue.
pub fn claim(socket: &Path, paths: &[PathBuf], enqueue: bool) -> std::io::Result<Claim> {
    for _ in 0..3 {
        if let Ok(stream) = UnixStream::connect(socket) {
            hand_over(stream, paths, enqueue)?;
            return Ok(Claim::Handed);
        }
        // Nobody answers: a socket left by a crash, or none. Take its place.
        let _ = std::fs::remove_file(socket);
        if let Some(dir) = socket.parent() {
            std::fs::create_dir_all(dir)?;
        }
        match UnixListener::bind(socket) {
            Ok(listener) => return Ok(Claim::Primary(listen(listener)?)),
            // Another launch bound it between our two steps: talk to it instead.
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("could not reach or become the running instance"))
}

fn hand_over(mut stream: UnixStream, paths: &[PathBuf], enqueue: bool) -> std::io::Result<()> {
    let mut message = String::new();
    if enqueue {
        message.push_str(ENQUEUE);
        message.push('\n');
    }
    for p in paths {
        let absolute = std::fs::canonicalize(p).unwrap_or_else(|_| std::path::absolute(p).unwrap_or(p.clone()));
        message.push_str(&absolute.to_string_lossy());
        message.push('\n');
    }
    // An empty line ends the list (no paths: just raise the window).
    message.push('\n');
    stream.write_all(message.as_bytes())?;
    stream.flush()
}

fn listen(listener: UnixListener) -> std::io::Result<Receiver<Handover>> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("leitmotif-instance".into())
        .spawn(move || {
            for stream in listener.incoming().flatten() {
                let lines: Vec<String> = BufReader::new(stream)
                    .lines()
                    .map_while(Result::ok)
                    .take_while(|l| !l.is_empty())
                    .collect();
                let enqueue = lines.first().is_some_and(|l| l == ENQUEUE);
                let paths = lines
                    .into_iter()
                    .skip(usize::from(enqueue))
                    .map(PathBuf::from)
                    .collect();
                if tx.send(Handover { paths, enqueue }).is_err() {
                    break;
                }
            }
        })?;
    Ok(rx)
}

/// Where the socket lives: the runtime folder, else the data folder.
pub fn socket_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("io.github", "leitmotif", "Leitmotif")?;
    let dir = dirs.runtime_dir().unwrap_or(dirs.data_dir()).to_owned();
    Some(dir.join("instance.sock"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_second_launch_hands_its_files_to_the_first() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let socket = dir.path().join("run/instance.sock");
        let Claim::Primary(rx) = claim(&socket, &[], false)? else {
            return Err("the first is not primary".into());
        };
        let song = dir.path().join("밤 OST.flac");
        std::fs::write(&song, b"")?;
        assert!(matches!(
            claim(&socket, &[song.clone(), "/not/there.mp3".into()], false)?,
            Claim::Handed
        ));
        let got = rx.recv_timeout(Duration::from_secs(5))?;
        assert_eq!(
            got.paths,
            [std::fs::canonicalize(&song)?, PathBuf::from("/not/there.mp3")]
        );
        assert!(!got.enqueue);
        // `leitmotif --enqueue FILE`: the same files, to add to the queue.
        assert!(matches!(
            claim(&socket, std::slice::from_ref(&song), true)?,
            Claim::Handed
        ));
        let got = rx.recv_timeout(Duration::from_secs(5))?;
        assert_eq!(
            got,
            Handover {
                paths: vec![std::fs::canonicalize(&song)?],
                enqueue: true
            }
        );
        // A stale socket (its owner gone) is taken over.
        drop(rx);
        let stale = dir.path().join("stale.sock");
        drop(UnixListener::bind(&stale)?);
        assert!(matches!(claim(&stale, &[], false)?, Claim::Primary(_)));
        Ok(())
    }
}
