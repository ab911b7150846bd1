-- What the analysis pass measured of each track (src/analysis/), keyed by the file's
-- path and CUE entry. size and mtime_ns are the file's stamp when it was measured: a
-- changed file is measured again. Kept apart from `tracks`, which a rescan rewrites.
CREATE TABLE analysis (
    path TEXT NOT NULL,
    cue_index INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    integrated_lufs REAL,          -- NULL: silence (or an error)
    range_lu REAL,
    true_peak REAL,                -- linear, 1.0 = full scale
    sample_peak REAL,
    -- The album it was measured with: loudness over all the album's blocks, the
    -- album's peak, and how many tracks it had then (another count: measured again).
    album_lufs REAL,
    album_peak REAL,
    album_tracks INTEGER,
    error TEXT,                    -- could not be decoded; tried again when the file changes
    PRIMARY KEY (path, cue_index)
) WITHOUT ROWID;

-- The seek bar's waveform and the theme finder's chroma, apart so that reading the
-- gains of a whole library never pages through these blobs.
CREATE TABLE analysis_shape (
    path TEXT NOT NULL,
    cue_index INTEGER NOT NULL,
    waveform BLOB NOT NULL,        -- per column: min, max as i8
    chroma BLOB NOT NULL,          -- per 100 ms: 12 pitch classes, 4 bits each
    UNIQUE (path, cue_index)
);
