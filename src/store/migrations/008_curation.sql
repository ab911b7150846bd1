-- The user's fixes to grouping, kept apart from the files: series merged by an alias,
-- a series' display name, a series put in a franchise, albums merged or split. Keyed by
-- the folded series name or the album key, so they survive rescans. (Moving an album to
-- another series stays in series_overrides.)
CREATE TABLE curation (
    kind    TEXT NOT NULL CHECK (kind IN ('alias', 'series_name', 'franchise', 'album_merge', 'album_split')),
    subject TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (kind, subject)
);
CREATE TRIGGER summary_curation_insert AFTER INSERT ON curation BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_curation_delete AFTER DELETE ON curation BEGIN DELETE FROM summary_cache; END;
CREATE TRIGGER summary_curation_update AFTER UPDATE ON curation BEGIN DELETE FROM summary_cache; END;
