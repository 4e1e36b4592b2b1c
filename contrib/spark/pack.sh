#!/bin/sh
# Packs the taller executables for Spark executors: taller-bin.tar.gz holds the
# commands and lib/ with every shared library they load that is not the C library's
# own (the Swift runtime, Foundation, libcsv, libxlsxwriter), so the executors need
# nothing installed. Built with --static-swift-stdlib the Swift runtime is inside
# the executables and lib/ holds libcsv and libxlsxwriter alone.
#
#   sh contrib/spark/pack.sh BIN_DIR OUT.tar.gz [COMMAND...]
#
# BIN_DIR is a build folder (.build/release); the commands default to the four
# that split: validate-excess close-month explode-bom schedule-mrp.
set -eu
[ $# -ge 2 ] || { echo "usage: pack.sh BIN_DIR OUT.tar.gz [COMMAND...]" >&2; exit 64; }
bin=$1
out=$2
shift 2
[ $# -gt 0 ] || set -- validate-excess close-month explode-bom schedule-mrp
stage=$(mktemp -d "${TMPDIR:-/tmp}/taller-pack.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/taller-bin/lib"
for cmd in "$@"; do
  cp "$bin/$cmd" "$stage/taller-bin/"
  # Every library the loader resolves, but the C library's own (libc, libm,
  # libpthread, libdl, librt, the loader, libgcc_s, libstdc++), present everywhere.
  ldd "$bin/$cmd" | awk '$3 ~ /^\// { print $3 }' | while read -r lib; do
    case $(basename "$lib") in
      libc.so* | libm.so* | libpthread.so* | libdl.so* | librt.so* | ld-linux* | libgcc_s.so* | libstdc++.so* | libutil.so*) ;;
      *) cp -L "$lib" "$stage/taller-bin/lib/" ;;
    esac
  done
done
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
(cd "$stage" && tar -czf "$out" taller-bin)
echo "pack.sh: $out: $* and $(ls "$stage/taller-bin/lib" | wc -l) libraries" >&2
