-- Listening history and favourites. A track is named by its file (and CUE entry) and
-- by its audio key (src/library/identity.rs), so its history finds it again after a
-- move or rename. Times are Unix seconds.
CREATE TABLE listening (
    path         TEXT NOT NULL,
    cue_index    INTEGER NOT NULL DEFAULT 0,
    audio        TEXT,
    plays        INTEGER NOT NULL DEFAULT 0,
    skips        INTEGER NOT NULL DEFAULT 0,
    first_played INTEGER,
    last_played  INTEGER,
    PRIMARY KEY (path, cue_index)
);
CREATE INDEX listening_audio ON listening (audio);

-- A favourite track ("cue_index path"), album (its key) or series (its name).
CREATE TABLE favourites (
    kind     TEXT NOT NULL CHECK (kind IN ('track', 'album', 'series')),
    key      TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
);
