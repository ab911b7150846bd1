-- Which version of the shape features (waveform, pitch frames) a row was measured
-- with. Rows older than the program's are measured again in the background; their
-- loudness stays in use meanwhile. Version 2: the pitch frames follow the melody
-- (harmonic salience in the melody's range) instead of the whole mix's chroma.
ALTER TABLE analysis ADD COLUMN features INTEGER NOT NULL DEFAULT 1;
