-- The per-row triggers on files and tracks ran two more statements for every row a scan
-- writes (a tenth of a 10k import). The store's writers of those two tables now mark the
-- change once per transaction (`Store::write_scanned` and its neighbours in
-- library_rows.rs); deleting a root, which cascades to its files, marks it here.
DROP TRIGGER generation_files_insert;
DROP TRIGGER generation_files_delete;
DROP TRIGGER generation_files_update;
DROP TRIGGER generation_tracks_insert;
DROP TRIGGER generation_tracks_delete;
DROP TRIGGER generation_tracks_update;
DROP TRIGGER summary_files_insert;
DROP TRIGGER summary_files_delete;
DROP TRIGGER summary_files_update;
CREATE TRIGGER generation_roots_delete AFTER DELETE ON roots BEGIN UPDATE library_generation SET n = n + 1; END;
