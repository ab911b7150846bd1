-- Soundtrack annotations: characters and their leitmotifs, scenes, moods and
-- instruments, per series (by name). Tracks are referred to by what identifies them
-- across libraries (MusicBrainz recording id, else album + disc + track + title), never
-- by row id, so annotations survive rescans and can be shared as series sheets.

CREATE TABLE characters (
    id            INTEGER PRIMARY KEY,
    series        TEXT NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    original_name TEXT,
    colour        TEXT,
    note          TEXT,
    UNIQUE (series, name)
);

CREATE TABLE character_tracks (
    character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('theme', 'variation', 'appears')),
    mbid         TEXT,
    album        TEXT NOT NULL,
    disc         INTEGER,
    track        INTEGER,
    title        TEXT NOT NULL,
    PRIMARY KEY (character_id, position)
);

CREATE TABLE scenes (
    id         INTEGER PRIMARY KEY,
    series     TEXT NOT NULL,
    position   INTEGER NOT NULL,
    episode    INTEGER NOT NULL CHECK (episode >= 1),
    at_seconds INTEGER CHECK (at_seconds >= 0),
    title      TEXT NOT NULL,
    note       TEXT
);

CREATE TABLE scene_tracks (
    scene_id INTEGER NOT NULL REFERENCES scenes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    mbid     TEXT,
    album    TEXT NOT NULL,
    disc     INTEGER,
    track    INTEGER,
    title    TEXT NOT NULL,
    PRIMARY KEY (scene_id, position)
);

-- Moods and instruments: free labels on tracks.
CREATE TABLE track_labels (
    series   TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('mood', 'instrument')),
    label    TEXT NOT NULL,
    position INTEGER NOT NULL,
    mbid     TEXT,
    album    TEXT NOT NULL,
    disc     INTEGER,
    track    INTEGER,
    title    TEXT NOT NULL,
    PRIMARY KEY (series, kind, label, position)
);

-- "Watched up to episode N": later scenes stay hidden.
CREATE TABLE spoiler_guard (
    series        TEXT PRIMARY KEY,
    watched_up_to INTEGER NOT NULL CHECK (watched_up_to >= 0)
);

CREATE INDEX characters_by_series ON characters (series, position);
CREATE INDEX scenes_by_series ON scenes (series, position);
