use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}{hint}", hint = hint(source))]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "database {path} was written by a newer Leitmotif (schema {found}, this build knows up to {known}); \
         it was left untouched"
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("cannot back up {path} before upgrading it: {source}")]
    Backup {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A change that would break a rule of the data (a name used twice).
    #[error("{0}")]
    Conflict(String),
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What the user can do about the failures that are not bugs. SQLite rolls the
/// transaction back in each case, so nothing was half-written.
fn hint(source: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode;
    match source.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => " (the disk is full: free some space; nothing was changed)",
        Some(ErrorCode::ReadOnly) => " (the data folder is read-only: nothing was changed)",
        Some(ErrorCode::CannotOpen) => " (the data folder cannot be opened: check that it exists and is writable)",
        Some(ErrorCode::PermissionDenied) => " (permission denied: nothing was changed)",
        // A write cut short by a full disk or a file size limit.
        Some(ErrorCode::SystemIoFailure) => " (the disk could not be written: is it full? nothing was changed)",
        _ => "",
    }
}

/// The window shows a store's failure as a sentence: `?` turns one into it.
impl From<StoreError> for String {
    fn from(e: StoreError) -> String {
        e.to_string()
    }
}
