//! Cover thumbnails: decoded once, scaled down, kept as PNG in the cache folder, so a
//! grid of hundreds of albums never decodes a full-size picture twice.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use lofty::file::TaggedFileExt;
use lofty::picture::PictureType;

#[derive(Debug, thiserror::Error)]
pub enum CoverError {
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{0}: no picture in the file")]
    NoPicture(PathBuf),
}

/// Straight RGBA pixels, ready for the window.
#[derive(Debug, Clone)]
pub struct Thumbnail {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The thumbnail of an album cover no larger than `size`×`size`. `cover` is the stored
/// reference ("embedded" or an image path), `track` a file of the album. With a
/// `cache_dir`, thumbnails are read from and written to it (keyed by source and mtime).
pub fn thumbnail(cover: &str, track: &Path, size: u32, cache_dir: Option<&Path>) -> Result<Thumbnail, CoverError> {
    crate::io_guard::check("reading a cover");
    let source = if cover == "embedded" { track } else { Path::new(cover) };
    let cached = cache_dir.map(|dir| cache_path(dir, source, size));
    if let Some(image) = cached.as_deref().and_then(|p| image::open(p).ok()) {
        return Ok(to_thumbnail(image));
    }
    let bytes = if cover == "embedded" {
        embedded_picture(track)?
    } else {
        std::fs::read(source).map_err(|e| unreadable(source, e))?
    };
    let image = image::load_from_memory(&bytes)
        .map_err(|e| unreadable(source, e))?
        .thumbnail(size, size);
    if let Some(path) = cached {
        // A cache that cannot be written only costs a decode next time.
        let _ = path.parent().map(std::fs::create_dir_all);
        let _ = image.to_rgba8().save(&path);
    }
    Ok(to_thumbnail(image))
}

/// The file a desktop can show for this cover: the image file itself, or for an embedded
/// picture its cached thumbnail once one was made.
pub fn art_file(cover: &str, track: &Path, size: u32, cache_dir: Option<&Path>) -> Option<PathBuf> {
    if cover != "embedded" {
        return Some(PathBuf::from(cover));
    }
    cache_dir
        .map(|dir| cache_path(dir, track, size))
        .filter(|p| p.is_file())
}

fn to_thumbnail(image: image::DynamicImage) -> Thumbnail {
    let rgba = image.to_rgba8();
    Thumbnail {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    }
}

fn unreadable(path: &Path, e: impl std::fmt::Display) -> CoverError {
    CoverError::Unreadable {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

/// The front cover, else the first picture, of any tag in the file.
fn embedded_picture(path: &Path) -> Result<Vec<u8>, CoverError> {
    // Pictures need no audio properties, whose readers some hostile files crash (lofty
    // 0.25.5, Opus; see `tags::guarded`).
    let options = lofty::config::ParseOptions::new().read_properties(false);
    let file = lofty::probe::Probe::open(path)
        .and_then(|p| p.options(options).read())
        .map_err(|e| unreadable(path, e))?;
    let pictures: Vec<_> = file.tags().iter().flat_map(|t| t.pictures()).collect();
    pictures
        .iter()
        .find(|p| p.pic_type() == PictureType::CoverFront)
        .or_else(|| pictures.first())
        .map(|p| p.data().to_vec())
        .ok_or_else(|| CoverError::NoPicture(path.to_owned()))
}

fn cache_path(dir: &Path, source: &Path, size: u32) -> PathBuf {
    let mtime = std::fs::metadata(source).and_then(|m| m.modified()).ok();
    let mut h = DefaultHasher::new();
    (source, mtime, size).hash(&mut h);
    dir.join("covers").join(format!("{:016x}.png", h.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_cover_is_scaled_and_cached() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let cover = dir.path().join("cover.png");
        image::RgbaImage::from_pixel(600, 300, image::Rgba([200, 40, 90, 255])).save(&cover)?;
        let cache = dir.path().join("cache");
        let thumb = thumbnail(&cover.to_string_lossy(), &dir.path().join("t.flac"), 128, Some(&cache))?;
        assert_eq!((thumb.width, thumb.height), (128, 64));
        assert_eq!(&thumb.rgba[..4], &[200, 40, 90, 255]);
        assert_eq!(std::fs::read_dir(cache.join("covers"))?.count(), 1);
        // The second call is served from the cache: mark the cached copy and see it come back.
        let cached = std::fs::read_dir(cache.join("covers"))?
            .next()
            .ok_or("no cache file")??
            .path();
        image::RgbaImage::from_pixel(128, 64, image::Rgba([1, 2, 3, 255])).save(&cached)?;
        let again = thumbnail(&cover.to_string_lossy(), &dir.path().join("t.flac"), 128, Some(&cache))?;
        assert_eq!(&again.rgba[..4], &[1, 2, 3, 255]);
        Ok(())
    }

    #[test]
    fn a_broken_picture_is_an_error_not_a_panic() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let cover = dir.path().join("cover.jpg");
        std::fs::write(&cover, b"\xff\xd8\xff not really a jpeg")?;
        let err = thumbnail(&cover.to_string_lossy(), &cover, 64, None).err();
        assert!(matches!(err, Some(CoverError::Unreadable { .. })), "{err:?}");
        Ok(())
    }
}
