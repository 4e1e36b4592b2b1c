#!/usr/bin/env python3
"""Peer for `convert-table`: Python's csv module into typed rows and back.

    convert_table.py TYPES IN.csv OUT.csv

TYPES is one word per column: text, int, dec2/dec4 (any decN: decimal.Decimal,
exact), date (ISO, datetime.date). Every cell is parsed into its type and the
rows are written back as CSV (Decimal keeps its places, dates come back ISO).
"""
import csv
import datetime
import decimal
import sys


def main(types, src, dst):
    parse_date = datetime.date.fromisoformat
    parsers = []
    for t in types.split(","):
        if t == "text":
            parsers.append(str)
        elif t == "int":
            parsers.append(int)
        elif t.startswith("dec"):
            parsers.append(decimal.Decimal)
        elif t == "date":
            parsers.append(parse_date)
        else:
            raise SystemExit(f"convert_table.py: unknown type {t!r}")
    with open(src, newline="", encoding="utf-8") as fi, \
            open(dst, "w", newline="", encoding="utf-8") as fo:
        reader = csv.reader(fi)
        writer = csv.writer(fo, lineterminator="\n")
        writer.writerow(next(reader))
        typed = [[p(v) for p, v in zip(parsers, row)] for row in reader]
        for row in typed:
            writer.writerow([v.isoformat() if isinstance(v, datetime.date) else v
                             for v in row])


if __name__ == "__main__":
    main(*sys.argv[1:4])
