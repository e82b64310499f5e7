#!/bin/sh
# Fetch the pinned axe-core from the npm registry into a git-ignored cache for the browser tests.
# Prints the path of axe.min.js: $AXE_CACHE_DIR/axe-core-<version>/, by default under <repo>/.cache.
set -eu

VERSION=4.14.1
INTEGRITY=sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
DEST="${AXE_CACHE_DIR:-$ROOT/.cache}/axe-core-$VERSION"

if [ -s "$DEST/axe.min.js" ]; then
    echo "$DEST/axe.min.js"
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "vendor_axe.sh: npm is missing; install it (apt-get install npm) or run 'make test'" >&2
    exit 1
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "axe-core@$VERSION" >/dev/null)
TARBALL="$TMP/axe-core-$VERSION.tgz"
# npm checks the registry's own checksum; this pins the exact bytes we reviewed.
GOT="sha512-$(python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$TARBALL")"
if [ "$GOT" != "$INTEGRITY" ]; then
    echo "vendor_axe.sh: axe-core $VERSION tarball checksum mismatch: $GOT" >&2
    exit 1
fi
tar -xzf "$TARBALL" -C "$TMP" package/axe.min.js package/LICENSE
mkdir -p "$DEST"
mv "$TMP/package/axe.min.js" "$TMP/package/LICENSE" "$DEST/"
echo "$DEST/axe.min.js"
