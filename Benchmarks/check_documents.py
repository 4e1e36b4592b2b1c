"""Compares post-documents' --stock-out with the DuckDB peer's four stocks.

usage: check_documents.py stock.csv duckdb.csv

stock.csv is `post-documents --stock-out`; duckdb.csv is what
peers/documents_stock.sql computes from post-documents' ledger. Every (product,
warehouse) must be in both with the same physical, documented, prior_period and
last_control (exact decimals), in the same order. Prints one line: "ok: ..." or
"FAILED: ..." (exit 1).
"""
import csv
import sys
from decimal import Decimal

COMPARED = ["physical", "documented", "prior_period", "last_control"]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f)]


def main():
    ours, peer = read(sys.argv[1]), read(sys.argv[2])
    bad = []
    po = {(r["product"], r["warehouse"] or ""): r for r in ours}
    pp = {(r["product"], r["warehouse"] or ""): r for r in peer}
    for key, p in pp.items():
        o = po.get(key)
        if o is None:
            bad.append(f"{key} is missing from post-documents' stock")
            continue
        for c in COMPARED:
            if Decimal(o[c] or "0") != Decimal(p[c] or "0"):
                bad.append(f"{key} {c}: post-documents {o[c]}, DuckDB {p[c]}")
    for key in po:
        if key not in pp:
            bad.append(f"{key} is in post-documents' stock but not in the ledger")
    if [((r["product"], r["warehouse"] or "")) for r in ours] != [((r["product"], r["warehouse"] or "")) for r in peer]:
        bad.append("rows are not in the same order")
    if bad:
        print(f"FAILED: {len(bad)} differences, first: {bad[0]}")
        return 1
    print(f"ok: {len(peer)} product-warehouse stocks equal (4 stocks each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
