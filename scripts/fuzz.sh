#!/bin/sh
# make fuzz: builds the libFuzzer targets in Fuzz/ (TALLER_FUZZ=1 adds them to the
# package; release mode with -sanitize=fuzzer,address, in .build-fuzz) and runs each
# for FUZZ_RUNS inputs (default 1,000,000) over a temporary copy of its seed corpus,
# Fuzz/corpus/NAME, so that the committed corpus never grows. FUZZ_TARGETS picks
# targets (default: csv number date json). An input that breaks a target is kept
# as out/fuzz/fuzz-NAME-crash-…, with libFuzzer's log beside it; the run then fails.
set -eu
cd "$(dirname "$0")/.."

runs=${FUZZ_RUNS:-1000000}
targets=${FUZZ_TARGETS:-csv number date json}
SWIFT=${SWIFT:-swift}
# lld: gold cannot link these (libFuzzer's main against SwiftPM's renamed one);
# -enable-testing: the CSV and JSON targets reach internal API (@testable import).
flags="-c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -enable-testing"

for t in $targets; do
  TALLER_FUZZ=1 $SWIFT build $flags --product "fuzz-$t" >&2
done
bin=$(TALLER_FUZZ=1 $SWIFT build $flags --show-bin-path)

work=$(mktemp -d "${TMPDIR:-/tmp}/taller-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p out/fuzz
status=0
for t in $targets; do
  mkdir "$work/$t"
  cp Fuzz/corpus/"$t"/* "$work/$t/"
  start=$(date +%s)
  # SWIFT_BACKTRACE: a failed check aborts; libFuzzer reports it, not Swift's
  # backtracer (which trips over ASan).
  if SWIFT_BACKTRACE=enable=no "$bin/fuzz-$t" -runs="$runs" -timeout=30 -print_final_stats=1 \
    -artifact_prefix="out/fuzz/fuzz-$t-" "$work/$t" >"$work/$t.log" 2>&1; then
    result=ok
  else
    result="FAILED: out/fuzz/fuzz-$t.log"
    cp "$work/$t.log" out/fuzz/
    grep -E -A3 'check failed|ERROR:' "$work/$t.log" | head -20 >&2 || true
    status=1
  fi
  seconds=$(($(date +%s) - start))
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$t.log")
  echo "fuzz-$t: ${executed:-?} inputs in $seconds s (${rate:-?}/s): $result"
done
exit $status
