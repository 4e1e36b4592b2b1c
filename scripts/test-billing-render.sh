#!/bin/sh
# Renders the billing workbook of the golden case close-month/closed with LibreOffice
# headless (PDF, then PNG pages) and checks that the PDF's text holds the totals and
# the amount in words. Run by `make test` after `swift test`.
#
#   sh scripts/test-billing-render.sh [BIN_DIR [OUT_DIR]]
#
# Needs soffice (libreoffice-calc-nogui) and pdftotext/pdftoppm (poppler-utils);
# `make test` installs them through bootstrap (TALLER_RENDER=1). Without them it says
# so and does not run: status 0, the line "test-billing-render: SKIPPED".
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "${1:-$root/.build/debug}" && pwd)
out=${2:-$(mktemp -d "${TMPDIR:-/tmp}/taller-render.XXXXXX")}
mkdir -p "$out"
for tool in soffice pdftotext pdftoppm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "test-billing-render: SKIPPED — $tool not found (apt-get install libreoffice-calc-nogui poppler-utils); the rendered-PDF check did not run"
    exit 0
  fi
done
case_dir="$root/Tests/CommandTests/Fixtures/close-month/closed"
cp "$case_dir/expected.stdout" "$out/closed.json"
"$bin/export-xlsx" --billing "$out/closed.json" --company "Servicios del Golfo" --contract "CNT-424" \
  --gpu "$case_dir/gpu.csv" --vat 0.16 --created 2026-11-05 -o "$out/billing.xlsx"
# A private profile, so a running LibreOffice of the user is neither used nor disturbed.
soffice -env:UserInstallation="file://$out/profile" --headless --convert-to pdf --outdir "$out" "$out/billing.xlsx" >/dev/null 2>&1
[ -s "$out/billing.pdf" ] || { echo "test-billing-render: FAILED — LibreOffice wrote no PDF" >&2; exit 1; }
pdftotext -layout "$out/billing.pdf" "$out/billing.txt"
pdftoppm -png -r 70 "$out/billing.pdf" "$out/page"
# The totals the PDF must show, from the document: MXN and USD executed, billable,
# VAT (half-up at the cent) and total, formatted as the workbook formats them.
python3 - "$out/closed.json" "$out/billing.txt" <<'PY'
import json, sys
from decimal import Decimal, ROUND_HALF_UP
doc = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
flat = " ".join(text.split())
missing = []
for cur in ("mxn", "usd"):
    t = doc["totals"]
    billable = Decimal(t["billable_%s" % cur])
    vat = (billable * Decimal("0.16")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for label, v in (("executed", Decimal(t["executed_%s" % cur])), ("authorized", Decimal(t["authorized_%s" % cur])),
                     ("billable", billable), ("vat", vat), ("total", billable + vat)):
        s = "{:,.2f}".format(v)
        if s not in text: missing.append("%s %s %s" % (cur, label, s))
for words in ("PESOS", "/100 M.N.)"):
    if words not in flat: missing.append("amount in words: " + words)
if missing:
    print("test-billing-render: FAILED — the PDF lacks: " + "; ".join(missing), file=sys.stderr)
    sys.exit(1)
PY
pages=$(ls "$out"/page-*.png | wc -l)
echo "test-billing-render: ok — $pages pages rendered, totals and amount in words in the PDF ($out)"
