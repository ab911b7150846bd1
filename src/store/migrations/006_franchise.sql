-- A FRANCHISE tag groups a show's seasons, films and games. Files scanned before this
-- column existed are read again on the next scan (their stamp no longer matches).
ALTER TABLE tracks ADD COLUMN franchise TEXT;
UPDATE files SET mtime_ns = -1;
