-- Saved smart playlists: a name and the query (docs/queries.md) that fills it, read
-- afresh whenever it is shown or exported.
CREATE TABLE smart_playlists (
    name  TEXT PRIMARY KEY,
    query TEXT NOT NULL
);
