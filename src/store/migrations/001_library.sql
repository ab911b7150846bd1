-- Library roots, the files found under them, and the tracks read from those files.
CREATE TABLE roots (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    available INTEGER NOT NULL DEFAULT 1,
    added_at INTEGER NOT NULL
);

-- One row per audio file seen; size + mtime decide whether a rescan reopens it.
-- error is set when the file could not be read (it then has no tracks).
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    root_id INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    available INTEGER NOT NULL DEFAULT 1,
    error TEXT
);
CREATE INDEX files_root ON files(root_id);

-- A file yields one track, or one per CUE entry (cue_index 1..n, times in 1/75 s sectors).
CREATE TABLE tracks (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    cue_index INTEGER NOT NULL DEFAULT 0,
    title TEXT,
    artist TEXT,
    album_artist TEXT,
    album TEXT,
    disc INTEGER,
    disc_total INTEGER,
    track INTEGER,
    track_total INTEGER,
    disc_subtitle TEXT,
    duration_ms INTEGER,
    format TEXT NOT NULL,
    sample_rate INTEGER,
    bit_depth INTEGER,
    channels INTEGER,
    composer TEXT,
    grouping TEXT,
    work TEXT,
    show TEXT,
    series_tag TEXT,
    catalog TEXT,
    date TEXT,
    genre TEXT,
    compilation INTEGER NOT NULL DEFAULT 0,
    rg_track_gain REAL,
    rg_track_peak REAL,
    rg_album_gain REAL,
    rg_album_peak REAL,
    mb_recording_id TEXT,
    mb_release_id TEXT,
    has_lyrics INTEGER NOT NULL DEFAULT 0,
    cover TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    UNIQUE (file_id, cue_index)
);

-- The user's choice of series for an album (album key as the library computes it).
-- Kept in the database only, never written into files; rescans leave it alone.
CREATE TABLE series_overrides (
    album_key TEXT PRIMARY KEY,
    series TEXT NOT NULL
);
