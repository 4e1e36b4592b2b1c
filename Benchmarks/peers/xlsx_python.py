#!/usr/bin/env python3
"""Peer for `export-xlsx`: Python XlsxWriter with {'constant_memory': True}.

    xlsx_python.py TYPES SHEET IN.csv OUT.xlsx

The same work as xlsx_peer.c: a plain split on ',' (the generated CSV never
quotes), header as text, then text, numbers (int, decN) and dates (ISO, written
with the format yyyy-mm-dd). Creation date fixed at 2026-01-01.
"""
import datetime
import sys

import xlsxwriter


def main(types, sheet, src, dst):
    kinds = types.split(",")
    wb = xlsxwriter.Workbook(dst, {"constant_memory": True})
    wb.set_properties({"created": datetime.datetime(2026, 1, 1)})
    ws = wb.add_worksheet(sheet)
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    parse_date = datetime.datetime.fromisoformat
    with open(src, encoding="utf-8") as f:
        header = f.readline().rstrip("\r\n").split(",")
        for c, v in enumerate(header):
            ws.write_string(0, c, v)
        r = 1
        for line in f:
            fields = line.rstrip("\r\n").split(",")
            if len(fields) != len(kinds):
                raise SystemExit(f"xlsx_python.py: {src}:{r + 1}: expected "
                                 f"{len(kinds)} fields, found {len(fields)}")
            for c, (k, v) in enumerate(zip(kinds, fields)):
                if v == "":
                    continue
                if k == "text":
                    ws.write_string(r, c, v)
                elif k == "date":
                    ws.write_datetime(r, c, parse_date(v), date_format)
                else:
                    ws.write_number(r, c, float(v))
            r += 1
    wb.close()


if __name__ == "__main__":
    main(*sys.argv[1:5])
