//! Which files a scan found gone from one place and new in another are the same file.

use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What pairs a gone file with a new one: size, modification time, maybe the name.
type Key = (u64, i64, Option<std::ffi::OsString>);

/// (old id, old path, new path) of files that vanished and reappeared with the same size
/// and modification time. Where several share a stamp (same-length files written within
/// one clock tick), the file's name must match too (a renamed folder); a stamp still
/// shared by several files on either side pairs nothing.
pub(super) fn moved(missing: &[(i64, String, u64, i64)], added: &[(String, u64, i64)]) -> Vec<(i64, String, String)> {
    let name = |path: &str| Path::new(path).file_name().map(|n| n.to_owned());
    let pair_by = |key: &dyn Fn(&str, u64, i64) -> Key| {
        let mut arrived: HashMap<_, (usize, usize)> = HashMap::new();
        for (i, (path, size, mtime)) in added.iter().enumerate() {
            arrived.entry(key(path, *size, *mtime)).or_insert((i, 0)).1 += 1;
        }
        let mut gone: HashMap<_, usize> = HashMap::new();
        for (_, path, size, mtime) in missing {
            *gone.entry(key(path, *size, *mtime)).or_default() += 1;
        }
        missing
            .iter()
            .filter_map(|(id, old, size, mtime)| {
                let k = key(old, *size, *mtime);
                let &(i, count) = arrived.get(&k)?;
                (count == 1 && gone.get(&k) == Some(&1)).then(|| (*id, old.clone(), added[i].0.clone()))
            })
            .collect::<Vec<_>>()
    };
    let mut pairs = pair_by(&|_, size, mtime| (size, mtime, None));
    let paired: HashSet<i64> = pairs.iter().map(|(id, _, _)| *id).collect();
    let taken: HashSet<String> = pairs.iter().map(|(_, _, new)| new.clone()).collect();
    pairs.extend(
        pair_by(&|path, size, mtime| (size, mtime, name(path)))
            .into_iter()
            .filter(|(id, _, new)| !paired.contains(id) && !taken.contains(new)),
    );
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gone(id: i64, path: &str, size: u64, mtime: i64) -> (i64, String, u64, i64) {
        (id, path.to_owned(), size, mtime)
    }

    fn new(path: &str, size: u64, mtime: i64) -> (String, u64, i64) {
        (path.to_owned(), size, mtime)
    }

    #[test]
    fn a_unique_stamp_pairs_whatever_the_name() {
        let pairs = moved(&[gone(1, "/m/A/01.flac", 10, 5)], &[new("/m/B/first.flac", 10, 5)]);
        assert_eq!(
            pairs,
            vec![(1, "/m/A/01.flac".to_owned(), "/m/B/first.flac".to_owned())]
        );
    }

    #[test]
    fn a_shared_stamp_pairs_by_name() {
        // Three files of one length written within one clock tick, their folder renamed.
        let missing = [
            gone(1, "/m/A/01.wav", 10, 5),
            gone(2, "/m/A/02.wav", 10, 5),
            gone(3, "/m/A/03.wav", 10, 5),
        ];
        let added = [
            new("/m/B/03.wav", 10, 5),
            new("/m/B/01.wav", 10, 5),
            new("/m/B/02.wav", 10, 5),
        ];
        let mut pairs = moved(&missing, &added);
        pairs.sort();
        assert_eq!(
            pairs.iter().map(|(id, _, to)| (*id, to.as_str())).collect::<Vec<_>>(),
            vec![(1, "/m/B/01.wav"), (2, "/m/B/02.wav"), (3, "/m/B/03.wav")]
        );
    }

    #[test]
    fn what_cannot_be_told_apart_pairs_nothing() {
        let missing = [gone(1, "/m/A/x.wav", 10, 5), gone(2, "/m/B/x.wav", 10, 5)];
        let added = [new("/m/C/x.wav", 10, 5), new("/m/D/x.wav", 10, 5)];
        assert!(moved(&missing, &added).is_empty());
        assert!(moved(&[gone(1, "/m/A/x.wav", 10, 5)], &[new("/m/A/x.wav", 11, 5)]).is_empty());
    }
}
