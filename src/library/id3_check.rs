//! A check lofty does not make: an ID3v2 frame whose size runs past the end of its tag.
//! lofty skips such a frame silently, even in strict mode; a rip carrying one is damaged
//! (often cut or badly edited), and the scan reports it while keeping what was readable.

use std::io::Read;
use std::path::Path;

/// Why the file's ID3v2 tag is damaged, if it is.
pub fn overrun(path: &Path) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut header = [0u8; 10];
    file.read_exact(&mut header).ok()?;
    let (version, flags) = (header[3], header[5]);
    // v2.2 has other frame headers; unsynchronised or extended tags are left to lofty.
    if &header[..3] != b"ID3" || !(3..=4).contains(&version) || flags & 0xc0 != 0 {
        return None;
    }
    let size = synchsafe(&header[6..10]) as u64;
    let file_len = file.metadata().ok()?.len();
    if size + 10 > file_len {
        return Some(format!("ID3v2 tag claims {size} bytes in a {file_len}-byte file"));
    }
    let mut tag = Vec::new();
    file.take(size).read_to_end(&mut tag).ok()?;
    let mut at = 0usize;
    while at + 10 <= tag.len() {
        let frame = &tag[at..at + 10];
        if frame[0] == 0 {
            break; // padding
        }
        let id = String::from_utf8_lossy(&frame[..4]).into_owned();
        let claimed = if version == 4 {
            synchsafe(&frame[4..8]) as usize
        } else {
            u32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]) as usize
        };
        let left = tag.len() - at - 10;
        if claimed > left {
            return Some(format!(
                "ID3v2 frame {id} claims {claimed} bytes with {left} left in the tag"
            ));
        }
        at += 10 + claimed;
    }
    None
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
}
