#!/bin/sh
# examples/mrp/run.sh [BIN_DIR] [OUT_DIR] — schedule-mrp over the cabinet of seed 003:
# the seed's example in both company configurations (SPEC §5.5), then a night's plan
# with stock, receipts, rules, a subcontracted door and the workcenter load. BIN_DIR
# holds the built commands (e.g. .build/release); without it they are taken from
# PATH. Side tables go to OUT_DIR (default: a temporary folder). The figures are
# worked out by hand in README.md.
set -eu
if [ $# -ge 1 ]; then
  case $1 in /*) bin=$1 ;; *) bin=$(pwd)/$1 ;; esac
  PATH=$bin:$PATH
fi
out=${2:-$(mktemp -d)}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
mkdir -p "$out"
cd "$(dirname "$0")"
catalogue="--products products.csv --bom bom.csv"

echo "== the seed's example: 1 ARM100 ordered Jan 1 (delivery Jan 31; ARM100 Jan 26, PANLAT Jan 16, BOIS002 Jan 21 and Jan 11)"
schedule-mrp $catalogue --as-of 2026-01-01 --exceptions "$out/seed-exceptions.csv" seed-demand.csv | cut -d, -f1-7
echo
echo "== with security days 2, purchase lead 3, production lead 1 (Jan 29; Jan 23, Jan 12, Jan 15 and Jan 4)"
schedule-mrp $catalogue --as-of 2026-01-01 --exceptions "$out/seed-leads-exceptions.csv" --security-days 2 --purchase-lead 3 --production-lead 1 seed-demand.csv \
  | cut -d, -f1-7
echo
echo "== a night as of 2026-01-05: stock, receipts, rules, a subcontracted door, load per week"
schedule-mrp $catalogue --stock stock.csv --receipts receipts.csv --workcenters workcenters.csv \
  --routings routings.csv --as-of 2026-01-05 --exceptions "$out/exceptions.csv" --load "$out/load.csv" \
  --period week demand.csv -o "$out/planned.csv"
cat "$out/planned.csv"
echo
echo "== exceptions"
cat "$out/exceptions.csv"
echo
echo "== load per workcenter and week"
cat "$out/load.csv"
