#!/usr/bin/env bash
# Renders the app icon (icons/io.github.leitmotif.Leitmotif.svg) to the hicolor PNG
# sizes. Needs rsvg-convert (Debian: librsvg2-bin). The PNGs are committed; run this
# after changing the SVG.
set -eu
cd "$(dirname "$0")/icons"
id=io.github.leitmotif.Leitmotif
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$id.svg" -o "hicolor/${size}x${size}/apps/$id.png"
done
mkdir -p hicolor/scalable/apps
cp "$id.svg" "hicolor/scalable/apps/$id.svg"
echo "make-icons: done"
