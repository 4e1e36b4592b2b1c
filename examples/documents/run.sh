#!/bin/sh
# examples/documents/run.sh [BIN_DIR] [OUT_DIR] — post-documents over seed 002's
# story: a PP for 2,000 oven empanadas (and 100 kg of dough), a PD on journey J1
# for 1,000 of them, a PR declaring 1,000 empanadas and 90 kg of dough, a PI
# returning 2 kg of unused flour. Prints the stock after each document, then the
# ledger, the balances, the journey report and the average costs of the whole
# story. BIN_DIR holds the built commands (e.g. .build/release); without it they
# are taken from PATH. OUT_DIR (default: a temporary folder) keeps the tables.
# The figures are worked out by hand in README.md.
set -eu
if [ $# -ge 1 ]; then
  case $1 in /*) bin=$1 ;; *) bin=$(pwd)/$1 ;; esac
  PATH=$bin:$PATH
fi
if [ $# -ge 2 ]; then
  case $2 in /*) out=$2 ;; *) out=$(pwd)/$2 ;; esac
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
cd "$(dirname "$0")"
post="post-documents --products products.csv --bom bom.csv --journeys journeys.csv --opening-stock opening-stock.csv --period-start 2026-11-04 --last-control 2026-11-02"

set --
for doc in 1-pp.csv 2-pd.csv 3-pr.csv 4-pi.csv; do
  set -- "$@" "$doc"
  echo "== stock after $doc ($post --stock-out stock.csv $*)"
  $post --stock-out "$out/stock.csv" "$@" > "$out/ledger.csv"
  cat "$out/stock.csv"
  echo
done

echo "== the whole story: ledger"
$post --stock-out "$out/stock.csv" --balances-out "$out/balances.csv" --journeys-out "$out/journeys.csv" \
  --folios-out "$out/folios.csv" --costs-out "$out/costs.csv" "$@" > "$out/ledger.csv"
cat "$out/ledger.csv"
for t in balances journeys costs; do
  echo
  echo "== --$t-out"
  cat "$out/$t.csv"
done
