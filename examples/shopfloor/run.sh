#!/bin/sh
# examples/shopfloor/run.sh [BIN_DIR] [OUT_DIR] — the shop floor of seed 003: a day of scans on
# two ARM100 orders (sawing, drilling, assembly; a pause, one rejected scan) timed by
# track-operations, then the PANLAT repair of an ARM100 under warranty and out of it by
# repair-orders. BIN_DIR holds the built commands (without it they are taken from PATH); side
# tables go to OUT_DIR (default: a temporary folder). The figures are worked out in README.md.
set -eu
if [ $# -ge 1 ]; then
  case $1 in /*) bin=$1 ;; *) bin=$(pwd)/$1 ;; esac
  PATH=$bin:$PATH
fi
out=${2:-$(mktemp -d)}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
mkdir -p "$out"
cd "$(dirname "$0")"

echo "== track-operations: the scans of 2026-01-26, as of 17:00 (one scan is rejected: status 1)"
status=0
track-operations --orders orders.csv --routings routings.csv --workcenters workcenters.csv \
  --products products.csv --bom bom.csv --as-of 2026-01-26T17:00 \
  --moves-out "$out/moves.csv" --workcenters-out "$out/workcenter-days.csv" --orders-out "$out/orders.csv" \
  --rejects "$out/rejects.csv" scans-2026-01-26.csv -o "$out/operations.csv" || status=$?
echo "(status $status)"
cut -d, -f1,5-12,16 "$out/operations.csv"
echo
echo "== rejected scans"
cat "$out/rejects.csv"
echo
echo "== orders"
cat "$out/orders.csv"
echo
echo "== stock moves of the done order (post-documents' ledger columns)"
cat "$out/moves.csv"
echo
echo "== workcenter days"
cat "$out/workcenter-days.csv"
echo
echo "== repair-orders: the PANLAT shelf of an ARM100, under warranty (R-1) and out of it (R-2); R-3 a quotation"
repair-orders --products products.csv --bom bom.csv --lots lots.csv --prices prices.csv \
  --invoice-out "$out/invoice.csv" --quotation-out "$out/quotation.csv" --moves-out "$out/repair-moves.csv" \
  repairs.csv -o "$out/repairs.csv"
cat "$out/repairs.csv"
echo
echo "== draft invoice lines"
cat "$out/invoice.csv"
echo
echo "== quotation of R-3"
cat "$out/quotation.csv"
echo
echo "== stock moves of the done repairs"
cat "$out/repair-moves.csv"
echo
echo "== the quotation as a workbook to print: $out/quotation.xlsx"
export-xlsx --sheet "Cotizacion R-3=$out/quotation.csv" --title "Repair quotation" --company "taller" \
  -o "$out/quotation.xlsx"
