//! Whether an Ogg Vorbis or Opus file carries a picture (`METADATA_BLOCK_PICTURE`, or
//! the older `COVERART`), found by reading the comment header's keys and seeking past
//! their values. Tags are then read without pictures: lofty would otherwise decode the
//! base64 of every cover only for the scan to learn that one is there (a twentieth of an
//! import's time on a library of Ogg files with covers).

use std::io::{BufReader, Read, Seek};

/// Keys longer than this are not the picture keys; their values are skipped unread.
const KEY_PREFIX: u64 = 24;

/// `Some(true)` when a picture comment is there, `None` when the pages cannot be walked
/// (lofty then reads the pictures itself); `r` is the tag reader's, at the file's start.
pub fn has_picture<R: Read + Seek>(r: &mut BufReader<R>) -> Option<bool> {
    let mut packet = Packet { r, left: 0, ends: true };
    // The identification header is alone on the first page (Vorbis I §4.2, RFC 7845 §3):
    // the comment header starts the second.
    packet.page()?;
    let first = packet.left;
    packet.r.seek_relative(i64::try_from(first).ok()?).ok()?;
    packet.page()?;
    let mut magic = [0u8; 7];
    packet.read(&mut magic)?;
    match &magic {
        b"\x03vorbis" => {}
        b"OpusTag" => {
            let mut s = [0u8; 1];
            packet.read(&mut s)?;
            if &s != b"s" {
                return None;
            }
        }
        _ => return None,
    }
    let vendor = packet.u32()?;
    packet.skip(u64::from(vendor))?;
    for _ in 0..packet.u32()? {
        let len = u64::from(packet.u32()?);
        let mut prefix = [0u8; KEY_PREFIX as usize];
        let seen = len.min(KEY_PREFIX);
        packet.read(&mut prefix[..seen as usize])?;
        if let Some(eq) = prefix[..seen as usize].iter().position(|&b| b == b'=') {
            let key = &prefix[..eq];
            if key.eq_ignore_ascii_case(b"METADATA_BLOCK_PICTURE") || key.eq_ignore_ascii_case(b"COVERART") {
                return Some(true);
            }
        }
        packet.skip(len - seen)?;
    }
    Some(false)
}

/// One packet read as a byte stream across the pages that carry it.
struct Packet<'a, R> {
    r: &'a mut BufReader<R>,
    /// The packet's bytes left in the current page.
    left: u64,
    /// Whether the packet ends in the current page.
    ends: bool,
}

impl<R: Read + Seek> Packet<'_, R> {
    /// Reads the next page's header: the first bytes of its body continue the packet,
    /// up to the first lacing value under 255.
    fn page(&mut self) -> Option<()> {
        let mut header = [0u8; 27];
        self.r.read_exact(&mut header).ok()?;
        if &header[..4] != b"OggS" {
            return None;
        }
        let segments = usize::from(header[26]);
        let mut table = [0u8; 255];
        self.r.read_exact(&mut table[..segments]).ok()?;
        self.left = 0;
        self.ends = false;
        for &lace in &table[..segments] {
            self.left += u64::from(lace);
            if lace < 255 {
                self.ends = true;
                break;
            }
        }
        Some(())
    }

    /// Makes bytes of the packet available in the current page; `None` past its end.
    fn more(&mut self) -> Option<()> {
        while self.left == 0 {
            if self.ends {
                return None;
            }
            self.page()?;
        }
        Some(())
    }

    fn read(&mut self, buf: &mut [u8]) -> Option<()> {
        let mut at = 0;
        while at < buf.len() {
            self.more()?;
            let take = (buf.len() - at).min(usize::try_from(self.left).unwrap_or(usize::MAX));
            self.r.read_exact(&mut buf[at..at + take]).ok()?;
            at += take;
            self.left -= take as u64;
        }
        Some(())
    }

    fn skip(&mut self, mut n: u64) -> Option<()> {
        while n > 0 {
            self.more()?;
            let step = n.min(self.left);
            self.r.seek_relative(i64::try_from(step).ok()?).ok()?;
            n -= step;
            self.left -= step;
        }
        Some(())
    }

    fn u32(&mut self) -> Option<u32> {
        let mut b = [0u8; 4];
        self.read(&mut b)?;
        Some(u32::from_le_bytes(b))
    }
}
