#!/bin/sh
# The example pipelines over examples/, run by `make demo`.
# Usage: sh examples/demo.sh BIN_DIR   (results in out/)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=$(cd "${1:-$root/.build/release}" && pwd)
out="$root/out"
mkdir -p "$out"
PATH="$bin:$PATH"
export PATH

echo "== convert-table: the recipe examples as canonical CSV and as NDJSON"
convert-table "$here/recipes/bom.csv" -o "$out/bom-canonical.csv"
convert-table --output-format ndjson "$here/recipes/products.csv" -o "$out/products.ndjson"

for pipeline in contract recipes mrp documents shopfloor; do
  if [ -f "$here/$pipeline/run.sh" ]; then
    echo "== examples/$pipeline/run.sh (its report also in out/$pipeline.txt)"
    sh "$here/$pipeline/run.sh" "$bin" "$out/$pipeline" > "$out/$pipeline.txt"
    cat "$out/$pipeline.txt"
  fi
done

echo "== export-xlsx: every example table into one workbook"
set --
for f in "$here"/recipes/*.csv; do
  name=$(basename "$f" .csv)
  set -- "$@" --sheet "recetas-$name=$f"
done
export-xlsx "$@" --sheet "OTs=$here/contract/work_orders.csv" \
  --title "taller examples" --company "taller" -o "$out/examples.xlsx"

echo
echo "Results are in $out:"
ls -1 "$out" | sed 's/^/  /'
