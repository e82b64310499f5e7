#!/bin/sh
# Fetch the pinned Nu Html Checker (vnu.jar, from the vnu-jar package on the npm registry) into
# a git-ignored cache for the HTML validation test. Prints the path of vnu.jar:
# $VNU_CACHE_DIR/vnu-<version>/vnu.jar, by default under <repo>/.cache. Running it needs Java.
set -eu

VERSION=26.9.27
INTEGRITY=sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA==

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
DEST="${VNU_CACHE_DIR:-$ROOT/.cache}/vnu-$VERSION"

if [ -s "$DEST/vnu.jar" ]; then
    echo "$DEST/vnu.jar"
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "vendor_vnu.sh: npm is missing; install it (apt-get install npm) or run 'make test'" >&2
    exit 1
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "vnu-jar@$VERSION" >/dev/null)
TARBALL="$TMP/vnu-jar-$VERSION.tgz"
# npm checks the registry's own checksum; this pins the exact bytes we reviewed.
GOT="sha512-$(python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$TARBALL")"
if [ "$GOT" != "$INTEGRITY" ]; then
    echo "vendor_vnu.sh: vnu-jar $VERSION tarball checksum mismatch: $GOT" >&2
    exit 1
fi
tar -xzf "$TARBALL" -C "$TMP" package/build/dist/vnu.jar package/LICENSE
mkdir -p "$DEST"
mv "$TMP/package/build/dist/vnu.jar" "$TMP/package/LICENSE" "$DEST/"
echo "$DEST/vnu.jar"
