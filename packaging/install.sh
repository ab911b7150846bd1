#!/usr/bin/env bash
# install.sh [--prefix DIR] [--uninstall] [--binary PATH]
# Installs Leitmotif for one user (default prefix ~/.local): the release binary, the
# .desktop entry, the AppStream metainfo and the icons, then refreshes the desktop and
# icon caches when those tools exist. --uninstall removes exactly what it installs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
id=io.github.leitmotif.Leitmotif
prefix="$HOME/.local"
binary="$here/../target/release/leitmotif"
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --binary) binary=${2:?--binary needs a path}; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 64 ;;
  esac
done

files=(
  "bin/leitmotif"
  "share/applications/$id.desktop"
  "share/metainfo/$id.metainfo.xml"
  "share/icons/hicolor/scalable/apps/$id.svg"
)
for size in 16 24 32 48 64 128 256 512; do
  files+=("share/icons/hicolor/${size}x${size}/apps/$id.png")
done

refresh() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$prefix/share/icons/hicolor" 2>/dev/null || true
}

if [ "$uninstall" = 1 ]; then
  for f in "${files[@]}"; do rm -f "$prefix/$f"; done
  refresh
  echo "install.sh: removed Leitmotif from $prefix"
  exit 0
fi

if [ ! -x "$binary" ]; then
  echo "install.sh: building the release binary (cargo build --release)"
  (cd "$here/.." && cargo build --release)
fi
install -Dm755 "$binary" "$prefix/bin/leitmotif"
install -Dm644 "$here/$id.desktop" "$prefix/share/applications/$id.desktop"
install -Dm644 "$here/$id.metainfo.xml" "$prefix/share/metainfo/$id.metainfo.xml"
install -Dm644 "$here/icons/$id.svg" "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
for size in 16 24 32 48 64 128 256 512; do
  install -Dm644 "$here/icons/hicolor/${size}x${size}/apps/$id.png" "$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
done
refresh
echo "install.sh: installed Leitmotif into $prefix"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "install.sh: add $prefix/bin to PATH to run leitmotif from a terminal" ;; esac
