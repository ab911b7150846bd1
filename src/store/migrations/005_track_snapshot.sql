-- The rows the library loads, packed into one blob: reading it is several times faster
-- than stepping every row (a 100k-track library). It is only used while the library's
-- generation is the one it was packed at; any change to files or tracks moves it on.
CREATE TABLE library_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO library_generation (id, n) VALUES (1, 0);

CREATE TABLE track_snapshot (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    format     INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    data       BLOB NOT NULL
);

CREATE TRIGGER generation_files_insert AFTER INSERT ON files BEGIN UPDATE library_generation SET n = n + 1; END;
CREATE TRIGGER generation_files_delete AFTER DELETE ON files BEGIN UPDATE library_generation SET n = n + 1; END;
CREATE TRIGGER generation_files_update AFTER UPDATE ON files BEGIN UPDATE library_generation SET n = n + 1; END;
CREATE TRIGGER generation_tracks_insert AFTER INSERT ON tracks BEGIN UPDATE library_generation SET n = n + 1; END;
CREATE TRIGGER generation_tracks_delete AFTER DELETE ON tracks BEGIN UPDATE library_generation SET n = n + 1; END;
CREATE TRIGGER generation_tracks_update AFTER UPDATE ON tracks BEGIN UPDATE library_generation SET n = n + 1; END;
