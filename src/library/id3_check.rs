//! A check lofty does not make: an ID3v2 frame whose size runs past the end of its tag.
//! lofty skips such a frame silently, even in strict mode; a rip carrying one is damaged
//! (often cut or badly edited), and the scan reports it while keeping what was readable.

use std::io::{BufReader, Read, Seek};
#[cfg(test)]
use std::path::Path;

/// What a walk over an MP3's ID3v2 frame headers tells (frame bodies are skipped, so a
/// large cover costs nothing to find).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inspection {
    /// Why the tag is damaged, if it is.
    pub damage: Option<String>,
    /// Whether an APIC frame is there; `None` when this walk cannot tell (ID3v2.2,
    /// unsynchronised or extended tags: lofty reads those whole).
    pub picture: Option<bool>,
}

/// Why the file's ID3v2 tag is damaged, if it is.
#[cfg(test)]
pub fn overrun(path: &Path) -> Option<String> {
    inspect(path).damage
}

#[cfg(test)]
pub fn inspect(path: &Path) -> Inspection {
    let Ok(file) = std::fs::File::open(path) else {
        return Inspection::default();
    };
    let len = file.metadata().map_or(0, |m| m.len());
    inspect_reader(&mut BufReader::with_capacity(4096, file), len)
}

/// The same look through a reader already open at the file's start (the tag reader's,
/// so a file is opened once); `file_len` is the file's length. Frame headers are 10
/// bytes: buffered, the walk is a few reads however many frames.
pub fn inspect_reader<R: Read + Seek>(file: &mut BufReader<R>, file_len: u64) -> Inspection {
    let unknown = Inspection::default();
    let mut header = [0u8; 10];
    if file.read_exact(&mut header).is_err() {
        return unknown;
    }
    let (version, flags) = (header[3], header[5]);
    if &header[..3] != b"ID3" {
        // No ID3v2 tag, so no picture in one.
        return Inspection {
            damage: None,
            picture: Some(false),
        };
    }
    // v2.2 has other frame headers; unsynchronised or extended tags are left to lofty.
    if !(3..=4).contains(&version) || flags & 0xc0 != 0 {
        return unknown;
    }
    let size = u64::from(synchsafe(&header[6..10]));
    if size + 10 > file_len {
        return Inspection {
            damage: Some(format!("ID3v2 tag claims {size} bytes in a {file_len}-byte file")),
            picture: None,
        };
    }
    let mut picture = false;
    let mut at = 0u64;
    while at + 10 <= size {
        let mut frame = [0u8; 10];
        if file.read_exact(&mut frame).is_err() {
            return unknown;
        }
        if frame[0] == 0 {
            break; // padding
        }
        let claimed = u64::from(if version == 4 {
            synchsafe(&frame[4..8])
        } else {
            u32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]])
        });
        let left = size - at - 10;
        if claimed > left {
            let id = String::from_utf8_lossy(&frame[..4]).into_owned();
            return Inspection {
                damage: Some(format!(
                    "ID3v2 frame {id} claims {claimed} bytes with {left} left in the tag"
                )),
                picture: Some(picture),
            };
        }
        picture |= &frame[..4] == b"APIC";
        let Ok(skip) = i64::try_from(claimed) else {
            return unknown;
        };
        if file.seek_relative(skip).is_err() {
            return unknown;
        }
        at += 10 + claimed;
    }
    Inspection {
        damage: None,
        picture: Some(picture),
    }
}

fn synchsafe(b: &[u8]) -> u32 {
    b.iter().fold(0, |n, &x| (n << 7) | u32::from(x & 0x7f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(version: u8, frames: &[(&[u8; 4], u32, usize)]) -> Vec<u8> {
        let mut body = Vec::new();
        for (id, claimed, real) in frames {
            body.extend_from_slice(*id);
            let size = if version == 4 {
                let c = *claimed;
                [
                    (c >> 21) as u8 & 0x7f,
                    (c >> 14) as u8 & 0x7f,
                    (c >> 7) as u8 & 0x7f,
                    c as u8 & 0x7f,
                ]
            } else {
                claimed.to_be_bytes()
            };
            body.extend_from_slice(&size);
            body.extend_from_slice(&[0, 0]);
            body.extend(std::iter::repeat_n(b'x', *real));
        }
        body.extend_from_slice(&[0; 16]);
        let n = body.len() as u32;
        let mut out = vec![b'I', b'D', b'3', version, 0, 0];
        out.extend_from_slice(&[
            (n >> 21) as u8 & 0x7f,
            (n >> 14) as u8 & 0x7f,
            (n >> 7) as u8 & 0x7f,
            n as u8 & 0x7f,
        ]);
        out.extend(body);
        out.extend_from_slice(&[0xff, 0xfb, 0x90, 0x64]);
        out.extend(std::iter::repeat_n(0u8, 400));
        out
    }

    #[test]
    fn frames_that_run_past_the_tag_are_found() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let check = |name: &str, bytes: Vec<u8>| -> std::io::Result<Option<String>> {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes)?;
            Ok(overrun(&p))
        };
        assert_eq!(check("ok4.mp3", tag(4, &[(b"TIT2", 6, 6), (b"TPE1", 3, 3)]))?, None);
        assert_eq!(check("ok3.mp3", tag(3, &[(b"TIT2", 6, 6)]))?, None);
        let apic = check("apic.mp3", tag(4, &[(b"TIT2", 6, 6), (b"APIC", 0x0fff_ffff, 20)]))?;
        assert!(apic.is_some_and(|m| m.contains("APIC claims 268435455 bytes")));
        let txxx = check("txxx.mp3", tag(3, &[(b"TXXX", 0xffff_fff0, 8)]))?;
        assert!(txxx.is_some_and(|m| m.contains("TXXX")));
        let mut huge = tag(4, &[(b"TIT2", 6, 6)]);
        huge[6..10].copy_from_slice(&[0x7f; 4]);
        assert!(check("huge.mp3", huge)?.is_some_and(|m| m.contains("tag claims 268435455 bytes")));
        assert_eq!(check("plain.flac", b"fLaC\0\0\0\x22".to_vec())?, None);
        Ok(())
    }

    #[test]
    fn a_picture_is_found_without_reading_it() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let look = |name: &str, bytes: Vec<u8>| -> std::io::Result<Inspection> {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes)?;
            Ok(inspect(&p))
        };
        let with = look(
            "apic.mp3",
            tag(3, &[(b"TIT2", 6, 6), (b"APIC", 5000, 5000), (b"TPE1", 3, 3)]),
        )?;
        assert_eq!(with.picture, Some(true));
        assert_eq!(with.damage, None);
        assert_eq!(look("plain.mp3", tag(4, &[(b"TIT2", 6, 6)]))?.picture, Some(false));
        // No ID3v2 at all: no picture; an ID3v2.2 tag: lofty decides.
        assert_eq!(
            look(
                "bare.mp3",
                [0xff, 0xfb, 0x90, 0x64].into_iter().chain([0; 400]).collect()
            )?
            .picture,
            Some(false)
        );
        let mut v22 = tag(3, &[(b"TIT2", 6, 6)]);
        v22[3] = 2;
        assert_eq!(look("v22.mp3", v22)?.picture, None);
        Ok(())
    }
}
