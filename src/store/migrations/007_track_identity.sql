-- References to tracks carry what tells same-named tracks apart (album artist, length)
-- and the audio key that survives moves and re-tags (src/library/identity.rs).
ALTER TABLE character_tracks ADD COLUMN album_artist TEXT;
ALTER TABLE character_tracks ADD COLUMN length_ms INTEGER;
ALTER TABLE character_tracks ADD COLUMN audio TEXT;
ALTER TABLE scene_tracks ADD COLUMN album_artist TEXT;
ALTER TABLE scene_tracks ADD COLUMN length_ms INTEGER;
ALTER TABLE scene_tracks ADD COLUMN audio TEXT;
ALTER TABLE track_labels ADD COLUMN album_artist TEXT;
ALTER TABLE track_labels ADD COLUMN length_ms INTEGER;
ALTER TABLE track_labels ADD COLUMN audio TEXT;
