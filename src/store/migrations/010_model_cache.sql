-- The library's grouping (albums, series, franchises) as the last build made it, so a
-- launch reads it instead of grouping 100k tracks again. `key` names everything it was
-- made from (the generation, the library folders, the user's fixes, the grouping code);
-- a build with any of them different ignores it and writes a new one.
CREATE TABLE model_cache (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    key  BLOB NOT NULL,
    data BLOB NOT NULL
);
