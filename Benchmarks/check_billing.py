"""Counts the cells of a billing workbook and checks its cover against the month.

usage: check_billing.py cells BOOK.xlsx
       check_billing.py check BOOK.xlsx CLOSED.json

`cells` prints the number of cells the workbook's sheets hold (every <c> element
of every worksheet: text, numbers and formulas alike), the size the C peer's
workbook is given. `check` reads the cover (Carátula) with openpyxl and compares
its amounts (authorized, executed this period, accumulated, remaining; MXN and
USD) with the closed-month document's totals to the cent, and the number of
family sheets with its families. Prints one line: "ok: ..." or "FAILED: ..."
(exit 1).
"""
import json
import re
import sys
import zipfile
from decimal import Decimal, ROUND_HALF_UP


def cells(book):
    n = 0
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                n += len(re.findall(rb"<c ", z.read(name)))
    return n


def cents(x):
    return Decimal(repr(x) if isinstance(x, float) else str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def check(book, closed):
    import openpyxl
    with open(closed, encoding="utf-8") as f:
        doc = json.load(f)
    wb = openpyxl.load_workbook(book, read_only=True, data_only=True)
    cover = {}
    for row in wb[wb.sheetnames[0]].iter_rows(values_only=True):
        if row and row[0]:
            cover[row[0]] = row[1:]
    bad = []
    labels = [("Importe autorizado", "authorized"), ("Ejecutado en este periodo", "executed"),
              ("Acumulado ejecutado", "accumulated"), ("Por ejercer", "remaining")]
    for j, cur in enumerate(["mxn", "usd"]):
        for label, key in labels:
            want = Decimal(str(doc["totals"]["%s_%s" % (key, cur)]))
            got = cover.get(label, (None, None))[j]
            if got is None or cents(got) != want:
                bad.append("cover %s %s: %r, document %s" % (label, cur, got, want))
    families = len(doc["families"])
    sheets = len(wb.sheetnames) - 2  # Carátula, Resumen, then one sheet per family (GPU, Excedentes after)
    if sheets < families:
        bad.append("%d sheets after the summary for %d families" % (sheets, families))
    n = cells(book)
    if bad:
        print("FAILED: " + "; ".join(bad[:5]))
        return 1
    print("ok: cover amounts equal the closed-month totals to the cent (MXN and USD: authorized, executed, "
          "accumulated, remaining); %d families; %s cells; executed %s MXN"
          % (families, format(n, ","), format(Decimal(str(doc["totals"]["executed_mxn"])), ",")))
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "cells":
        print(cells(sys.argv[2]))
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        return check(sys.argv[2], sys.argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
