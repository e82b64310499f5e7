#!/bin/sh
# Fetch one file of a pinned npm package into a git-ignored cache, for the tests:
#     sh tests/vendor_npm.sh PACKAGE FILE
# e.g. `axe-core axe.min.js` (the browser tests) or `vnu-jar build/dist/vnu.jar` (the Nu Html
# Checker). The version and the tarball's SHA-512 come from tests/npm-pins.txt; a tarball with
# other bytes is refused. FILE (a path inside the package) and the package's LICENSE go to
# $NPM_CACHE_DIR/PACKAGE-VERSION/ (default <repo>/.cache); the last line printed is FILE's path.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: sh tests/vendor_npm.sh PACKAGE FILE" >&2
    exit 2
fi
PACKAGE=$1
FILE=$2
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
PIN=$(awk -v p="$PACKAGE" '$1 == p { print $2, $3 }' "$ROOT/tests/npm-pins.txt")
if [ -z "$PIN" ]; then
    echo "vendor_npm.sh: $PACKAGE is not pinned in tests/npm-pins.txt" >&2
    exit 1
fi
VERSION=${PIN% *}
INTEGRITY=${PIN#* }
DEST="${NPM_CACHE_DIR:-$ROOT/.cache}/$PACKAGE-$VERSION"
NAME=$(basename -- "$FILE")

if [ -s "$DEST/$NAME" ]; then
    echo "$DEST/$NAME"
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "vendor_npm.sh: npm is missing; install it (apt-get install npm) or run 'make test'" >&2
    exit 1
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
TARBALL="$TMP/$(cd "$TMP" && npm pack --silent "$PACKAGE@$VERSION" | tail -n 1)"
# npm checks the registry's own checksum; this pins the exact bytes we reviewed.
GOT="sha512-$(python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$TARBALL")"
if [ "$GOT" != "$INTEGRITY" ]; then
    echo "vendor_npm.sh: $PACKAGE $VERSION tarball checksum mismatch: $GOT" >&2
    exit 1
fi
tar -xzf "$TARBALL" -C "$TMP" "package/$FILE" package/LICENSE
mkdir -p "$DEST"
mv "$TMP/package/$FILE" "$TMP/package/LICENSE" "$DEST/"
echo "$DEST/$NAME"
