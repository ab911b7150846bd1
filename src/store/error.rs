use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
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
