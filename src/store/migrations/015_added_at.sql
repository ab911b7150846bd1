-- When each file was first seen, for "Recently added" and `added<30d`. Files already in
-- the library take their modification time, the nearest thing to it that is known.
ALTER TABLE files ADD COLUMN added_at INTEGER;
UPDATE files SET added_at = mtime_ns / 1000000000;
