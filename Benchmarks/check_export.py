"""Reads an export-xlsx workbook back with openpyxl and compares it with its CSV.

usage: check_export.py big.csv out.xlsx

big.csv is the generator's table: code, description (text), a decimal with 2
places, a decimal with 4 places, an ISO date, an integer. Every cell must come back
with the same value and the right type: text as str, decimals as numbers equal to
the exact decimal (compared through Decimal of the double's shortest repr), dates
as datetime, integers as numbers; the header frozen (A2) and an autofilter over all
rows. Prints one line: "ok: N rows, ..." or "FAILED: ..." (exit 1).
"""
import csv
import datetime
import sys
from decimal import Decimal

import openpyxl


def main():
    csv_path, xlsx_path = sys.argv[1], sys.argv[2]
    wb = openpyxl.load_workbook(xlsx_path, read_only=True)
    ws = wb.worksheets[0]
    # read_only mode has no freeze_panes/auto_filter; read them from a normal load of
    # the sheet XML header instead.
    import zipfile, re
    with zipfile.ZipFile(xlsx_path) as z:
        head = z.open("xl/worksheets/sheet1.xml").read(4096).decode("utf-8", "replace")
        tail_bytes = z.read("xl/worksheets/sheet1.xml")[-4096:].decode("utf-8", "replace")
    frozen = 'topLeftCell="A2"' in head and 'state="frozen"' in head
    m = re.search(r'<autoFilter ref="([^"]+)"', tail_bytes)
    autofilter = m.group(1) if m else None
    problems = []
    n = 0
    with open(csv_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = ws.iter_rows(values_only=True)
        if list(next(rows)) != header:
            problems.append("header differs")
        for n, (want, got) in enumerate(zip(reader, rows), start=1):
            code, desc, d2, d4, day, crew = want
            g = list(got)
            if g[0] != code or g[1] != desc:
                problems.append(f"row {n}: text {g[:2]} != {[code, desc]}")
            for col, text in ((2, d2), (3, d4)):
                if not isinstance(g[col], (int, float)) or Decimal(repr(g[col])) != Decimal(text):
                    problems.append(f"row {n}: number {g[col]!r} != {text}")
            if not isinstance(g[4], datetime.datetime) or g[4].date().isoformat() != day:
                problems.append(f"row {n}: date {g[4]!r} != {day}")
            if not isinstance(g[5], (int, float)) or Decimal(repr(g[5])) != Decimal(crew):
                problems.append(f"row {n}: integer {g[5]!r} != {crew}")
            if len(problems) > 10:
                break
    expected_ref = f"A1:F{n + 1}"
    if not frozen:
        problems.append("header row not frozen")
    if autofilter != expected_ref:
        problems.append(f"autofilter {autofilter} != {expected_ref}")
    if problems:
        print("FAILED: " + "; ".join(problems[:10]))
        sys.exit(1)
    print(f"ok: {n} rows read back with openpyxl; every value exact and of its type "
          f"(str, number, datetime); header frozen at A2; autofilter {autofilter}")


main()
