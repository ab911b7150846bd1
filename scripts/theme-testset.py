#!/usr/bin/env python3
"""The theme finder's test set, made with a real synthesizer, and its accuracy.

Six themes, each stated alone, and recurring four times inside longer cues with
accompaniment: transposed, at other tempos (x0.8, x1.25), on other instruments, one
ornamented (passing notes between the theme's), one stating only its first half —
plus cues whose melodies are other tunes in the same keys on the same instruments.
Written as MIDI, rendered by FluidSynth with a General MIDI soundfont (Debian's
fluidsynth and timgm6mb-soundfont or fluid-soundfont-gm), encoded to FLAC by ffmpeg,
scanned and analysed by Leitmotif; then each theme's statement is searched for with
`leitmotif themes find --all --json`. A match counts when it is in a cue holding a
statement of that theme and starts within 2 s of it.

    scripts/theme-testset.py [path/to/leitmotif]   (prints a Markdown table)
"""
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/leitmotif")
SF2 = next((p for p in ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/TimGM6mb.sf2",
                        "/usr/share/sounds/sf2/default-GM.sf2") if os.path.exists(p)), None)
RATE = 44100
TOLERANCE = 2.0

# Themes as (MIDI note, beats); all start at middle octaves.
THEMES = {
    "empress": [(69, 1), (71, .5), (69, .5), (66, 1), (64, 1), (62, 1.5), (64, .5), (66, 2), (69, 1), (71, 1), (74, 1.5), (71, .5), (69, 4)],
    "prince": [(62, 1), (65, 1), (69, 1.5), (67, .5), (65, 1), (64, 1), (62, 2), (60, 1), (62, 1), (65, 1), (64, 1), (62, 4)],
    "garden": [(67, .5), (69, .5), (71, 1), (74, 1), (72, .5), (71, .5), (69, 1), (67, 2), (64, 1), (67, 1), (69, 2), (67, 4)],
    "storm": [(67, .5), (72, .5), (70, 1), (65, .5), (63, .5), (62, 2), (70, 1), (69, .5), (67, .5), (66, 1), (67, 1), (55, 4)],
    "letter": [(72, 2), (71, 1), (69, 1), (67, 2), (69, 1), (71, 1), (72, 1), (74, 1), (76, 2), (74, 4)],
    "market": [(64, .5), (67, .5), (69, .5), (67, .5), (64, 1), (62, 1), (60, .5), (62, .5), (64, 1), (67, 1), (64, 4)],
}
# General MIDI programs: piano, strings, oboe, horn, flute, nylon guitar, clarinet, cello.
INSTRUMENTS = [0, 48, 68, 60, 73, 24, 71, 42]


def vlq(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))


def track(events):
    """events: (tick, bytes) — sorted, delta-encoded into an MTrk chunk."""
    body, last = b"", 0
    for tick, data in sorted(events, key=lambda e: (e[0], e[1][0] & 0xF0 != 0x80)):
        body += vlq(tick - last) + data
        last = tick
    body += vlq(0) + b"\xff\x2f\x00"
    return b"MTrk" + struct.pack(">I", len(body)) + body


TPB = 480


def write_midi(path, bpm, parts):
    """parts: (channel, program, [(start_beat, note, beats, velocity)])."""
    tempo = int(60_000_000 / bpm)
    tracks = [track([(0, b"\xff\x51\x03" + tempo.to_bytes(3, "big"))])]
    for ch, program, notes in parts:
        ev = [(0, bytes([0xC0 | ch, program]))]
        for start, note, beats, vel in notes:
            on = int(start * TPB)
            off = int((start + beats * 0.95) * TPB)
            ev.append((on, bytes([0x90 | ch, note, vel])))
            ev.append((off, bytes([0x80 | ch, note, 0])))
        tracks.append(track(ev))
    head = b"MThd" + struct.pack(">IHHH", 6, 1, len(tracks), TPB)
    with open(path, "wb") as f:
        f.write(head + b"".join(tracks))


def theme_notes(name, at, shift=0, ornament=False, half=False):
    notes, beat = [], at
    melody = THEMES[name]
    if half:
        total = sum(b for _, b in melody)
        acc, cut = 0, []
        for n, b in melody:
            if acc >= total / 2:
                break
            cut.append((n, b))
            acc += b
        melody = cut
    for k, (n, b) in enumerate(melody):
        if ornament and b >= 1 and k + 1 < len(melody):
            # A passing note on the way to the next one.
            notes.append((beat, n + shift, b / 2, 96))
            notes.append((beat + b / 2, (n + melody[k + 1][0]) // 2 + shift, b / 2, 80))
        else:
            notes.append((beat, n + shift, b, 96))
        beat += b
    return notes, beat - at


def accompaniment(beats, root, ch_rng):
    """Block chords and a bass line under everything, in the cue's key."""
    chords = [[0, 4, 7], [9, 12, 16], [5, 9, 12], [7, 11, 14]]
    pad, bass = [], []
    for bar in range(int(beats // 4) + 1):
        c = chords[(bar + ch_rng.randrange(2)) % 4]
        for iv in c:
            pad.append((bar * 4, 48 + root + iv, 4, 52))
        bass.append((bar * 4, 36 + root + c[0], 2, 70))
        bass.append((bar * 4 + 2, 36 + root + c[0] + 7, 2, 60))
    return pad, bass


def other_tune(rng, at, beats, root):
    scale = [0, 2, 4, 7, 9, 12, 14]
    notes, b = [], at
    while b < at + beats:
        d = rng.choice([.5, 1, 1, 2])
        notes.append((b, 60 + root + rng.choice(scale), d, 90))
        b += d
    return notes


def render(mid, flac):
    wav = flac[:-5] + ".wav"
    subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.7", "-r", str(RATE), "-F", wav, SF2, mid],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", wav, "-c:a", "flac", flac], check=True)
    os.remove(wav)


def build(root):
    # TESTSET_SEED makes another set of the same shape: what the finder was tuned on
    # (2026) and what it is checked against.
    rng = random.Random(int(os.environ.get("TESTSET_SEED", "2026")))
    music = os.path.join(root, "music", "Testset")
    os.makedirs(music, exist_ok=True)
    truth = {name: [] for name in THEMES}
    statements = {}
    # Each theme alone, on piano at 96 bpm.
    for i, name in enumerate(THEMES):
        notes, beats = theme_notes(name, 1)
        mid = os.path.join(root, f"s{i}.mid")
        write_midi(mid, 96, [(0, 0, notes)])
        path = os.path.join(music, f"{i + 1:02d} Theme {name}.flac")
        render(mid, path)
        statements[name] = (path, 60 / 96 * 1, 60 / 96 * (1 + beats))
    # Cues: two statements each among other music; 4 recurrences per theme over 12 cues.
    plan = []
    for name in THEMES:
        plan += [(name, "transposed"), (name, "tempo"), (name, "ornamented"), (name, "half")]
    rng.shuffle(plan)
    cue_no = 0
    for c in range(0, len(plan), 2):
        pair = plan[c:c + 2]
        cue_no += 1
        bpm = rng.choice([76, 96, 120])
        key = rng.randrange(-3, 4)
        beat, parts_melody, total = 4, [], 0
        lead_ch = 1
        for name, how in pair:
            filler = other_tune(rng, beat, 8, key)
            parts_melody += filler
            beat += 8
            shift = rng.choice([-5, -3, 2, 5, 7]) if how == "transposed" else key
            tempo_scale = {"tempo": rng.choice([0.8, 1.25])}.get(how, 1.0)
            notes, beats = theme_notes(name, beat, shift, ornament=how == "ornamented", half=how == "half")
            # A tempo change: the statement's beats stretched inside the cue's tempo.
            notes = [(beat + (s - beat) / tempo_scale, n, b / tempo_scale, v) for s, n, b, v in notes]
            start = beat * 60 / bpm
            end = (beat + beats / tempo_scale) * 60 / bpm
            parts_melody += notes
            truth[name].append((f"{20 + cue_no:02d} Cue {cue_no}.flac", start, end, how))
            beat += beats / tempo_scale + 2
        total = beat + 8
        parts_melody += other_tune(rng, beat, 6, key)
        pad, bass = accompaniment(total, key, rng)
        program = rng.choice(INSTRUMENTS[1:])
        mid = os.path.join(root, f"c{cue_no}.mid")
        write_midi(mid, bpm, [(lead_ch, program, parts_melody), (2, 48, pad), (3, 32, bass)])
        render(mid, os.path.join(music, f"{20 + cue_no:02d} Cue {cue_no}.flac"))
    # Distractors: other tunes only, same keys and instruments.
    for d in range(4):
        bpm = rng.choice([76, 96, 120])
        key = rng.randrange(-3, 4)
        tune = other_tune(rng, 2, 48, key)
        pad, bass = accompaniment(52, key, rng)
        mid = os.path.join(root, f"d{d}.mid")
        write_midi(mid, bpm, [(1, rng.choice(INSTRUMENTS), tune), (2, 48, pad), (3, 32, bass)])
        render(mid, os.path.join(music, f"{40 + d:02d} Other {d}.flac"))
    return music, statements, truth


def main():
    if SF2 is None or not shutil.which("fluidsynth"):
        sys.exit("theme-testset: needs fluidsynth and a GM soundfont (apt install fluidsynth timgm6mb-soundfont)")
    # TESTSET_DIR keeps the rendered, scanned and analysed set there, to score again
    # without making it again (the finder's tuning); otherwise it is made and removed.
    kept = os.environ.get("TESTSET_DIR")
    root = kept or tempfile.mkdtemp(prefix="leitmotif-themes-")
    env = dict(os.environ, XDG_DATA_HOME=f"{root}/data", XDG_CONFIG_HOME=f"{root}/config", XDG_CACHE_HOME=f"{root}/cache")
    made = os.path.join(root, "truth.json")
    try:
        if kept and os.path.exists(made):
            with open(made) as f:
                music, statements, truth = json.load(f)
        else:
            os.makedirs(root, exist_ok=True)
            music, statements, truth = build(root)
            subprocess.run([BIN, "scan", music], env=env, check=True, stdout=subprocess.DEVNULL)
            subprocess.run([BIN, "analyze"], env=env, check=True, stdout=subprocess.DEVNULL)
            with open(made, "w") as f:
                json.dump([music, statements, truth], f)
        rows, all_tp, all_fp, all_truth = [], 0, 0, 0
        for name, (path, start, end) in statements.items():
            # The finder's own confidence unless MIN_SCORE asks for another.
            floor = ["--min-score", os.environ["MIN_SCORE"]] if "MIN_SCORE" in os.environ else []
            out = subprocess.run([BIN, "themes", "find", path, "--from", f"{start:.2f}", "--to", f"{end:.2f}", "--all", "--json",
                                  *floor],
                                 env=env, check=True, capture_output=True, text=True).stdout
            matches = [json.loads(l) for l in out.splitlines() if l.strip()]
            left = list(truth[name])
            tp, fp, missed = 0, 0, []
            for m in matches:
                hit = next((t for t in left if os.path.basename(m["path"]) == t[0] and abs(m["start"] - t[1]) <= TOLERANCE), None)
                if hit:
                    tp += 1
                    left.remove(hit)
                else:
                    fp += 1
            missed = [t[3] for t in left]
            if os.environ.get("VERBOSE"):
                print(name, "truth", truth[name], file=sys.stderr)
                for m in matches:
                    print("   ", os.path.basename(m["path"]), m["start"], m["end"], m["score"], m["transposed"], file=sys.stderr)
            rows.append((name, len(truth[name]), tp, fp, missed))
            all_tp, all_fp, all_truth = all_tp + tp, all_fp + fp, all_truth + len(truth[name])
        print("| theme | recurrences | found | false matches | recall | precision | missed |")
        print("|---|---|---|---|---|---|---|")
        for name, n, tp, fp, missed in rows:
            prec = tp / (tp + fp) if tp + fp else 1.0
            print(f"| {name} | {n} | {tp} | {fp} | {tp / n:.2f} | {prec:.2f} | {', '.join(missed) or '—'} |")
        prec = all_tp / (all_tp + all_fp) if all_tp + all_fp else 1.0
        print(f"| **all** | {all_truth} | {all_tp} | {all_fp} | {all_tp / all_truth:.2f} | {prec:.2f} | |")
    finally:
        if not kept:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
