#!/bin/sh
# Regenerates man/man1/*.1 from each command's own help with swift-argument-parser's
# generate-manual plugin (works offline), then commits nothing: review and commit.
set -eu
cd "$(dirname "$0")/.."
out=.build/manual
rm -rf "$out"
mkdir -p "$out"
swift package --allow-writing-to-package-directory generate-manual --output-directory "$out" \
  --date "$(date -u +%Y-%m-%d)" --authors "the taller developers" >&2
mkdir -p man/man1
for page in "$out"/*.1; do
  [ -e "$page" ] || continue
  cp "$page" man/man1/
done
ls man/man1
