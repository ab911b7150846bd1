//! Whether an MP4/M4A file carries a cover (`moov/udta/meta/ilst/covr`), found by
//! walking atom headers and skipping their bodies: tags are read without pictures, so
//! the cover's presence is known without reading it.

use std::io::{BufReader, Read, Seek, SeekFrom};

/// `Some(true)` when a `covr` atom is there, `None` when the file cannot be walked;
/// `r` is the tag reader's (a file is opened once), `len` the file's length.
pub fn has_cover<R: Read + Seek>(r: &mut BufReader<R>, len: u64) -> Option<bool> {
    // moov → udta → meta (a full atom: 4 bytes of version and flags) → ilst → covr.
    let Some((moov_start, moov_end)) = find(r, 0, len, b"moov")? else {
        return Some(false);
    };
    let Some((udta_start, udta_end)) = find(r, moov_start, moov_end, b"udta")? else {
        return Some(false);
    };
    let Some((meta_start, meta_end)) = find(r, udta_start, udta_end, b"meta")? else {
        return Some(false);
    };
    let Some((ilst_start, ilst_end)) = find(r, meta_start + 4, meta_end, b"ilst")? else {
        return Some(false);
    };
    Some(find(r, ilst_start, ilst_end, b"covr")?.is_some())
}

/// The body (start, end) of the first atom named `name` between `from` and `to`;
/// `Ok(None)` when there is none, `None` when the headers are broken.
#[allow(clippy::option_option)] // "unreadable" and "not there" are different answers
fn find<R: Read + Seek>(r: &mut BufReader<R>, from: u64, to: u64, name: &[u8; 4]) -> Option<Option<(u64, u64)>> {
    let mut at = from;
    while at + 8 <= to {
        r.seek(SeekFrom::Start(at)).ok()?;
        let mut header = [0u8; 8];
        r.read_exact(&mut header).ok()?;
        let mut size = u64::from(u32::from_be_bytes([header[0], header[1], header[2], header[3]]));
        let mut body = at + 8;
        if size == 1 {
            let mut large = [0u8; 8];
            r.read_exact(&mut large).ok()?;
            size = u64::from_be_bytes(large);
            body += 8;
        } else if size == 0 {
            size = to - at; // to the end of the enclosing atom
        }
        if size < body - at || at + size > to {
            return None;
        }
        if &header[4..8] == name {
            return Some(Some((body, at + size)));
        }
        at += size;
    }
    Some(None)
}
