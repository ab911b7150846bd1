-- Timed cues: a reference to a track can name a span inside it — where a character's
-- theme is stated, where a scene uses the track — with a note ("erhu, slower").
ALTER TABLE character_tracks ADD COLUMN at_ms INTEGER CHECK (at_ms >= 0);
ALTER TABLE character_tracks ADD COLUMN until_ms INTEGER CHECK (until_ms > at_ms);
ALTER TABLE character_tracks ADD COLUMN cue_note TEXT;
ALTER TABLE scene_tracks ADD COLUMN at_ms INTEGER CHECK (at_ms >= 0);
ALTER TABLE scene_tracks ADD COLUMN until_ms INTEGER CHECK (until_ms > at_ms);
ALTER TABLE scene_tracks ADD COLUMN cue_note TEXT;
ALTER TABLE track_labels ADD COLUMN at_ms INTEGER CHECK (at_ms >= 0);
ALTER TABLE track_labels ADD COLUMN until_ms INTEGER CHECK (until_ms > at_ms);
ALTER TABLE track_labels ADD COLUMN cue_note TEXT;
