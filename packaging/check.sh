#!/usr/bin/env bash
# check.sh : validates the packaging files and tries the installer in a temporary
# prefix (install, check every file, uninstall, check nothing is left). CI runs it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
id=io.github.leitmotif.Leitmotif
desktop-file-validate "$here/$id.desktop"
appstreamcli validate --no-net "$here/$id.metainfo.xml"
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
# Any executable stands in for the binary: this checks the installer, not the build.
"$here/install.sh" --prefix "$prefix" --binary /bin/true >/dev/null
for f in bin/leitmotif "share/applications/$id.desktop" "share/metainfo/$id.metainfo.xml" \
         "share/icons/hicolor/scalable/apps/$id.svg" "share/icons/hicolor/256x256/apps/$id.png"; do
  [ -f "$prefix/$f" ] || { echo "check.sh: $f was not installed" >&2; exit 1; }
done
desktop-file-validate "$prefix/share/applications/$id.desktop"
"$here/install.sh" --prefix "$prefix" --uninstall >/dev/null
left=$(find "$prefix" -type f ! -name '*.cache' | wc -l)
[ "$left" = 0 ] || { echo "check.sh: --uninstall left $left files" >&2; find "$prefix" -type f >&2; exit 1; }
echo "packaging: desktop entry, metainfo and installer OK"
