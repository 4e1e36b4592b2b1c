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
# When an earlier night's folder holds a planned.csv, changes.csv says what changed
# since (orders added, removed, re-quantified, re-dated, with the cause): the
# report the planner reads first in the morning.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${TALLER_BIN:-}" ]; then PATH=$TALLER_BIN:$PATH; fi
data=${DATA:-$here}
as_of=${AS_OF:-$(date -u +%F)}
nights=${OUT:-$here/nights}
night=$nights/$as_of
mkdir -p "$night"
last=$(ls -d "$nights"/????-??-?? 2>/dev/null | sort | awk -v today="$night" '$0 < today' | tail -n 1)
set --
if [ -n "$last" ] && [ -f "$last/planned.csv" ]; then
  set -- --previous "$last/planned.csv" --changes "$night/changes.csv"
fi
status=0
schedule-mrp "$@" --products "$data/products.csv" --bom "$data/bom.csv" --stock "$data/stock.csv" \
  --receipts "$data/receipts.csv" --workcenters "$data/workcenters.csv" --routings "$data/routings.csv" \
  --as-of "$as_of" --strict --exceptions "$night/exceptions.csv" --load "$night/load.csv" --period week \
  "$data/demand.csv" -o "$night/planned.csv" || status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi
# The load against capacity as a native column chart beside the Carga sheet.
set -- --sheet Plan="$night/planned.csv" --sheet Excepciones="$night/exceptions.csv"
if [ -f "$night/changes.csv" ]; then set -- "$@" --sheet Cambios="$night/changes.csv"; fi
export-xlsx "$@" --sheet Carga="$night/load.csv" --chart Carga:column:workcenter:hours,capacity_hours \
  --title "MRP $as_of" -o "$night/mrp.xlsx"
echo "MRP $as_of: $(($(wc -l < "$night/planned.csv") - 1)) planned orders, $(($(wc -l < "$night/exceptions.csv") - 1)) exceptions -> $night" >&2
exit "$status"
