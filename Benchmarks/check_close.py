"""Compares close-month's per-concept summary with the DuckDB peer's totals.

usage: check_close.py summary.csv duckdb.csv

summary.csv is `close-month --output-format csv`; duckdb.csv is what
peers/close_month.sql writes from the same validated file. Every (family, code)
DuckDB has must be in the summary with the same month, accumulated, remaining
and excess quantities and the same ten rounded amounts (as exact decimals);
every summary line DuckDB lacks (a concept without rows) must have a month
quantity of 0. Prints one line: "ok: ..." or "FAILED: ..." (exit 1).
"""
import csv
import sys
from decimal import Decimal

COMPARED = ["authorized_qty", "month_qty", "accumulated_qty", "remaining_qty", "excess_qty",
            "authorized_mxn", "executed_mxn", "accumulated_mxn", "remaining_mxn", "billable_mxn",
            "authorized_usd", "executed_usd", "accumulated_usd", "remaining_usd", "billable_usd"]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {(r["family"], r["code"]): r for r in csv.DictReader(f)}


def main():
    ours, peer = read(sys.argv[1]), read(sys.argv[2])
    bad = []
    for key, p in peer.items():
        o = ours.get(key)
        if o is None:
            bad.append(f"{key} is missing from close-month's summary")
            continue
        for c in COMPARED:
            if Decimal(o[c] or "0") != Decimal(p[c] or "0"):
                bad.append(f"{key} {c}: close-month {o[c]}, DuckDB {p[c]}")
    idle = [k for k in ours if k not in peer]
    for k in idle:
        if Decimal(ours[k]["month_qty"] or "0") != 0:
            bad.append(f"{k} has month_qty {ours[k]['month_qty']} but no rows in DuckDB")
    total = sum(Decimal(o["executed_mxn"]) for o in ours.values())
    if bad:
        print(f"FAILED: {len(bad)} differences, e.g. " + "; ".join(bad[:3]))
        return 1
    print(f"ok: {len(peer):,} family-concept lines equal to the cent "
          f"(month, accumulated, remaining and excess quantities, ten amounts), "
          f"{len(idle):,} lines without rows are 0; executed {total:,} MXN")
    return 0


if __name__ == "__main__":
    sys.exit(main())
