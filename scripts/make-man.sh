#!/bin/sh
# Regenerates man/man1/*.1 from each command's own help (scripts/make-man.py over
# the debug build), then commits nothing: review and commit.
set -eu
cd "$(dirname "$0")/.."
${SWIFT:-swift} build >&2
python3 scripts/make-man.py "$(${SWIFT:-swift} build --show-bin-path)"
