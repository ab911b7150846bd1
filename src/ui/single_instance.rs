//! One Leitmotif per user: `leitmotif FILE` while a window is open hands FILE to it
//! through a socket in the runtime folder and exits, as desktop players do.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

/// What a launch wants done with its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// `leitmotif FILE`: play them now.
    Play,
    /// `leitmotif --play-next FILE`: after the track playing.
    PlayNext,
    /// `leitmotif --enqueue FILE`: at the end of the queue.
    Enqueue,
}

impl Intent {
    /// The line that says it (none for playing now); paths sent are absolute, so none
    /// is one of these.
    fn line(self) -> Option<&'static str> {
        match self {
            Intent::Play => None,
            Intent::PlayNext => Some("+next"),
            Intent::Enqueue => Some("+enqueue"),
        }
    }

    fn from_line(line: &str) -> Option<Intent> {
        [Intent::PlayNext, Intent::Enqueue]
            .into_iter()
            .find(|i| i.line() == Some(line))
    }
}

/// Files a later launch handed over, and what to do with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    pub paths: Vec<PathBuf>,
    pub intent: Intent,
}

pub enum Claim {
    /// This process is the instance; what other launches hand over arrives here.
    Primary(Receiver<Handover>),
    /// A running instance took the paths.
    Handed,
}

/// Becomes the instance, or hands `paths` (made absolute) to the one running, with
/// what to do with them.
pub fn claim(socket: &Path, paths: &[PathBuf], intent: Intent) -> std::io::Result<Claim> {
    for _ in 0..3 {
        if let Ok(stream) = UnixStream::connect(socket) {
            hand_over(stream, paths, intent)?;
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

fn hand_over(mut stream: UnixStream, paths: &[PathBuf], intent: Intent) -> std::io::Result<()> {
    let mut message = String::new();
    if let Some(line) = intent.line() {
        message.push_str(line);
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
                let said = lines.first().and_then(|l| Intent::from_line(l));
                let paths = lines
                    .into_iter()
                    .skip(usize::from(said.is_some()))
                    .map(PathBuf::from)
                    .collect();
                let intent = said.unwrap_or(Intent::Play);
                if tx.send(Handover { paths, intent }).is_err() {
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
        let Claim::Primary(rx) = claim(&socket, &[], Intent::Play)? else {
            return Err("the first is not primary".into());
        };
        let song = dir.path().join("밤 OST.flac");
        std::fs::write(&song, b"")?;
        assert!(matches!(
            claim(&socket, &[song.clone(), "/not/there.mp3".into()], Intent::Play)?,
            Claim::Handed
        ));
        let got = rx.recv_timeout(Duration::from_secs(5))?;
        assert_eq!(
            got.paths,
            [std::fs::canonicalize(&song)?, PathBuf::from("/not/there.mp3")]
        );
        assert_eq!(got.intent, Intent::Play);
        // `leitmotif --enqueue FILE`, `--play-next FILE`: the same files, and what for.
        for intent in [Intent::Enqueue, Intent::PlayNext] {
            assert!(matches!(
                claim(&socket, std::slice::from_ref(&song), intent)?,
                Claim::Handed
            ));
            let got = rx.recv_timeout(Duration::from_secs(5))?;
            assert_eq!(
                got,
                Handover {
                    paths: vec![std::fs::canonicalize(&song)?],
                    intent
                }
            );
        }
        // A stale socket (its owner gone) is taken over.
        drop(rx);
        let stale = dir.path().join("stale.sock");
        drop(UnixListener::bind(&stale)?);
        assert!(matches!(claim(&stale, &[], Intent::Play)?, Claim::Primary(_)));
        Ok(())
    }
}
