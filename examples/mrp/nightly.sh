#!/bin/sh
# examples/mrp/nightly.sh — the planner's nightly MRP, as cron runs it:
#
#   # m h dom mon dow  command
#   30 2 * * *  TALLER_BIN=/opt/taller/bin DATA=/srv/plan OUT=/srv/plan/nights /srv/plan/nightly.sh
#
# Reads the catalogue, stock, open receipts, workcenters, routings and demand from
# $DATA (default: this folder) and writes $OUT/YYYY-MM-DD/{planned,exceptions,load}.csv
# and mrp.xlsx (with the load per workcenter and week against capacity as a native
# chart), as of today (or $AS_OF). The outputs are written together or not at
# all; the status is schedule-mrp's: with --strict, 1 when an exception is "to
# correct" or "late" (cron mails the planner), 65 when an input is malformed.
# Yesterday's planned.csv is kept beside today's for comparing by hand (the
# --previous/--changes report of issue 10 is not built yet).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${TALLER_BIN:-}" ]; then PATH=$TALLER_BIN:$PATH; fi
data=${DATA:-$here}
as_of=${AS_OF:-$(date -u +%F)}
night=${OUT:-$here/nights}/$as_of
mkdir -p "$night"
status=0
schedule-mrp --products "$data/products.csv" --bom "$data/bom.csv" --stock "$data/stock.csv" \
  --receipts "$data/receipts.csv" --workcenters "$data/workcenters.csv" --routings "$data/routings.csv" \
  --as-of "$as_of" --strict --exceptions "$night/exceptions.csv" --load "$night/load.csv" --period week \
  "$data/demand.csv" -o "$night/planned.csv" || status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi
# The load against capacity as a native column chart beside the Carga sheet.
export-xlsx --sheet Plan="$night/planned.csv" --sheet Excepciones="$night/exceptions.csv" \
  --sheet Carga="$night/load.csv" --chart Carga:column:workcenter:hours,capacity_hours \
  --title "MRP $as_of" -o "$night/mrp.xlsx"
echo "MRP $as_of: $(($(wc -l < "$night/planned.csv") - 1)) planned orders, $(($(wc -l < "$night/exceptions.csv") - 1)) exceptions -> $night" >&2
exit "$status"
