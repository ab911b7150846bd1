#!/usr/bin/env python3
"""make-demo.py — synthesizes Leitmotif's demo library into assets/demo/.

Run from anywhere as `python3 scripts/make-demo.py`; it deletes and recreates
assets/demo/. It needs only the Python 3 standard library and the `ffmpeg` binary.

It writes a small fictional K-drama soundtrack, "The Emperor's Secret Garden"
(composer Han Seo-yeon): two OST parts (a vocal track and its "(Inst.)" each) and
the five-track original score, as tagged Ogg Opus files (Ogg Vorbis if this ffmpeg
has no libopus), plus a cover.png per album drawn here and a LICENSE.txt.

Everything is synthesized from scratch and deterministic (fixed seeds): plucked
strings (Karplus–Strong, gayageum-like) playing pentatonic themes, warm string
pads (detuned band-limited saws, slow attack, low-passed by averaging), a sung
"voice" line (harmonic oscillator with vibrato and glides), soft drums and a
Schroeder reverb. The Empress's Theme is the leitmotif: its opening cell returns
in the OST songs' intros, in Lee Hwan's Resolve, at Dusk, in The Confession, and
whole in the Gayageum Reprise. Audio is made at 24 kHz in Python, written as WAV
to a temp dir, and resampled to 48 kHz stereo and encoded by ffmpeg. The outputs
(audio, covers) are dedicated to the public domain under CC0 1.0.
"""
import array
import math
import operator
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import wave
import zlib
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "demo"
SR = 24000  # synthesis rate; ffmpeg resamples to 48 kHz
SERIES = "The Emperor's Secret Garden"
COMPOSER = "Han Seo-yeon"
COMMENT = "CC0 \u2014 synthesized for Leitmotif's demo"

# --------------------------------------------------------------------------- notes

_PC = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


def midi(name):
    """'F#4' → 66."""
    pc, rest = _PC[name[0]], name[1:]
    if rest[0] == "#":
        pc, rest = pc + 1, rest[1:]
    elif rest[0] == "b":
        pc, rest = pc - 1, rest[1:]
    return 12 * (int(rest) + 1) + pc


def hz(m):
    return 440.0 * 2.0 ** ((m - 69) / 12.0)


def notes(text):
    return [midi(n) for n in text.split()]


def phrase(text):
    """'A4:1 B4:.5 r:1 | D5:2' → [(midi or None, beats), ...]; bars ('|') are for reading."""
    out = []
    for tok in text.replace("|", " ").split():
        n, d = tok.split(":")
        out.append((None if n == "r" else midi(n), float(d)))
    return out


def place(phr, start_beat, transpose=0):
    """Phrase → [(beat, midi, beats)] from start_beat, rests dropped."""
    out, b = [], start_beat
    for m, d in phr:
        if m is not None:
            out.append((b, m + transpose, d))
        b += d
    return out


# The leitmotif: the Empress's Theme in D major pentatonic (D E F# A B).
EMPRESS_A = phrase("A4:1 B4:.5 A4:.5 F#4:1 E4:1 | D4:1.5 E4:.5 F#4:2 | A4:1 B4:1 D5:1.5 B4:.5 | A4:4")
EMPRESS_B = phrase("B4:1 D5:1 E5:1.5 D5:.5 | B4:1 A4:1 F#4:2 | A4:1 B4:.5 A4:.5 F#4:1 E4:1 | D4:4")
MOTIF = EMPRESS_A[:5]  # A B A F# E — the cell that recurs everywhere

# --------------------------------------------------------------------------- DSP helpers

TAB_N = 4096
TAB_MASK = TAB_N - 1


def table(partials):
    """One period of a sum of sine partials [(harmonic, amplitude)], peak-normalized."""
    t = [sum(a * math.sin(2 * math.pi * k * i / TAB_N) for k, a in partials) for i in range(TAB_N)]
    p = max(abs(v) for v in t)
    return [v / p for v in t]


SINE = table([(1, 1.0)])
STRINGS = table([(k, 0.72 ** (k - 1) / k) for k in range(1, 11)])  # soft band-limited saw
VOICE = table([(1, 1.0), (2, 0.5), (3, 0.32), (4, 0.16), (5, 0.1), (6, 0.05), (7, 0.03)])
FLUTE = table([(1, 1.0), (2, 0.22), (3, 0.12), (4, 0.05), (5, 0.03)])
FIDDLE = table([(k, 0.86 ** k / k ** 0.6) for k in range(1, 10)])  # nasal bowed string


def acc(dst, off, src, g):
    """dst[off:] += g * src (clipped to dst)."""
    if off < 0:
        src, off = src[-off:], 0
    n = min(len(src), len(dst) - off)
    if n <= 0 or g == 0:
        return
    dst[off:off + n] = [a + g * b for a, b in zip(dst[off:off + n], src)]


def smooth(x, k):
    """Moving average of k samples (a gentle low-pass), same length."""
    c = list(accumulate(x, initial=0.0))
    inv = 1.0 / k
    y = [(a - b) * inv for a, b in zip(c[k:], c)]
    return y + [0.0] * (len(x) - len(y))


def env_ramp(n, up=True):
    """Raised-cosine ramp of n samples."""
    if n <= 0:
        return []
    r = [0.5 - 0.5 * math.cos(math.pi * i / n) for i in range(n)]
    return r if up else r[::-1]


# ---- Karplus–Strong plucked string, computed in blocks of one period ----------

class Pluck:
    def __init__(self, name, t60, soft, pick, ring, gain=1.0):
        self.name, self.t60, self.soft, self.pick, self.ring, self.gain = name, t60, soft, pick, ring, gain


GAYAGEUM = Pluck("gayageum", 2.2, 2, 0.17, 1.8)      # silk strings: soft, hollow
GAYA_LEAD = Pluck("gaya-lead", 2.6, 1, 0.13, 2.6)    # melody plucks: a bit brighter
GEOMUNGO = Pluck("geomungo", 1.7, 4, 0.30, 2.2, 2.2)  # low, dark bass pluck
HARP = Pluck("harp", 3.2, 1, 0.45, 2.4)              # rounder, brighter (The Confession)

_pluck_cache = {}


def pluck(m, kind, var=0, ring=None):
    ring = kind.ring if ring is None else ring
    key = (m, kind.name, var, round(ring, 2))
    if key in _pluck_cache:
        return _pluck_cache[key]
    f = hz(m)
    rng = random.Random(f"{kind.name}:{m}:{var}")
    p = SR / f                      # loop delay in samples
    big_m = int(p - 0.5)            # the 3-tap loop filter adds 0.5 + w samples of delay
    w = p - 0.5 - big_m
    t60 = kind.t60 * (220.0 / f) ** 0.35
    g = 10.0 ** (-3.0 / (t60 * f))  # loss per period
    a, b, c = 0.5 * (1 - w) * g, 0.5 * g, 0.5 * w * g
    n0 = big_m + 2
    exc = [rng.uniform(-1.0, 1.0) for _ in range(n0)]
    for _ in range(kind.soft):      # softer finger/plectrum: low-pass the excitation
        exc = [0.25 * exc[i - 1] + 0.5 * exc[i] + 0.25 * exc[(i + 1) % n0] for i in range(n0)]
    k = max(1, int(n0 * kind.pick))  # pluck position: comb-filter the excitation
    exc = [exc[i] - exc[i - k] for i in range(n0)]
    mean = sum(exc) / n0
    exc = [e - mean for e in exc]
    peak = max(abs(e) for e in exc) or 1.0
    y = [e / peak for e in exc]
    n = int(ring * SR)
    mm = big_m
    while len(y) < n:
        s = len(y)
        y.extend([a * u + b * v + c * q for u, v, q in zip(y[s - mm:s], y[s - mm - 1:s - 1], y[s - mm - 2:s - 2])])
    y = y[:n]
    fi = 24  # 1 ms attack, 80 ms release
    for i in range(fi):
        y[i] *= i / fi
    fo = int(0.08 * SR)
    tail = env_ramp(fo, up=False)
    y[n - fo:] = [s * e for s, e in zip(y[n - fo:], tail)]
    _pluck_cache[key] = y
    return y


# ---- drums --------------------------------------------------------------------

_drum_cache = {}


def drum(kind):
    if kind in _drum_cache:
        return _drum_cache[kind]
    rng = random.Random("drum:" + kind)
    if kind == "buk":      # barrel drum: low thump with a pitch drop
        n, f0, f1, tf, ta, noise = int(0.7 * SR), 56.0, 75.0, 0.03, 0.24, 0.22
    elif kind == "kung":   # janggu, palm side
        n, f0, f1, tf, ta, noise = int(0.45 * SR), 92.0, 45.0, 0.02, 0.15, 0.12
    else:                  # "deok": janggu, stick side — mostly a filtered click
        n, f0, f1, tf, ta, noise = int(0.25 * SR), 420.0, 60.0, 0.01, 0.05, 1.0
    ph, out = 0.0, []
    two_pi = 2 * math.pi
    for i in range(n):
        t = i / SR
        ph += two_pi * (f0 + f1 * math.exp(-t / tf)) / SR
        out.append(math.sin(ph) * math.exp(-t / ta))
    nz = [rng.uniform(-1, 1) for _ in range(n)]
    if kind == "deok":
        nz = [a - b for a, b in zip(smooth(nz, 3), smooth(nz, 14))]  # band-pass-ish
        out = [0.45 * o + noise * z * 2.2 * math.exp(-i / (0.03 * SR)) for i, (o, z) in enumerate(zip(out, nz))]
    else:
        nz = smooth(nz, 6)
        out = [o + noise * z * math.exp(-i / (0.008 * SR)) for i, (o, z) in enumerate(zip(out, nz))]
    for i in range(48):
        out[i] *= i / 48
    peak = max(abs(v) for v in out)
    out = [v / peak for v in out]
    _drum_cache[kind] = out
    return out


# ---- sung / blown / bowed lead line ---------------------------------------------

class Lead:
    def __init__(self, name, tab, vib_rate, vib_cents, attack, release, glide, breath):
        self.name, self.tab = name, tab
        self.vib_rate, self.vib_cents = vib_rate, vib_cents
        self.attack, self.release, self.glide, self.breath = attack, release, glide, breath


VOX = Lead("voice", VOICE, 5.3, 24, 0.14, 0.26, 0.085, 0.012)
DAEGEUM = Lead("daegeum", FLUTE, 4.8, 20, 0.09, 0.2, 0.06, 0.045)
HAEGEUM = Lead("haegeum", FIDDLE, 6.0, 28, 0.07, 0.16, 0.05, 0.02)


def render_lead(line, kind, seed):
    """line: [(t_seconds, dur_seconds, midi)] → (start_seconds, samples)."""
    line = sorted(line)
    t_start = line[0][0]
    total = line[-1][0] + line[-1][1] + kind.release + 0.05 - t_start
    n = int(total * SR) + 1
    freq = [hz(line[0][2])] * n
    amp = [0.0] * n
    vdep = [0.0] * n
    att, rel = int(kind.attack * SR), int(kind.release * SR)
    prev_end, prev_f = None, None
    for i, (t0, d, m) in enumerate(line):
        f = hz(m)
        a = int((t0 - t_start) * SR)
        b = min(n, int((t0 + d - t_start) * SR))
        nxt = line[i + 1][0] if i + 1 < len(line) else None
        leg_next = nxt is not None and nxt - (t0 + d) < 0.03
        leg_prev = prev_end is not None and t0 - prev_end < 0.03
        end = b if leg_next else min(n, b + rel)
        freq[a:end] = [f] * (end - a)
        if leg_prev:  # portamento, in the log-frequency domain
            gl = min(int(kind.glide * SR), b - a)
            r = f / prev_f
            freq[a:a + gl] = [prev_f * r ** (0.5 - 0.5 * math.cos(math.pi * k / gl)) for k in range(gl)]
        # amplitude: attack (a softer re-articulation when slurred), gentle sag, release
        seg = b - a
        up = min(att, seg)
        if leg_prev:
            head = [0.78 + 0.22 * e for e in env_ramp(up)]
        else:
            head = env_ramp(up)
        body = [1.0 - 0.12 * k / max(1, seg - up) for k in range(seg - up)]
        e = head + body
        if not leg_next:
            last = e[-1] if e else 1.0
            e += [last * v for v in env_ramp(end - b, up=False)]
        amp[a:a + len(e)] = [max(x, y) for x, y in zip(amp[a:a + len(e)], e)]
        # vibrato blooms after ~0.2 s on held notes
        v0, v1 = a + int(0.2 * SR), a + int(0.6 * SR)
        if d > 0.4:
            for k in range(v0, min(end, n)):
                vdep[k] = min(1.0, (k - v0) / (v1 - v0))
        prev_end, prev_f = t0 + d, f
    w = 2 * math.pi * kind.vib_rate / SR
    depth = kind.vib_cents * math.log(2) / 1200.0
    inc = [fr * (1.0 + depth * vd * math.sin(w * k)) * (TAB_N / SR)
           for k, (fr, vd) in enumerate(zip(freq, vdep))]
    tab = kind.tab
    sig = [tab[int(p) & TAB_MASK] * am for p, am in zip(accumulate(inc), amp)]
    if kind.breath:
        rng = random.Random(seed)
        nz = smooth([rng.uniform(-1, 1) for _ in range(n)], 3)
        sig = [s + kind.breath * z * am for s, z, am in zip(sig, nz, amp)]
    return t_start, sig


# ---- reverb (Schroeder: damped combs + allpasses, each computed in blocks) -----

def comb(x, d, g, damp):
    g1, g2 = g * (1 - damp), g * damp
    y = [0.0] * (d + 1)
    for s in range(0, len(x), d):
        xb = x[s:s + d]
        m = len(xb)
        y.extend([xi + g1 * p + g2 * q for xi, p, q in zip(xb, y[s + 1:s + 1 + m], y[s:s + m])])
    return y[d + 1:]


def allpass(x, d, g):
    xx = [0.0] * d + x
    y = [0.0] * d
    for s in range(0, len(x), d):
        m = min(d, len(x) - s)
        y.extend([-g * a + b + g * c for a, b, c in zip(xx[s + d:s + d + m], xx[s:s + m], y[s:s + m])])
    return y[d:]


def reverb(send):
    x = [0.0] * int(0.018 * SR) + send  # pre-delay
    x = x[:len(send)]
    outs = []
    for combs, aps in (((607, 695, 774, 847), (303, 240)), ((647, 738, 811, 880), (317, 229))):
        s = [0.0] * len(x)
        for d in combs:
            s = [a + b for a, b in zip(s, comb(x, d, 0.83, 0.35))]
        for d in aps:
            s = allpass(s, d, 0.5)
        outs.append([v * 0.25 for v in s])
    return outs


def limit(L, R, ceiling, block=48, release=0.08):
    """Look-ahead peak limiter working on 2 ms blocks: no sample ends above the ceiling."""
    n = len(L)
    starts = range(0, n, block)
    pk = [max(max(L[i:i + block]), -min(L[i:i + block]), max(R[i:i + block]), -min(R[i:i + block])) for i in starts]
    want = [min(1.0, ceiling / p) if p > 0 else 1.0 for p in pk]
    want = [min(want[max(0, i - 1):i + 2]) for i in range(len(want))]  # one block of look-ahead
    rel = 1.0 - math.exp(-block / (release * SR))
    g, gains = 1.0, []
    for w in want:  # instant attack, smooth release
        g = min(w, g + (1.0 - g) * rel)
        gains.append(g)
    gains.append(gains[-1])
    env = []
    for i in range(len(starts)):
        a, b = gains[i], gains[i + 1]
        env.extend([a + (b - a) * k / block for k in range(block)])
    return [v * e for v, e in zip(L, env)], [v * e for v, e in zip(R, env)]


# --------------------------------------------------------------------------- mixer

class Mix:
    def __init__(self, seconds):
        n = int(seconds * SR)
        self.n = n
        self.L, self.R, self.S = [0.0] * n, [0.0] * n, [0.0] * n
        self.padL, self.padR = [0.0] * n, [0.0] * n

    def copy(self):
        m = Mix.__new__(Mix)
        m.n = self.n
        for k in ("L", "R", "S", "padL", "padR"):
            setattr(m, k, list(getattr(self, k)))
        return m

    def add(self, t, sig, gain, pan=0.0, send=0.3):
        off = int(round(t * SR))
        th = (pan + 1) * math.pi / 4
        acc(self.L, off, sig, gain * math.cos(th) * math.sqrt(2))
        acc(self.R, off, sig, gain * math.sin(th) * math.sqrt(2))
        acc(self.S, off, sig, gain * send)

    def pluck(self, t, m, kind, vel, pan=0.0, send=0.3, var=0, ring=None):
        self.add(t, pluck(m, kind, var, ring), 0.22 * vel * kind.gain, pan, send)

    def drum(self, t, kind, vel, pan=0.0, send=0.15):
        self.add(t, drum(kind), 0.3 * vel, pan, send)

    def pad(self, t, dur, ms, gain, attack=1.2, release=1.6, send=0.5, seed=0, tab=STRINGS):
        """A chord of detuned string voices with slow attack and release."""
        rng = random.Random(f"pad:{seed}:{t:.3f}")
        n = int((dur + release) * SR)
        bus_a, bus_b = [0.0] * n, [0.0] * n
        for m in ms:
            for bus, cents in ((bus_a, -6.0), (bus_b, 6.5)):
                inc = hz(m) * 2 ** (cents / 1200) * TAB_N / SR
                ph = rng.random() * TAB_N
                bus[:] = [s + tab[int(ph + i * inc) & TAB_MASK] for i, s in enumerate(bus)]
        up = int(attack * SR)
        hold = max(0, int(dur * SR) - up)
        e = env_ramp(up) + [1.0] * hold
        e += env_ramp(n - len(e), up=False)
        g = gain * 0.045 / math.sqrt(len(ms))
        bus_a = [s * v for s, v in zip(bus_a, e)]
        bus_b = [s * v for s, v in zip(bus_b, e)]
        off = int(round(t * SR))
        acc(self.padL, off, bus_a, g * 1.2)
        acc(self.padL, off, bus_b, g * 0.5)
        acc(self.padR, off, bus_a, g * 0.5)
        acc(self.padR, off, bus_b, g * 1.2)
        acc(self.S, off, bus_a, g * send)
        acc(self.S, off, bus_b, g * send)

    def lead(self, line, kind, gain, pan=0.0, send=0.4, seed=0):
        t0, sig = render_lead(line, kind, seed)
        self.add(t0, sig, gain, pan, send)

    def master(self, wet=0.32):
        """→ (L, R) with reverb, normalized (RMS target, peak ≤ -3 dBFS), faded."""
        pl, pr = smooth(self.padL, 5), smooth(self.padR, 5)
        rl, rr = reverb(self.S)
        L = [a + b + wet * c for a, b, c in zip(self.L, pl, rl)]
        R = [a + b + wet * c for a, b, c in zip(self.R, pr, rr)]
        # gentle DC / rumble removal: subtract a long moving average
        for ch in (L, R):
            lo = smooth(ch, 2400)
            lo = [0.0] * 1200 + lo[:-1200]
            ch[:] = [a - b for a, b in zip(ch, lo)]
        peak = max(max(L), -min(L), max(R), -min(R)) or 1.0
        rms = math.sqrt((sum(v * v for v in L) + sum(v * v for v in R)) / (2 * len(L))) or 1.0
        ceiling = 10 ** (-3.0 / 20)
        # loudness target, letting the limiter shave at most 5 dB off the pluck transients
        gain = min(10 ** (-18.0 / 20) / rms, ceiling / peak * 10 ** (5.0 / 20))
        L, R = limit([v * gain for v in L], [v * gain for v in R], ceiling)
        fi, fo = int(0.08 * SR), int(0.45 * SR)
        env_in, env_out = env_ramp(fi), env_ramp(fo, up=False)
        out = []
        for ch in (L, R):
            ch[:fi] = [v * e for v, e in zip(ch[:fi], env_in)]
            ch[-fo:] = [v * e for v, e in zip(ch[-fo:], env_out)]
            out.append(ch)
        return out


# --------------------------------------------------------------------------- the music

class Clock:
    """Beats → seconds, with an optional ritardando from a given beat."""

    def __init__(self, bpm, rit_from=None, rit=0.0):
        self.spb, self.rit_from, self.rit = 60.0 / bpm, rit_from, rit

    def __call__(self, beat):
        t = beat * self.spb
        if self.rit_from is not None and beat > self.rit_from:
            t += self.spb * self.rit * (beat - self.rit_from) ** 2 / 2
        return t


def humanize(rng, base, spread=0.12):
    return base * (1.0 + rng.uniform(-spread, spread))


def arpeggio(mx, clk, rng, bars, pattern, step, kind=GAYAGEUM, vel=0.8, pan=-0.25, beats_per_bar=4, ring=None):
    """bars: [(start_beat, beats, tones)] → plucked broken chords."""
    for start, beats, tones in bars:
        per = max(1, round(1 / step))
        k = 0
        b = start
        while b < start + beats - 1e-6:
            m = tones[pattern[k % len(pattern)] % len(tones)]
            accent = 1.0 if k % per == 0 else 0.8
            mx.pluck(clk(b), m, kind, humanize(rng, vel * accent), pan, 0.3, var=k % 3, ring=ring)
            b += step
            k += 1


def melody_plucks(mx, clk, rng, events, kind=GAYA_LEAD, vel=1.0, pan=0.15, send=0.35, graces=(), scale=None):
    """Plucked melody; indices in graces get a quick upper-neighbour grace note (a gayageum ornament)."""
    for i, (b, m, d) in enumerate(events):
        t = clk(b)
        ring = max(1.4, min(3.2, clk(b + d) - t + 1.2))
        if i in graces and scale:
            up = min(x for x in scale if x > m)
            mx.pluck(t - 0.075, up, kind, humanize(rng, vel * 0.55, 0.05), pan, send, var=1, ring=0.4)
        mx.pluck(t, m, kind, humanize(rng, vel, 0.06), pan, send, var=i % 3, ring=ring)


def to_line(clk, events, legato=0.96):
    return [(clk(b), clk(b + d * legato) - clk(b), m) for b, m, d in events]


def chords(mx, clk, prog, gain, attack=1.0, release=1.5, seed=0, pad_ring=0.35):
    """prog: [(start_beat, beats, pad_notes)] → pad chords that overlap a little."""
    for start, beats, ms in prog:
        dur = clk(start + beats) - clk(start) + pad_ring
        mx.pad(clk(start), dur, ms, gain, attack, release, seed=seed)


def bass(mx, clk, rng, hits, kind=GEOMUNGO, vel=0.9, ring=2.2):
    for b, m in hits:
        mx.pluck(clk(b), m, kind, humanize(rng, vel, 0.06), 0.0, 0.2, var=0, ring=ring)


def bars_from(chart, beats_per_bar=4):
    """chart: list of bars, each [(name, beats)] → [(start_beat, beats, name)]."""
    out, b = [], 0.0
    for bar in chart:
        for name, beats in bar:
            out.append((b, beats, name))
            b += beats
    return out


# Chord table: name → (bass note, pad voicing, arpeggio tones)
CH = {
    "G": ("G2", "G3 B3 D4", "G2 D3 G3 B3 D4"),
    "D": ("D2", "F#3 A3 D4", "D3 A3 D4 F#4 A4"),
    "D/F#": ("F#2", "F#3 A3 D4", "D3 A3 D4 F#4 A4"),
    "Em": ("E2", "E3 G3 B3", "E2 B2 E3 G3 B3"),
    "C": ("C3", "E3 G3 C4", "C3 G3 C4 E4 G4"),
    "Bm": ("B1", "D3 F#3 B3", "B2 F#3 B3 D4 F#4"),
    "Am": ("A2", "A3 C4 E4", "A2 E3 A3 C4 E4"),
    "F": ("F2", "F3 A3 C4", "F2 C3 F3 A3 C4"),
    "A": ("A2", "E3 A3 C#4", "A2 E3 A3 C#4 E4"),
    "Gmaj7": ("G2", "D3 F#3 B3 D4", "G2 D3 B3 F#4"),
    "Em9": ("E2", "G3 B3 D4 F#4", "E2 B2 G3 F#4"),
    "Cmaj7": ("C3", "E3 G3 B3 E4", "C3 G3 B3 E4"),
    "Am7": ("A2", "C4 E3 G3 A3", "A2 E3 G3 C4"),
    "Dsus": ("D2", "D3 G3 A3 D4", "D3 A3 D4 G4"),
    "Gadd9": ("G2", "D3 G3 A3 B3 D4", "G2 D3 A3 B3 D4"),
}


def ch(name):
    b, p, a = CH[name]
    return midi(b), notes(p), notes(a)


def backing_common(mx, clk, rng, chart, pad_gain, arp_pattern, arp_step, arp_kind=GAYAGEUM,
                   arp_vel=0.75, bass_beats=(0,), seed=0, skip_arp_bars=(), pad_attack=1.0):
    segs = bars_from(chart)
    chords(mx, clk, [(s, b, ch(n)[1]) for s, b, n in segs], pad_gain, attack=pad_attack, seed=seed)
    arpeggio(mx, clk, rng, [(s, b, ch(n)[2]) for i, (s, b, n) in enumerate(segs) if int(s // 4) not in skip_arp_bars],
             arp_pattern, arp_step, kind=arp_kind, vel=arp_vel)
    hits = []
    for s, b, n in segs:
        for off in bass_beats:
            if off < b:
                hits.append((s + off, ch(n)[0]))
    bass(mx, clk, rng, hits)
    return segs[-1][0] + segs[-1][1]


# ---- OST Part.1: "Under the Plum Blossoms" (G major, 80 bpm) --------------------

def plum_backing():
    clk = Clock(80)
    rng = random.Random("plum")
    chart = [[("G", 4)], [("G", 4)], [("D/F#", 4)], [("Em", 4)], [("C", 4)],
             [("C", 4)], [("D", 4)], [("Bm", 2), ("Em", 2)], [("C", 2), ("D", 2)], [("G", 4)]]
    end_beat = 40
    mx = Mix(clk(end_beat) + 2.6)
    backing_common(mx, clk, rng, chart[:-1], 1.0, [0, 1, 2, 1, 3, 1, 2, 1], 0.5, seed=1, skip_arp_bars=(0,))
    # intro: the Empress motif, transposed to G (D5 E5 D5 B4 A4), over a soft roll
    melody_plucks(mx, clk, rng, place(MOTIF, 0, transpose=5), vel=0.9, pan=0.2)
    for i, m in enumerate(notes("G2 D3 G3 B3")):
        mx.pluck(clk(0) + 0.06 * i, m, GAYAGEUM, 0.55, -0.2, 0.4, var=i % 3, ring=3.0)
    # final bar: pad + a rolled G chord left ringing
    chords(mx, clk, [(36, 4, notes("G3 B3 D4 G4"))], 1.0, attack=0.4, release=2.4, seed=1)
    for i, m in enumerate(notes("G2 D3 G3 B3 D4 G4")):
        mx.pluck(clk(36) + 0.07 * i, m, GAYAGEUM, 0.7, -0.25 + 0.1 * i, 0.45, var=i % 3, ring=3.6)
    bass(mx, clk, rng, [(36, midi("G2"))], ring=3.6)
    # soft percussion under the chorus (bars 6-9): buk on 1, janggu on 3
    for bar in range(5, 9):
        mx.drum(clk(bar * 4), "buk", 0.55)
        mx.drum(clk(bar * 4 + 2), "kung", 0.35, pan=0.2)
        mx.drum(clk(bar * 4 + 3.5), "deok", 0.18, pan=0.3)
    return mx, clk


PLUM_VOCAL = phrase(
    "r:1 B4:.5 D5:.5 E5:1.5 D5:.5 | D5:1 B4:1 A4:2 | r:.5 G4:.5 A4:.5 B4:.5 E5:1 D5:1 | B4:1 A4:.5 G4:.5 A4:2 |"
    "E5:1 G5:1 E5:1 D5:1 | D5:1.5 B4:.5 A4:2 | B4:1 D5:1 E5:1.5 G5:.5 | E5:1 D5:1 B4:1 A4:1 | G4:3.5")


def plum(vocal):
    mx, clk = _cached("plum", plum_backing)
    if vocal:
        mx.lead(to_line(clk, place(PLUM_VOCAL, 4)), VOX, 0.19, 0.0, 0.42, seed=11)
    return mx


# ---- OST Part.2: "Moonlit Pavilion" (A minor, 72 bpm, rolling triplets) ---------

def moon_backing():
    clk = Clock(72)
    rng = random.Random("moon")
    chart = [[("Am", 4)], [("Am", 4)], [("F", 4)], [("C", 4)], [("G", 4)], [("F", 4)], [("G", 4)], [("Em", 4)]]
    mx = Mix(clk(36) + 2.6)
    backing_common(mx, clk, rng, chart, 1.1, [0, 1, 2, 3, 4, 3], 1 / 3, arp_vel=0.62, bass_beats=(0, 2.5),
                   seed=2, skip_arp_bars=(0,), pad_attack=1.4)
    # intro: the Empress motif in the relative major's colour (G A G E D)
    melody_plucks(mx, clk, rng, place(MOTIF, 0, transpose=-2), vel=0.85, pan=0.2)
    mx.pad(clk(0), clk(4) + 0.3, notes("A3 C4 E4"), 0.7, 1.6, 1.5, seed=2)
    bass(mx, clk, rng, [(0, midi("A2"))], ring=3.0)
    # water drops: high, quiet plucks
    for b, n in ((17.5, "E6"), (18.75, "A5"), (29.5, "D6"), (30.75, "G5")):
        mx.pluck(clk(b), midi(n), HARP, 0.3, 0.6, 0.6, var=2, ring=1.2)
    # final Am: rolled, left ringing
    chords(mx, clk, [(32, 4, notes("A3 C4 E4 A4"))], 1.0, attack=0.5, release=2.4, seed=2)
    for i, m in enumerate(notes("A2 E3 A3 C4 E4 A4")):
        mx.pluck(clk(32) + 0.08 * i, m, GAYAGEUM, 0.65, -0.25 + 0.1 * i, 0.45, var=i % 3, ring=3.6)
    bass(mx, clk, rng, [(32, midi("A2"))], ring=3.6)
    for bar in range(4, 8):
        mx.drum(clk(bar * 4), "kung", 0.4)
    return mx, clk


MOON_VOCAL = phrase(
    "E5:1.5 D5:.5 C5:1 A4:1 | C5:1 D5:.5 C5:.5 A4:2 | G4:1 A4:1 C5:1 E5:1 | D5:3 r:1 |"
    "A5:1.5 G5:.5 E5:1 D5:1 | E5:1 D5:.5 C5:.5 D5:2 | E5:1 G5:1 E5:1 D5:.5 C5:.5 | A4:3.5")


def moonlit(vocal):
    mx, clk = _cached("moon", moon_backing)
    if vocal:
        mx.lead(to_line(clk, place(MOON_VOCAL, 4)), VOX, 0.19, 0.0, 0.45, seed=12)
    return mx


# ---- Score 1: "The Empress's Theme" (D major, 72 bpm) ---------------------------

D_PENT = [midi(n) for n in "D3 E3 F#3 A3 B3 D4 E4 F#4 A4 B4 D5 E5 F#5 A5 B5 D6".split()]


def empress_theme():
    clk = Clock(72)
    rng = random.Random("empress")
    mx = Mix(clk(36) + 2.8)
    chart = [[("D", 4)], [("D", 4)], [("Bm", 4)], [("G", 4)], [("A", 4)],
             [("Em", 4)], [("Bm", 4)], [("G", 2), ("A", 2)]]
    segs = bars_from(chart)
    chords(mx, clk, [(s, b, ch(n)[1]) for s, b, n in segs], 1.0, attack=1.3, seed=3)
    bass(mx, clk, rng, [(s, ch(n)[0]) for s, b, n in segs] + [(s + 2, ch(n)[0]) for s, b, n in segs if b == 4 and s >= 20])
    # phrase B gets a gentle quarter-note harp-like pulse
    arpeggio(mx, clk, rng, [(s, b, ch(n)[2]) for s, b, n in segs if s >= 20], [0, 2, 1, 3], 1.0, vel=0.55)
    # intro roll, then the theme on gayageum
    for i, m in enumerate(notes("D3 A3 D4 F#4 A4")):
        mx.pluck(clk(0) + 0.07 * i, m, GAYAGEUM, 0.6, -0.3 + 0.12 * i, 0.45, var=i % 3, ring=3.0)
    theme = place(EMPRESS_A, 4) + place(EMPRESS_B, 20)
    melody_plucks(mx, clk, rng, theme, vel=1.0, pan=0.1, graces={5, 7, 12, 15, 19}, scale=D_PENT)
    # the daegeum joins an octave up for phrase B
    mx.lead(to_line(clk, place(EMPRESS_B, 20, transpose=12)[:-1] + [(32, midi("D5"), 3.0)]), DAEGEUM, 0.12, 0.25, 0.45, seed=13)
    # ending: D chord
    chords(mx, clk, [(32, 4, notes("F#3 A3 D4 F#4"))], 1.0, attack=0.6, release=2.4, seed=3)
    for i, m in enumerate(notes("D3 A3 D4 F#4 A4 D5")):
        mx.pluck(clk(32) + 0.07 * i, m, GAYAGEUM, 0.55, -0.25 + 0.1 * i, 0.45, var=i % 3, ring=3.6)
    bass(mx, clk, rng, [(32, midi("D2"))], ring=3.6)
    return mx


# ---- Score 2: "Lee Hwan's Resolve" (B minor, 100 bpm, drums) -------------------

def resolve():
    clk = Clock(100)
    rng = random.Random("resolve")
    mx = Mix(clk(48) + 2.4)
    chart = [[("Bm", 4)], [("Bm", 4)], [("G", 4)], [("A", 4)]] * 2 + [[("Bm", 4)], [("G", 4)], [("A", 4)]]
    segs = bars_from(chart)
    tones = {"Bm": notes("B2 F#3 B3 D4"), "G": notes("G2 D3 G3 B3"), "A": notes("A2 E3 A3 E4")}
    for s, b, n in segs:  # driving eighth-note ostinato with accents
        for k, idx in enumerate([0, 0, 2, 0, 1, 0, 2, 3]):
            vel = (1.0 if k in (0, 3, 6) else 0.62) * (0.8 if s < 16 else 1.0)
            mx.pluck(clk(s + k * 0.5), tones[n][idx], GAYAGEUM, humanize(rng, vel * 0.8), -0.3, 0.25, var=k % 3, ring=0.9)
    bass(mx, clk, rng, [(s, ch(n)[0]) for s, b, n in segs] + [(s + 2.5, ch(n)[0]) for s, b, n in segs], vel=1.0, ring=1.2)
    chords(mx, clk, [(s, b, ch(n)[1]) for s, b, n in segs if s >= 16], 0.9, attack=0.8, seed=4)
    for bar in range(11):
        s = bar * 4
        mx.drum(clk(s), "buk", 0.9 if bar >= 4 else 0.7)
        mx.drum(clk(s + 1.5), "buk", 0.45)
        mx.drum(clk(s + 2), "buk", 0.7)
        for off in (1, 3):
            mx.drum(clk(s + off), "deok", 0.45, pan=0.35)
        if bar >= 4:
            for off in (0.5, 2.5, 3.5):
                mx.drum(clk(s + off), "deok", 0.2, pan=-0.35)
        if bar >= 8:
            mx.drum(clk(s + 3), "kung", 0.5, pan=0.2)
    # the motif, moved one step up the pentatonic scale (the prince's version) ...
    prince = phrase("B4:1 D5:.5 B4:.5 A4:1 F#4:1 | E4:1 F#4:3 | D5:1.5 B4:.5 D5:1 E5:1 | E5:3.5")
    mx.lead(to_line(clk, place(prince, 16), 0.93), HAEGEUM, 0.15, 0.1, 0.35, seed=14)
    # ... then the Empress's own motif, rising to resolve on B
    own = phrase("A4:1 B4:.5 A4:.5 F#4:1 E4:1 | D4:1.5 E4:.5 F#4:2 | A4:1 B4:1 D5:1 E5:1 | F#5:3")
    mx.lead(to_line(clk, place(own, 32), 0.93), HAEGEUM, 0.15, 0.1, 0.35, seed=15)
    melody_plucks(mx, clk, rng, place(own, 32, transpose=-12)[:5], kind=GAYA_LEAD, vel=0.8, pan=0.3)
    # final hit
    mx.drum(clk(44), "buk", 1.0)
    mx.drum(clk(44), "kung", 0.6, pan=0.2)
    chords(mx, clk, [(44, 4, notes("D3 F#3 B3 F#4"))], 1.0, attack=0.15, release=2.0, seed=4)
    for i, m in enumerate(notes("B2 F#3 B3 D4 F#4")):
        mx.pluck(clk(44) + 0.03 * i, m, GAYAGEUM, 0.8, -0.2 + 0.1 * i, 0.4, var=i % 3, ring=3.0)
    bass(mx, clk, rng, [(44, midi("B1"))], vel=1.0, ring=3.0)
    return mx


# ---- Score 3: "Secret Garden at Dusk" (slow string pad, 56 bpm) ----------------

def dusk():
    clk = Clock(56)
    rng = random.Random("dusk")
    prog = ["Gmaj7", "Em9", "Cmaj7", "Am7", "Dsus", "Gadd9"]
    mx = Mix(clk(24) + 3.4)
    for i, name in enumerate(prog):
        b, p, a = ch(name)
        last = i == len(prog) - 1
        mx.pad(clk(4 * i), clk(4) + (0.6 if not last else 0.2), p + [b + 12], 1.35,
               attack=2.2, release=3.0 if last else 2.2, send=0.6, seed=5)
        bass(mx, clk, rng, [(4 * i, b)], vel=0.5, ring=3.0)
    # the motif drifts by, slowly, in G (D5 E5 D5 B4 A4)
    slow = [(m, d * 2) for m, d in MOTIF]
    melody_plucks(mx, clk, rng, place(slow, 8, transpose=5), vel=0.7, pan=0.25, send=0.55)
    # fireflies
    for b, n, p in ((2.5, "B5", 0.6), (5.0, "D6", -0.5), (6.5, "F#5", 0.4), (19.0, "A5", -0.4),
                    (20.5, "E6", 0.55), (21.5, "D6", -0.2), (22.75, "B5", 0.3)):
        mx.pluck(clk(b), midi(n), HARP, 0.28, p, 0.7, var=2, ring=1.6)
    return mx


# ---- Score 4: "The Confession" (D major, 70 bpm) -------------------------------

def confession():
    clk = Clock(70)
    rng = random.Random("confession")
    mx = Mix(clk(32) + 2.8)
    chart = [[("D", 4)], [("Bm", 4)], [("G", 4)], [("A", 4)], [("D", 4)], [("Bm", 4)], [("G", 4)], [("A", 2), ("D", 2)]]
    backing_common(mx, clk, rng, chart, 0.8, [0, 1, 2, 3, 4, 3, 2, 1], 0.5, arp_kind=HARP, arp_vel=0.55,
                   bass_beats=(0, 2), seed=6, pad_attack=1.6)
    line = phrase("F#4:1 A4:1 B4:1.5 A4:.5 | A4:1 F#4:1 E4:2 |"
                  "A4:1 B4:.5 A4:.5 F#4:1 E4:1 | D4:1.5 E4:.5 F#4:1 B4:1 | E5:1 D5:1 B4:1 A4:1 | F#4:1 E4:1 D4:2.5")
    mx.lead(to_line(clk, place(line, 8)), VOX, 0.16, 0.0, 0.45, seed=16)
    for i, m in enumerate(notes("D3 A3 D4 F#4 A4")):
        mx.pluck(clk(30) + 0.09 * i, m, HARP, 0.45, -0.2 + 0.1 * i, 0.5, var=i % 3, ring=3.2)
    return mx


# ---- Score 5: "The Empress's Theme (Gayageum Reprise)" (60 bpm, ritardando) ----

def reprise():
    clk = Clock(60, rit_from=18, rit=0.09)
    rng = random.Random("reprise")
    theme = place(EMPRESS_A, 0) + place(EMPRESS_B[7:], 16)  # phrase A, then its closing motif
    end = 24
    mx = Mix(clk(end) + 3.2)
    prog = [(0, 4, "D"), (4, 4, "Bm"), (8, 4, "G"), (12, 4, "A"), (16, 2, "G"), (18, 2, "A"), (20, 4, "D")]
    chords(mx, clk, [(s, b, ch(n)[1]) for s, b, n in prog], 0.55, attack=1.6, release=2.6, seed=7)
    bass(mx, clk, rng, [(s, ch(n)[0]) for s, b, n in prog], vel=0.6, ring=3.0)
    melody_plucks(mx, clk, rng, theme, vel=1.0, pan=0.0, send=0.45, graces={5, 7, 10, 12}, scale=D_PENT)
    # a low answering note under each long melody note
    for b, m, d in theme:
        if d >= 2:
            mx.pluck(clk(b + 1), m - 12, GAYAGEUM, 0.45, -0.3, 0.4, var=1, ring=2.2)
    for i, m in enumerate(notes("D3 A3 D4 F#4 A4 D5")):
        mx.pluck(clk(20) + 0.1 + 0.09 * i, m, GAYAGEUM, 0.5, -0.25 + 0.1 * i, 0.5, var=i % 3, ring=4.0)
    return mx


_backings = {}


def _cached(key, fn):
    if key not in _backings:
        _backings[key] = fn()
    mx, clk = _backings[key]
    return mx.copy(), clk


# --------------------------------------------------------------------------- albums

ALBUMS = [
    {
        "album": f"{SERIES} OST Part.1", "artist": "Yoon Ha-eun", "date": "2026-01-10", "cover": "plum",
        "tracks": [("Under the Plum Blossoms", lambda: plum(True)),
                   ("Under the Plum Blossoms (Inst.)", lambda: plum(False))],
    },
    {
        "album": f"{SERIES} OST Part.2", "artist": "Kang Min-jae", "date": "2026-01-24", "cover": "moon",
        "tracks": [("Moonlit Pavilion", lambda: moonlit(True)),
                   ("Moonlit Pavilion (Inst.)", lambda: moonlit(False))],
    },
    {
        "album": f"{SERIES} (Original Score)", "artist": COMPOSER, "date": "2026-03-01", "cover": "score",
        "tracks": [("The Empress's Theme", empress_theme),
                   ("Lee Hwan's Resolve", resolve),
                   ("Secret Garden at Dusk", dusk),
                   ("The Confession", confession),
                   ("The Empress's Theme (Gayageum Reprise)", reprise)],
    },
]

# --------------------------------------------------------------------------- audio files

def write_wav(path, L, R):
    frames = array.array("h", bytes(4 * len(L)))
    frames[0::2] = array.array("h", [int(v * 32767.0) for v in L])
    frames[1::2] = array.array("h", [int(v * 32767.0) for v in R])
    if sys.byteorder == "big":
        frames.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(frames.tobytes())


def pick_codec():
    enc = subprocess.run(["ffmpeg", "-hide_banner", "-encoders"], capture_output=True, text=True).stdout
    if " libopus " in enc:
        return "opus", ["-c:a", "libopus", "-b:a", "48k", "-vbr", "on", "-application", "audio"]
    return "ogg", ["-c:a", "libvorbis", "-q:a", "2"]


def tags_for(album, title, track, total):
    return [
        ("TITLE", title), ("ARTIST", album["artist"]), ("ALBUMARTIST", album["artist"]),
        ("ALBUM", album["album"]), ("TRACKNUMBER", str(track)), ("TRACKTOTAL", str(total)),
        ("DISCNUMBER", "1"), ("DISCTOTAL", "1"), ("DATE", album["date"]), ("GENRE", "Soundtrack"),
        ("COMPOSER", COMPOSER), ("GROUPING", SERIES), ("COMMENT", COMMENT),
    ]


def encode(wav, out, codec_args, tags, ext):
    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(wav), "-map_metadata", "-1",
           "-ar", "48000", "-ac", "2", *codec_args, "-fflags", "+bitexact", "-flags:a", "+bitexact"]
    if ext != "opus":
        # ffmpeg's own names; its Vorbis-comment writer turns track/disc/album_artist into
        # TRACKNUMBER/DISCNUMBER/ALBUMARTIST (and comment into DESCRIPTION)
        generic = {"TRACKNUMBER": "track", "DISCNUMBER": "disc", "ALBUMARTIST": "album_artist"}
        for k, v in tags:
            cmd += ["-metadata", f"{generic.get(k, k)}={v}"]
    subprocess.run(cmd + [str(out)], check=True)
    if ext == "opus":
        set_opus_tags(out, tags)  # exact Vorbis-comment keys, incl. COMMENT (ffmpeg would write DESCRIPTION)


# ---- Ogg page surgery: replace the OpusTags packet with our own comments -------

def _crc_table():
    t = []
    for i in range(256):
        r = i << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04C11DB7) if r & 0x80000000 else (r << 1)
        t.append(r & 0xFFFFFFFF)
    return t


_CRC = _crc_table()


def ogg_crc(data):
    crc = 0
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _CRC[((crc >> 24) & 0xFF) ^ byte]
    return crc


def ogg_pages(data):
    pos, pages = 0, []
    while pos < len(data):
        if data[pos:pos + 4] != b"OggS":
            raise ValueError("not an Ogg page at %d" % pos)
        nseg = data[pos + 26]
        lacing = data[pos + 27:pos + 27 + nseg]
        body_len = sum(lacing)
        end = pos + 27 + nseg + body_len
        pages.append((pos, end, lacing))
        pos = end
    return pages


def opus_comments(path):
    """The OpusTags packet's (vendor, [(key, value)]) — a plain reader, used to check our output."""
    data = Path(path).read_bytes()
    pos, end, lacing = ogg_pages(data)[1]
    body = data[end - sum(lacing):end]
    assert body[:8] == b"OpusTags"
    vl = struct.unpack_from("<I", body, 8)[0]
    vendor = body[12:12 + vl].decode()
    p = 12 + vl
    count = struct.unpack_from("<I", body, p)[0]
    p += 4
    out = []
    for _ in range(count):
        ln = struct.unpack_from("<I", body, p)[0]
        k, _, v = body[p + 4:p + 4 + ln].decode().partition("=")
        out.append((k, v))
        p += 4 + ln
    return vendor, out


def set_opus_tags(path, tags):
    data = Path(path).read_bytes()
    pages = ogg_pages(data)
    pos, end, lacing = pages[1]
    hdr = data[pos:pos + 27]
    if lacing[-1] == 255 or data[pages[2][0] + 5] & 1 or hdr[5] & 1:
        raise RuntimeError("OpusTags does not sit alone on the second page")
    body = data[end - sum(lacing):end]
    vl = struct.unpack_from("<I", body, 8)[0]
    vendor = body[12:12 + vl]
    pkt = bytearray(b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", len(tags)))
    for k, v in tags:
        c = f"{k}={v}".encode("utf-8")
        pkt += struct.pack("<I", len(c)) + c
    if len(pkt) >= 255 * 255:
        raise RuntimeError("tags too large for one page")
    lac = bytes([255] * (len(pkt) // 255) + [len(pkt) % 255])
    page = bytearray(hdr[:26]) + bytes([len(lac)]) + lac + pkt
    page[22:26] = b"\0\0\0\0"
    page[22:26] = struct.pack("<I", ogg_crc(page))
    Path(path).write_bytes(data[:pos] + bytes(page) + data[end:])


def probe_peak_db(path):
    r = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af", "volumedetect",
                        "-f", "null", "-"], capture_output=True, text=True)
    for line in r.stderr.splitlines():
        if "max_volume:" in line:
            return float(line.split("max_volume:")[1].split()[0])
    return None


def duration_s(path):
    r = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
                       capture_output=True, text=True)
    return float(r.stdout.strip())


# --------------------------------------------------------------------------- covers (pure-Python PNG)

def clamp01(v):
    return 0.0 if v < 0.0 else 1.0 if v > 1.0 else v


def hexrgb(h):
    return tuple(int(h[i:i + 2], 16) / 255.0 for i in (1, 3, 5))


def lerp3(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def gradient(stops, t):
    for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
        if t <= t1:
            return lerp3(c0, c1, clamp01((t - t0) / (t1 - t0)))
    return stops[-1][1]


class Canvas:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.px = [[0.0, 0.0, 0.0] for _ in range(w * h)]

    def fill(self, fn):
        for y in range(self.h):
            for x in range(self.w):
                self.px[y * self.w + x] = list(fn(x + 0.5, y + 0.5))

    def mask(self):
        return [0.0] * (self.w * self.h)

    def composite(self, mask, color, alpha=1.0, add=False):
        """color: an (r, g, b) or a function (x, y) → (r, g, b)."""
        w = self.w
        for i, m in enumerate(mask):
            if m <= 0.0:
                continue
            c = color(i % w + 0.5, i // w + 0.5) if callable(color) else color
            p = self.px[i]
            a = m * alpha
            if add:
                p[0] += c[0] * a
                p[1] += c[1] * a
                p[2] += c[2] * a
            else:
                p[0] += (c[0] - p[0]) * a
                p[1] += (c[1] - p[1]) * a
                p[2] += (c[2] - p[2]) * a

    def disc(self, mask, cx, cy, r, soft=1.0):
        x0, x1 = max(0, int(cx - r - 2)), min(self.w, int(cx + r + 3))
        y0, y1 = max(0, int(cy - r - 2)), min(self.h, int(cy + r + 3))
        for y in range(y0, y1):
            dy = y + 0.5 - cy
            for x in range(x0, x1):
                d = math.hypot(x + 0.5 - cx, dy)
                c = clamp01((r - d) / soft + 0.5)
                i = y * self.w + x
                if c > mask[i]:
                    mask[i] = c

    def ellipse(self, mask, cx, cy, rx, ry, angle):
        ca, sa = math.cos(angle), math.sin(angle)
        rr = max(rx, ry)
        for y in range(max(0, int(cy - rr - 2)), min(self.h, int(cy + rr + 3))):
            for x in range(max(0, int(cx - rr - 2)), min(self.w, int(cx + rr + 3))):
                dx, dy = x + 0.5 - cx, y + 0.5 - cy
                u, v = (dx * ca + dy * sa) / rx, (-dx * sa + dy * ca) / ry
                d = (math.sqrt(u * u + v * v) - 1.0) * min(rx, ry)
                c = clamp01(0.5 - d)
                i = y * self.w + x
                if c > mask[i]:
                    mask[i] = c

    def ring(self, mask, cx, cy, r, width):
        for y in range(max(0, int(cy - r - width - 2)), min(self.h, int(cy + r + width + 3))):
            for x in range(max(0, int(cx - r - width - 2)), min(self.w, int(cx + r + width + 3))):
                d = abs(math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r)
                c = clamp01(width / 2 - d + 0.5)
                i = y * self.w + x
                if c > mask[i]:
                    mask[i] = c

    def shape(self, mask, inside, bbox, ss=4):
        """Supersampled coverage of a predicate inside(x, y) over bbox (x0, y0, x1, y1)."""
        x0, y0, x1, y1 = (max(0, int(bbox[0])), max(0, int(bbox[1])),
                          min(self.w, int(bbox[2]) + 1), min(self.h, int(bbox[3]) + 1))
        offs = [(k + 0.5) / ss for k in range(ss)]
        inv = 1.0 / (ss * ss)
        for y in range(y0, y1):
            for x in range(x0, x1):
                c = sum(1 for oy in offs for ox in offs if inside(x + ox, y + oy)) * inv
                i = y * self.w + x
                if c > mask[i]:
                    mask[i] = c

    def stroke(self, mask, pts, r0, r1):
        """A tapering brush stroke along a polyline (stamped discs)."""
        total = sum(math.dist(a, b) for a, b in zip(pts, pts[1:]))
        run = 0.0
        for a, b in zip(pts, pts[1:]):
            seg = math.dist(a, b)
            steps = max(1, int(seg / 0.8))
            for k in range(steps):
                t = k / steps
                r = r0 + (r1 - r0) * (run + seg * t) / total
                self.disc(mask, a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, r)
            run += seg

    def png(self, path):
        raw = bytearray()
        prev = bytes(self.w * 3)
        for y in range(self.h):
            row = bytearray()
            for p in self.px[y * self.w:(y + 1) * self.w]:
                row += bytes(int(clamp01(v) * 255.0 + 0.5) for v in p)
            raw += _filter_row(bytes(row), prev)
            prev = bytes(row)
        def chunk(tag, body):
            return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
        ihdr = struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)
        Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                               chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def _filter_row(row, prev, bpp=3):
    """Pick the PNG filter with the smallest sum of absolute residuals (the usual heuristic)."""
    n = len(row)
    left = bytes(bpp) + row[:-bpp]
    upleft = bytes(bpp) + prev[:-bpp]
    cands = [
        (0, row),
        (1, bytes((a - b) & 255 for a, b in zip(row, left))),
        (2, bytes((a - b) & 255 for a, b in zip(row, prev))),
        (3, bytes((a - ((b + c) >> 1)) & 255 for a, b, c in zip(row, left, prev))),
    ]
    pa = bytearray(n)
    for i in range(n):
        a, b, c = left[i], prev[i], upleft[i]
        p = a + b - c
        da, db, dc = abs(p - a), abs(p - b), abs(p - c)
        pred = a if da <= db and da <= dc else b if db <= dc else c
        pa[i] = (row[i] - pred) & 255
    cands.append((4, bytes(pa)))
    best = min(cands, key=lambda fc: sum(v if v < 128 else 256 - v for v in fc[1]))
    return bytes([best[0]]) + best[1]


def moon(cv, cx, cy, r, lit, shade, glow, glow_r, glow_a, blotches, seed):
    """A soft-edged moon with gentle shading, a few faint maria and a glow."""
    def glow_fn(x, y):
        d = math.hypot(x - cx, y - cy) - r
        return 0.0 if d < -1 else glow_a * math.exp(-d / glow_r) + 0.35 * glow_a * math.exp(-d / (glow_r * 4))
    m = cv.mask()
    for y in range(cv.h):
        for x in range(cv.w):
            m[y * cv.w + x] = glow_fn(x + 0.5, y + 0.5)
    cv.composite(m, glow, add=True)
    disc = cv.mask()
    cv.disc(disc, cx, cy, r, soft=1.2)
    cv.composite(disc, lambda x, y: lerp3(lit, shade, clamp01(((x - cx) * 0.4 + (y - cy) * 0.9) / (2 * r) + 0.5)))
    rng = random.Random(seed)
    for _ in range(blotches):
        bx, by = cx + rng.uniform(-0.5, 0.5) * r, cy + rng.uniform(-0.5, 0.5) * r
        br = rng.uniform(0.18, 0.34) * r
        bm = cv.mask()
        for y in range(max(0, int(by - 2 * br)), min(cv.h, int(by + 2 * br))):
            for x in range(max(0, int(bx - 2 * br)), min(cv.w, int(bx + 2 * br))):
                i = y * cv.w + x
                bm[i] = disc[i] * 0.1 * math.exp(-((x + 0.5 - bx) ** 2 + (y + 0.5 - by) ** 2) / (br * br))
        cv.composite(bm, shade)


def cover_plum(path):
    """Part.1: plum blossoms on a dark branch before a pink moon, deep navy to plum."""
    cv = Canvas(400, 400)
    stops = [(0.0, hexrgb("#0a1030")), (0.55, hexrgb("#1d1748")), (1.0, hexrgb("#4b1d50"))]
    cv.fill(lambda x, y: lerp3(gradient(stops, y / 400), (0, 0, 0), 0.28 * ((x - 200) ** 2 + (y - 200) ** 2) / 80000))
    moon(cv, 262, 150, 96, hexrgb("#fff0f3"), hexrgb("#f0bfd0"), hexrgb("#f49ac0"), 26, 0.55, 4, "plum-moon")
    ink = hexrgb("#170c1f")
    br = cv.mask()
    main = [(-12, 372), (40, 338), (92, 306), (140, 286), (186, 262), (232, 250), (282, 232), (330, 222), (372, 206)]
    cv.stroke(br, main, 12, 2.2)
    twigs = [[(92, 306), (104, 272), (126, 246), (138, 224)], [(186, 262), (206, 282), (236, 296)],
             [(232, 250), (248, 222), (262, 204), (290, 188)], [(140, 286), (150, 318), (170, 338)],
             [(282, 232), (304, 250), (326, 256)], [(40, 338), (58, 306), (64, 282)]]
    for tw in twigs:
        cv.stroke(br, tw, 4.5, 1.2)
    cv.composite(br, ink)
    blossoms = [(138, 222, 13), (126, 248, 10), (206, 280, 12), (238, 296, 9), (290, 188, 12), (262, 206, 10),
                (328, 256, 11), (170, 338, 12), (64, 280, 11), (186, 256, 9), (372, 204, 10), (306, 226, 9),
                (100, 300, 9), (246, 226, 8)]
    for bx, by, r in blossoms:
        rot = (bx * 0.37 + by * 0.11) % (2 * math.pi / 5)
        for layer, col, grow in ((0, hexrgb("#c9587f"), 1.1), (1, hexrgb("#f7bfd2"), 0.0)):
            m = cv.mask()
            for k in range(5):
                a = rot + 2 * math.pi * k / 5
                cv.disc(m, bx + 0.52 * r * math.cos(a), by + 0.52 * r * math.sin(a), 0.5 * r + grow)
            cv.composite(m, col if layer == 0 else (lambda x, y, bx=bx, by=by, r=r, col=col:
                         lerp3(hexrgb("#ffe6ee"), col, clamp01(math.hypot(x - bx, y - by) / r))))
        m = cv.mask()
        cv.disc(m, bx, by, 0.24 * r)
        cv.composite(m, hexrgb("#b02e61"))
        m = cv.mask()
        for k in range(6):
            a = rot + 2 * math.pi * (k + 0.5) / 6
            cv.disc(m, bx + 0.34 * r * math.cos(a), by + 0.34 * r * math.sin(a), 0.09 * r + 0.6)
        cv.composite(m, hexrgb("#ffe7a6"))
    for bx, by, r in ((112, 232, 4), (218, 240, 4), (350, 214, 4), (156, 300, 3.5)):  # buds
        m = cv.mask()
        cv.disc(m, bx, by, r)
        cv.composite(m, hexrgb("#e0789e"))
    m = cv.mask()
    for px, py, a in ((60, 120, 0.5), (110, 170, 1.4), (40, 230, 2.2), (330, 330, 0.9), (250, 360, 2.8),
                      (190, 382, 1.9), (360, 300, 0.2), (20, 60, 1.1)):
        cv.ellipse(m, px, py, 5.0, 2.8, a)
    cv.composite(m, hexrgb("#f3a9c4"), 0.75)
    cv.png(path)


def hanok_roof(cx, half, ridge_y, eave_y, lift, ridge_frac=0.4, tip=3.0):
    """Predicate for a curved Korean roof silhouette: a flat ridge, concave slopes, upturned eaves."""
    def inside(x, y):
        u = abs(x - cx) / half
        if u > 1.0:
            return False
        bot = eave_y - lift * u ** 3.2
        if u <= ridge_frac:
            top = ridge_y - 4.0 * (u / ridge_frac) ** 10  # the ridge ends rise a little
        else:
            s = (u - ridge_frac) / (1 - ridge_frac)
            tip_top = eave_y - lift - tip
            top = ridge_y + (tip_top - ridge_y) * (1 - (1 - s) ** 1.8) - 0.6 * lift * max(0.0, s - 0.8) ** 2 * 25
        return top <= y <= bot
    return inside


def cover_moon(path):
    """Part.2: a pavilion on the water under a silver moon; silver-blue night."""
    cv = Canvas(400, 400)
    horizon = 292
    sky = [(0.0, hexrgb("#040a1a")), (0.55, hexrgb("#11264a")), (1.0, hexrgb("#3d6391"))]
    water = [(0.0, hexrgb("#142a4d")), (1.0, hexrgb("#050b19"))]

    def bg(x, y):
        if y < horizon:
            return gradient(sky, y / horizon)
        return gradient(water, (y - horizon) / (400 - horizon))
    cv.fill(bg)
    rng = random.Random("stars")
    m = cv.mask()
    for _ in range(18):
        sx, sy = rng.uniform(10, 390), rng.uniform(8, 200)
        if math.hypot(sx - 190, sy - 130) < 130:
            continue
        cv.disc(m, sx, sy, rng.uniform(0.7, 1.4))
    cv.composite(m, hexrgb("#dce8ff"), 0.8)
    moon(cv, 190, 130, 78, hexrgb("#f4f7fd"), hexrgb("#c3d0e6"), hexrgb("#8fb4e8"), 30, 0.5, 5, "moon-moon")
    # distant ridges
    for base, amp, col, ph in ((262, 16, "#1e3860", 0.7), (276, 11, "#142848", 2.1)):
        m = cv.mask()
        for x in range(400):
            top = base - amp * (0.6 * math.sin(x / 53 + ph) + 0.4 * math.sin(x / 23 + 2 * ph))
            for y in range(int(top) - 1, horizon):
                m[y * 400 + x] = clamp01(y + 0.5 - top)
        cv.composite(m, hexrgb(col))
    # moon path on the water: soft horizontal ripples
    m = cv.mask()
    for y in range(horizon, 400):
        k = (y - horizon) / (400 - horizon)
        width = 26 + 70 * k
        stripe = 0.5 + 0.5 * math.sin((y - horizon) * 0.9 + 3 * math.sin(y * 0.13))
        for x in range(400):
            dx = (x + 0.5 - 190) / width
            m[y * 400 + x] = 0.5 * (1 - 0.6 * k) * stripe * math.exp(-dx * dx)
    cv.composite(m, hexrgb("#d6e4f7"))
    # the pavilion (jeongja), and its wavering reflection
    ink = hexrgb("#050a16")
    pav = cv.mask()
    cx = 318
    cv.shape(pav, hanok_roof(cx, 78, 206, 238, 12, ridge_frac=0.32), (cx - 80, 190, cx + 80, 242))
    cv.shape(pav, lambda x, y: cx - 54 <= x <= cx + 54 and 236 <= y <= 242, (cx - 56, 234, cx + 56, 244))
    for px in (cx - 50, cx - 18, cx + 14, cx + 46):
        cv.shape(pav, lambda x, y, px=px: px <= x <= px + 4 and 240 <= y <= 286, (px - 1, 238, px + 6, 288))
    cv.shape(pav, lambda x, y: cx - 58 <= x <= cx + 58 and 270 <= y <= 273.5, (cx - 60, 268, cx + 60, 276))
    cv.shape(pav, lambda x, y: cx - 64 <= x <= cx + 64 and 284 <= y <= 291, (cx - 66, 282, cx + 66, 293))
    # rocks it stands on
    cv.shape(pav, lambda x, y: ((x - cx) / 86) ** 2 + ((y - 296) / 10) ** 2 <= 1 and y <= horizon + 4,
             (cx - 90, 284, cx + 90, horizon + 6))
    cv.composite(pav, ink)
    refl = cv.mask()
    for y in range(horizon + 1, 400):
        src = 2 * horizon + 4 - y
        if src < 0 or src >= horizon + 4:
            continue
        shift = int(round(2.5 * math.sin(y * 0.7)))
        fade = max(0.0, 0.55 - (y - horizon) / 160)
        for x in range(200, 400):
            sx = x + shift
            if 0 <= sx < 400:
                refl[y * 400 + x] = pav[src * 400 + sx] * fade
    cv.composite(refl, ink)
    cv.png(path)


def cover_score(path):
    """Score: a gold sun and rings behind a palace roofline, deep red into ink."""
    cv = Canvas(400, 400)
    deep, inkc = hexrgb("#7c121c"), hexrgb("#12050a")

    def bg(x, y):
        d = math.hypot(x - 200, (y - 170) * 1.1) / 300
        return lerp3(deep, inkc, clamp01(d) ** 1.3)
    cv.fill(bg)
    cx, cy, r = 200, 168, 92
    gold_hi, gold_lo = hexrgb("#f8d889"), hexrgb("#c5892c")
    m = cv.mask()
    for y in range(400):
        for x in range(400):
            d = math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r
            m[y * 400 + x] = 0.0 if d < -1 else 0.45 * math.exp(-d / 22) + 0.18 * math.exp(-d / 90)
    cv.composite(m, hexrgb("#e79a3a"), add=True)
    m = cv.mask()
    cv.disc(m, cx, cy, r, soft=1.2)
    cv.composite(m, lambda x, y: lerp3(gold_hi, gold_lo, clamp01((y - cy + r) / (2 * r)) ** 1.2))
    for rr, wd, a in ((116, 1.8, 0.65), (131, 1.0, 0.4), (146, 0.8, 0.22)):
        m = cv.mask()
        cv.ring(m, cx, cy, rr, wd)
        cv.composite(m, hexrgb("#e9b85a"), a)
    # ink mountains behind the palace
    for base, amp, col, ph in ((292, 26, "#3a0c14", 0.4), (312, 18, "#24070d", 1.9)):
        m = cv.mask()
        for x in range(400):
            top = base - amp * (0.55 * math.sin(x / 41 + ph) + 0.45 * math.sin(x / 19 + 3 * ph)) - 0.12 * abs(x - 200)
            for y in range(max(0, int(top) - 1), 400):
                m[y * 400 + x] = clamp01(y + 0.5 - top)
        cv.composite(m, hexrgb(col))
    # the palace hall: two roofs, a wall band, columns, the stone platform
    ink = hexrgb("#0c0306")
    pal = cv.mask()
    cv.shape(pal, hanok_roof(200, 98, 212, 244, 11, ridge_frac=0.38), (100, 196, 300, 248))
    cv.shape(pal, lambda x, y: 138 <= x <= 262 and 242 <= y <= 268, (136, 240, 264, 270))
    cv.shape(pal, hanok_roof(200, 168, 262, 300, 16, ridge_frac=0.3, tip=3.5), (30, 244, 370, 304))
    cv.shape(pal, lambda x, y: 66 <= x <= 334 and 298 <= y <= 352, (64, 296, 336, 354))
    cv.shape(pal, lambda x, y: 44 <= x <= 356 and 350 <= y <= 362, (42, 348, 358, 364))
    cv.shape(pal, lambda x, y: 24 <= x <= 376 and 361 <= y <= 400, (22, 359, 378, 400))
    cv.composite(pal, ink)
    m = cv.mask()  # lamplit doorways between the columns
    for k in range(5):
        x0 = 92 + k * 46
        cv.shape(m, lambda x, y, x0=x0: x0 <= x <= x0 + 34 and 306 <= y <= 348, (x0 - 1, 304, x0 + 36, 350))
    cv.composite(m, lambda x, y: lerp3(hexrgb("#8a3a1c"), hexrgb("#3a0f0c"), clamp01((y - 306) / 44)))
    m = cv.mask()
    rng = random.Random("dust")
    for _ in range(22):
        dx, dy = rng.uniform(12, 388), rng.uniform(10, 250)
        if math.hypot(dx - cx, dy - cy) < r + 6:
            continue
        cv.disc(m, dx, dy, rng.uniform(0.8, 1.8))
    cv.composite(m, hexrgb("#f2c66a"), 0.7)
    cv.png(path)


COVERS = {"plum": cover_plum, "moon": cover_moon, "score": cover_score}

LICENSE = """The Emperor's Secret Garden — Leitmotif demo library
=====================================================

Everything in this folder (the audio files and the cover.png images) was generated
by scripts/make-demo.py in the Leitmotif repository: original audio synthesized from
scratch (Karplus–Strong plucked strings, oscillator pads and lead lines, synthetic
drums) and covers drawn from simple geometry. No samples, recordings or third-party
material are used. The series, its characters, the artists and the composer are
fictional.

To the extent possible under law, the authors have dedicated all copyright and
related and neighboring rights to these files to the public domain worldwide under
the Creative Commons CC0 1.0 Universal Public Domain Dedication:
https://creativecommons.org/publicdomain/zero/1.0/

These files are distributed without any warranty.
"""

# --------------------------------------------------------------------------- main

def main():
    t_begin = time.time()
    if shutil.which("ffmpeg") is None:
        sys.exit("make-demo.py needs ffmpeg on PATH")
    ext, codec_args = pick_codec()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="leitmotif-demo-") as tmp:
        for album in ALBUMS:
            folder = OUT / album["album"]
            folder.mkdir()
            total = len(album["tracks"])
            for no, (title, make) in enumerate(album["tracks"], 1):
                t0 = time.time()
                mx = make()
                L, R = mx.master()
                wav = Path(tmp) / f"{no}.wav"
                write_wav(wav, L, R)
                out = folder / f"{no:02d} {title}.{ext}"
                tags = tags_for(album, title, no, total)
                encode(wav, out, codec_args, tags, ext)
                dur = duration_s(out)
                peak = probe_peak_db(out)
                if not 20.0 <= dur <= 35.0:
                    raise RuntimeError(f"{out.name}: {dur:.1f} s is outside 20–35 s")
                if peak is not None and peak > -1.0:
                    raise RuntimeError(f"{out.name}: peak {peak} dBFS is above -1 dBFS")
                if ext == "opus":
                    got = [k for k, _ in opus_comments(out)[1]]
                    if got != [k for k, _ in tags]:
                        raise RuntimeError(f"{out.name}: tags read back as {got}")
                print(f"  {out.relative_to(ROOT)}  {dur:5.1f} s  peak {peak:+.1f} dBFS  "
                      f"{out.stat().st_size / 1024:6.1f} KiB  ({time.time() - t0:.1f} s)", flush=True)
                written.append(out)
            t0 = time.time()
            cover = folder / "cover.png"
            COVERS[album["cover"]](cover)
            print(f"  {cover.relative_to(ROOT)}  400x400  {cover.stat().st_size / 1024:6.1f} KiB  "
                  f"({time.time() - t0:.1f} s)", flush=True)
            written.append(cover)
    lic = OUT / "LICENSE.txt"
    lic.write_text(LICENSE, encoding="utf-8")
    written.append(lic)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files to {OUT.relative_to(ROOT)}/: {total} bytes ({total / 1e6:.2f} MB) "
          f"in {time.time() - t_begin:.1f} s")
    if total > 3_000_000:
        sys.exit("assets/demo is over the 3 MB budget")


if __name__ == "__main__":
    main()
