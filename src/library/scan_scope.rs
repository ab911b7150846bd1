//! What a scan looks at: a whole library folder, or only the parts a watcher saw change
//! (a copied album is one folder listed, not a hundred thousand files compared).

use std::path::{Path, PathBuf};

/// Past this many separate parts, listing the whole folder is cheaper than testing
/// every known file against each part.
const MOST_PARTS: usize = 64;

#[derive(Debug, Clone, Default)]
pub enum Scope {
    #[default]
    Whole,
    Parts(Parts),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    /// Folders to list: with everything under them (a folder that appeared or changed),
    /// or alone (the folder of a changed file: its CUE sheets and cover are read with it).
    pub walk: Vec<(PathBuf, bool)>,
    /// Paths gone: files known at or under them are missing.
    pub gone: Vec<PathBuf>,
}

impl Scope {
    /// The parts of `root` that `changed` (paths a watcher reported) touch, looked at now;
    /// `None` when none lies under `root`.
    pub fn of(root: &Path, changed: &[PathBuf]) -> Option<Scope> {
        let mut parts = Parts::default();
        for path in changed.iter().filter(|p| p.starts_with(root)) {
            // Gone is the path itself gone: a link whose target went away (an unplugged
            // drive) is unreadable, and its folder's walk keeps what was under it.
            match std::fs::symlink_metadata(path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => parts.gone.push(path.clone()),
                _ if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) => parts.walk.push((path.clone(), true)),
                _ => parts.walk.extend(path.parent().map(|p| (p.to_path_buf(), false))),
            }
        }
        if parts.walk.is_empty() && parts.gone.is_empty() {
            return None;
        }
        parts.simplify();
        if parts.walk.iter().any(|(dir, deep)| *deep && dir == root) || parts.walk.len() + parts.gone.len() > MOST_PARTS
        {
            return Some(Scope::Whole);
        }
        Some(Scope::Parts(parts))
    }

    /// Whether a known file at `path` is looked at by this scan.
    pub fn covers(&self, path: &Path) -> bool {
        match self {
            Scope::Whole => true,
            Scope::Parts(parts) => parts.covers(path),
        }
    }
}

impl Parts {
    /// The folders (as path prefixes ending in the separator) and the single paths
    /// whose known files this scan looks at.
    pub fn stamp_ranges(&self) -> (Vec<String>, Vec<String>) {
        let dirs = self.walk.iter().map(|(d, _)| d).chain(&self.gone);
        let prefixes = dirs
            .map(|d| {
                let mut p = d.to_string_lossy().into_owned();
                p.push(std::path::MAIN_SEPARATOR);
                p
            })
            .collect();
        let exact = self.gone.iter().map(|g| g.to_string_lossy().into_owned()).collect();
        (prefixes, exact)
    }

    fn covers(&self, path: &Path) -> bool {
        self.gone.iter().any(|g| path.starts_with(g))
            || self.walk.iter().any(|(dir, deep)| {
                if *deep {
                    path.starts_with(dir)
                } else {
                    path.parent() == Some(dir.as_path())
                }
            })
    }

    /// Drops parts another one already covers.
    fn simplify(&mut self) {
        self.walk.sort();
        self.walk.dedup();
        let deep: Vec<PathBuf> = self.walk.iter().filter(|(_, d)| *d).map(|(p, _)| p.clone()).collect();
        let under_deep = |path: &Path, itself: bool| deep.iter().any(|d| path.starts_with(d) && (itself || path != d));
        self.walk.retain(|(dir, is_deep)| !under_deep(dir, !*is_deep));
        self.gone.sort();
        self.gone.dedup();
        let gone = self.gone.clone();
        self.gone
            .retain(|g| !under_deep(g, true) && !gone.iter().any(|other| other != g && g.starts_with(other)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copied_album_is_its_folder_alone() {
        let root = tempfile::tempdir().unwrap();
        let album = root.path().join("New Album");
        std::fs::create_dir(&album).unwrap();
        std::fs::write(album.join("01.flac"), b"x").unwrap();
        let changed = vec![album.clone(), album.join("01.flac"), album.join("02.flac")];
        let Some(Scope::Parts(parts)) = Scope::of(root.path(), &changed) else {
            panic!("expected parts");
        };
        assert_eq!(parts.walk, vec![(album.clone(), true)]);
        assert!(parts.gone.is_empty(), "02.flac lies under the album listed: {parts:?}");
        let scope = Scope::Parts(parts);
        assert!(scope.covers(&album.join("01.flac")));
        assert!(!scope.covers(&root.path().join("Other/01.flac")));
    }

    #[test]
    fn a_renamed_folder_is_the_old_name_gone_and_the_new_listed() {
        let root = tempfile::tempdir().unwrap();
        let new = root.path().join("B");
        std::fs::create_dir(&new).unwrap();
        let old = root.path().join("A");
        let Some(Scope::Parts(parts)) = Scope::of(root.path(), &[old.clone(), new.clone()]) else {
            panic!("expected parts");
        };
        assert_eq!(parts.gone, vec![old.clone()]);
        let scope = Scope::Parts(parts);
        assert!(scope.covers(&old.join("01.flac")));
        assert!(scope.covers(&new.join("CD1/01.flac")));
        assert!(
            !scope.covers(&root.path().join("AB/01.flac")),
            "a sibling sharing the name's start"
        );
    }

    #[test]
    fn a_changed_file_lists_its_folder_alone() {
        let root = tempfile::tempdir().unwrap();
        let album = root.path().join("Album");
        std::fs::create_dir_all(album.join("CD2")).unwrap();
        std::fs::write(album.join("01.flac"), b"x").unwrap();
        let Some(scope) = Scope::of(root.path(), &[album.join("01.flac")]) else {
            panic!("expected a scope");
        };
        assert!(scope.covers(&album.join("02.flac")));
        assert!(!scope.covers(&album.join("CD2/01.flac")));
    }

    #[test]
    fn the_root_itself_or_many_parts_is_the_whole_folder() {
        let root = tempfile::tempdir().unwrap();
        assert!(matches!(
            Scope::of(root.path(), &[root.path().to_path_buf()]),
            Some(Scope::Whole)
        ));
        let many: Vec<PathBuf> = (0..100).map(|i| root.path().join(format!("gone {i}"))).collect();
        assert!(matches!(Scope::of(root.path(), &many), Some(Scope::Whole)));
        assert!(Scope::of(root.path(), &[PathBuf::from("/elsewhere/x.flac")]).is_none());
    }
}
