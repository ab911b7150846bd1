-- Small values derived from the library that are costly to recompute, such as the
-- album and series counts a scan reports. Any write that could change them deletes
-- them (see `Store::invalidate_summary`).
CREATE TABLE summary_cache (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

-- Whatever can change the counts clears the cache. Tracks only change with their file's
-- row (written in the same transaction), so files, roots and overrides are enough.
CREATE TRIGGER summary_files_insert AFTER INSERT ON files BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_files_delete AFTER DELETE ON files BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_files_update AFTER UPDATE ON files BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_roots_insert AFTER INSERT ON roots BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_roots_delete AFTER DELETE ON roots BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_roots_update AFTER UPDATE ON roots BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_overrides_insert AFTER INSERT ON series_overrides BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_overrides_delete AFTER DELETE ON series_overrides BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_overrides_update AFTER UPDATE ON series_overrides BEGIN DELETE FROM summary_cache; END;
