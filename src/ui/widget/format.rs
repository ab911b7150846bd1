//! Numbers as people read them.

use std::time::Duration;

/// 3:07, 1:02:03.
pub fn duration(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

pub fn duration_ms(ms: u64) -> String {
    duration(Duration::from_millis(ms))
}

/// "1 album", "12 tracks".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_counts() {
        assert_eq!(duration(Duration::from_millis(187_400)), "3:07");
        assert_eq!(duration(Duration::from_secs(3723)), "1:02:03");
        assert_eq!(count(1, "album", "albums"), "1 album");
        assert_eq!(count(3, "track", "tracks"), "3 tracks");
    }
}
