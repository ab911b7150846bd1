//! A FLAC whose audio was cut off (an interrupted copy or download) still has intact
//! metadata, so tag readers accept it. STREAMINFO says how many frames there must be and
//! how small a frame can be: fewer audio bytes than that is certainly a cut file (a
//! complete file can never be shorter, so this never accuses a good one).

use std::io::{Read, Seek, SeekFrom};

/// What a look at a FLAC's metadata blocks and last frame tells.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inspection {
    /// Why the audio is cut short, if it certainly is.
    pub cut: Option<String>,
    /// Whether a PICTURE block is there (`None`: not a FLAC, or unreadable). Tags are
    /// read without pictures, so the cover's presence is known without reading it.
    pub picture: Option<bool>,
}

/// A look through a reader already open at the file's start (the tag reader's, so a
/// file is opened once); `len` is the file's length.
pub fn inspect_reader<R: Read + Seek>(file: &mut R, len: u64) -> Inspection {
    let Some((picture, streaminfo, at)) = walk_blocks(file, len) else {
        return Inspection::default();
    };
    Inspection {
        cut: streaminfo.and_then(|info| cut_short(file, &info, at, len)),
        picture: Some(picture),
    }
}

/// The metadata blocks' headers (bodies skipped): whether a picture is among them, the
/// STREAMINFO and where the audio starts.
fn walk_blocks<R: Read + Seek>(file: &mut R, len: u64) -> Option<(bool, Option<[u8; 34]>, u64)> {
    let mut magic = [0u8; 4];
    file.read_exact(&mut magic).ok()?;
    if &magic != b"fLaC" {
        return None;
    }
    let mut streaminfo = None;
    let mut picture = false;
    let mut at = 4u64;
    loop {
        let mut header = [0u8; 4];
        file.read_exact(&mut header).ok()?;
        let size = u64::from(u32::from_be_bytes([0, header[1], header[2], header[3]]));
        if header[0] & 0x7f == 0 && size == 34 {
            let mut block = [0u8; 34];
            file.read_exact(&mut block).ok()?;
            streaminfo = Some(block);
        } else {
            picture |= header[0] & 0x7f == 6;
            file.seek(SeekFrom::Current(i64::try_from(size).ok()?)).ok()?;
        }
        at += 4 + size;
        if header[0] & 0x80 != 0 || at >= len {
            break;
        }
    }
    Some((picture, streaminfo, at))
}

fn cut_short<R: Read + Seek>(file: &mut R, info: &[u8; 34], at: u64, len: u64) -> Option<String> {
    let min_block = u64::from(u16::from_be_bytes([info[0], info[1]]));
    let max_block = u64::from(u16::from_be_bytes([info[2], info[3]]));
    let min_frame = u64::from(u32::from_be_bytes([0, info[4], info[5], info[6]]));
    let max_frame = u64::from(u32::from_be_bytes([0, info[7], info[8], info[9]]));
    // Total samples: the low 36 bits of bytes 13..18.
    let total =
        (u64::from(info[13] & 0x0f) << 32) | u64::from(u32::from_be_bytes([info[14], info[15], info[16], info[17]]));
    // Only fixed-blocksize streams with known sizes say how many frames they hold.
    if min_block != max_block || max_block == 0 || min_frame == 0 || total == 0 {
        return None;
    }
    let frames = total.div_ceil(max_block);
    // The last frame may be short, so it is not counted.
    let needed = (frames - 1).saturating_mul(min_frame);
    let audio = len.saturating_sub(at);
    if audio < needed {
        return Some(format!(
            "the audio is cut short: {audio} bytes where {frames} frames need at least {needed} (an interrupted copy?)"
        ));
    }
    // Otherwise the last frame header in the file says how far the stream got; it lies
    // within the last (largest frame) bytes.
    let reach = if max_frame > 0 { max_frame + 64 } else { 64 * 1024 };
    let tail_len = len.saturating_sub(at).min(reach);
    file.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = Vec::new();
    file.by_ref().take(tail_len).read_to_end(&mut tail).ok()?;
    let last = (0..tail.len().saturating_sub(1))
        .rev()
        .find_map(|i| frame_number(&tail[i..]))?;
    (last + 1 < frames).then(|| {
        format!(
            "the audio is cut short: it ends in frame {} of {frames} (an interrupted copy?)",
            last + 1
        )
    })
}

/// The frame number of a fixed-blocksize FLAC frame header starting at `b[0]`, if the
/// bytes are one (sync code, valid fields and a matching CRC-8).
fn frame_number(b: &[u8]) -> Option<u64> {
    if b.len() < 6 || b[0] != 0xff || b[1] != 0xf8 {
        return None;
    }
    let (block_code, rate_code) = (b[2] >> 4, b[2] & 0x0f);
    if block_code == 0 || rate_code == 0x0f || b[3] & 0x01 != 0 || (b[3] >> 4) > 10 {
        return None;
    }
    // The frame number, UTF-8 coded (up to 6 bytes for 31 bits).
    let first = b[4];
    let extra = first.leading_ones() as usize;
    if extra == 1 || extra > 6 {
        return None;
    }
    let mut n = u64::from(if extra == 0 { first } else { first & (0x7f >> extra) });
    let mut at = 5;
    for _ in 1..extra.max(1) {
        let c = *b.get(at)?;
        if c & 0xc0 != 0x80 {
            return None;
        }
        n = (n << 6) | u64::from(c & 0x3f);
        at += 1;
    }
    at += match block_code {
        6 => 1,
        7 => 2,
        _ => 0,
    };
    at += match rate_code {
        12 => 1,
        13 | 14 => 2,
        _ => 0,
    };
    let crc = b[..at].iter().fold(0u8, |mut crc, &byte| {
        crc ^= byte;
        for _ in 0..8 {
            crc = if crc & 0x80 != 0 { (crc << 1) ^ 0x07 } else { crc << 1 };
        }
        crc
    });
    (*b.get(at)? == crc).then_some(n)
}
