-- User playlists. Items are files (and ranges of files for CUE tracks), as in every
-- other player's playlists, so they move to and from M3U8 unchanged.
CREATE TABLE playlists (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE playlist_items (
    playlist_id INTEGER NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    path        TEXT NOT NULL,
    start_ms    INTEGER,
    end_ms      INTEGER,
    PRIMARY KEY (playlist_id, position)
);
