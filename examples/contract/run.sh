#!/bin/sh
# The month pipeline of SPEC §1 over the example month (October 2026):
#   1. import-annex turns the C-3 annex the client sent as an Excel (Mexico) CSV
#      into canonical annex rows;
#   2. import-annex --consolidate shows the authorization in force (the audit view);
#   3. validate-excess checks the month's production (long and grid) against the
#      annexes, the daily statuses, the history, the guards and the voucher register;
#   4. close-month first refuses October (no evidence URL, vouchers not yet
#      VALIDADO) listing every blocker, then, with the register after the vouchers
#      were reviewed (closing/gpu-2026-10-validated.csv) and the evidence URL,
#      closes it into closed-2026-10.json (and its per-concept summary), and
#      closes it once per family and merges the parts (close-month --merge) into
#      the same bytes;
#   5. export-xlsx --billing turns the closed month into the client's statement,
#      billing-2026-10.xlsx.
#
#   sh examples/contract/run.sh [BIN_DIR [OUT_DIR]]
#
# BIN_DIR holds the built commands (e.g. .build/release); without it (or empty) they
# are taken from PATH. Paths are relative to this script. The outputs go to OUT_DIR
# (else $OUT, else a new temporary directory), printed at the end. Exit status 0 when the month came
# out as examples/contract/README.md says (4 rows rejected, 80 validated, 75 vouchers,
# 72 blockers before the review, then the month closed with the README's totals).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ge 1 ] && [ -n "$1" ]; then
  PATH=$(cd "$1" && pwd):$PATH
  export PATH
fi
out=${2:-${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/taller-contract.XXXXXX")}}
mkdir -p "$out/annex"
cd "$here"

# 1. The annex as it came: two title rows, Spanish headers, ';', decimal comma,
#    Windows-1252 (import-annex says so on standard error).
import-annex --ot OT-2026-021 --import 212 --imported-on 2026-09-12 \
  sources/anexo-C3-OT-2026-021.csv > "$out/annex/OT-2026-021-212.csv"
if ! cmp -s "$out/annex/OT-2026-021-212.csv" annex/OT-2026-021-212.csv; then
  echo "run.sh: the imported annex differs from annex/OT-2026-021-212.csv" >&2
  exit 1
fi
# The other imports of the month, already canonical; the register is updated in place.
cp annex/OT-2026-017-*.csv annex/OT-2026-030-*.csv "$out/annex/"
cp gpu.csv "$out/gpu.csv"

# 2. The audit view: per family and concept, the import in force.
import-annex --consolidate --work-orders work_orders.csv "$out/annex/" > "$out/authorizations.csv"

# 3. The month. Status 1 means rows were rejected (they are in rejects.csv).
status=0
validate-excess --annex "$out/annex/" --work-orders work_orders.csv \
  --daily daily/ --history history/ --guards guards.csv \
  --gpu "$out/gpu.csv" --gpu-out "$out/gpu.csv" --rejects "$out/rejects.csv" \
  production/production-2026-10.csv production/production-grid-2026-10.csv \
  > "$out/validated.csv" || status=$?
if [ "$status" -gt 1 ]; then
  echo "run.sh: validate-excess failed with status $status" >&2
  exit "$status"
fi

validated=$(($(wc -l < "$out/validated.csv") - 1))
rejected=$(($(wc -l < "$out/rejects.csv") - 1))
vouchers=$(($(wc -l < "$out/gpu.csv") - 1))
excess=$(grep -c ',EXCEDENTE,' "$out/validated.csv" || true)
echo "contract month 2026-10: $validated rows validated ($excess above the authorization), $rejected rejected, $vouchers vouchers in the register"
[ "$validated" -eq 80 ] && [ "$rejected" -eq 4 ] && [ "$vouchers" -eq 75 ]

# 4. The close. As validated, October cannot close: 71 of its 72 required vouchers
#    are not VALIDADO with evidence, and no evidence URL was given. Every blocker
#    goes to blocked.txt (standard error), status 1, nothing written.
closing="--month 2026-10 --annex $out/annex/ --work-orders work_orders.csv --daily daily/ --history history/ --guards guards.csv"
status=0
# shellcheck disable=SC2086  # $closing is a list of words
close-month $closing --gpu "$out/gpu.csv" -o "$out/closed-2026-10.json" "$out/validated.csv" \
  2> "$out/blocked.txt" || status=$?
if [ "$status" -ne 1 ] || [ -e "$out/closed-2026-10.json" ]; then
  echo "run.sh: close-month should have been blocked (status $status)" >&2
  exit 1
fi
echo "close-month 2026-10 refused: $(tail -n 1 "$out/blocked.txt" | sed 's/^close-month: //') (see blocked.txt)"
# After review every October voucher is VALIDADO with its evidence (the register
# in closing/), and the month's evidence is filed: the month closes.
# shellcheck disable=SC2086
close-month $closing --gpu closing/gpu-2026-10-validated.csv \
  --evidence https://sharepoint.example.com/sites/contrato-424/cierres/2026-10.pdf \
  -o "$out/closed-2026-10.json" "$out/validated.csv"
# shellcheck disable=SC2086
close-month $closing --gpu closing/gpu-2026-10-validated.csv \
  --evidence https://sharepoint.example.com/sites/contrato-424/cierres/2026-10.pdf \
  --output-format csv -o "$out/closed-2026-10-summary.csv" "$out/validated.csv"
total=$(awk '/^  "totals": \{/ { t = 1 } t && /"executed_mxn"/ { gsub(/[^0-9.]/, ""); print; exit }' "$out/closed-2026-10.json")
echo "contract month 2026-10 closed: executed MXN $total; closed-2026-10.json, closed-2026-10-summary.csv"
[ "$total" = "13375047.02" ]
# The same month closed per family (as on a cluster, one part per family) and the
# parts merged: the single run's document, byte for byte.
mkdir -p "$out/parts"
for family in OT-2026-017 OT-2026-021 OT-2026-030; do
  # shellcheck disable=SC2086
  close-month $closing --gpu closing/gpu-2026-10-validated.csv \
    --evidence https://sharepoint.example.com/sites/contrato-424/cierres/2026-10.pdf \
    --family "$family" -o "$out/parts/$family.json" "$out/validated.csv"
done
close-month --merge "$out/parts/" -o "$out/closed-2026-10-merged.json"
if ! cmp -s "$out/closed-2026-10.json" "$out/closed-2026-10-merged.json"; then
  echo "run.sh: the month closed per family and merged differs from closed-2026-10.json" >&2
  exit 1
fi
echo "contract month 2026-10 closed per family (parts/) and merged: closed-2026-10-merged.json = closed-2026-10.json"

# 5. The statement the client receives: the billing workbook (cover with VAT and the
#    amount in words, summary by concept, one daily-detail sheet per family, excess,
#    GPU register, progress chart), byte-identical on every run (--created).
export-xlsx --billing "$out/closed-2026-10.json" --company "Servicios Industriales del Golfo, S.A. de C.V." \
  --contract "Contrato 424-CMA-2026 (mantenimiento a instalaciones)" --signatures closing/signatures.csv \
  --vat 0.16 --gpu closing/gpu-2026-10-validated.csv --created 2026-11-05 -o "$out/billing-2026-10.xlsx"
echo "billing statement 2026-10: billing-2026-10.xlsx"
echo "outputs in $out: annex/, authorizations.csv, validated.csv, rejects.csv, gpu.csv, blocked.txt, closed-2026-10.json, closed-2026-10-summary.csv, parts/, closed-2026-10-merged.json, billing-2026-10.xlsx"
