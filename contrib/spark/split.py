#!/usr/bin/env python3
"""Split CSV files into parts by key: the partitioned input of taller_spark.py.

    python3 split.py MAP.csv COLUMN OUTDIR FILE...

MAP.csv has a header and two first columns: a value and its key (e.g. ot,family for
a month; or explode-bom --trees's product,tree for demands). A work-orders file (its
header has ot and parent_ot) is read as the map of each OT to its family key as
validate-excess --family reads it (SPEC 4.1): the OT at the top of its parent_ot
chain, when that is not a reprogramming; the OT itself when its chain breaks (a
parent not in the file, a loop, a reprogramming at the top). Each row of each FILE
goes to OUTDIR/KEY/NAME (NAME the file's name), under the file's header line, as it
was read (bytes untouched). A value the map lacks is its own key (an unknown OT is
its own part, as validate-excess --family counts it). A field holding a line break
is refused (the split works line by line).

Split by a work-orders file, every key of it has its part, and every FILE is in
every part: a family without rows gets the FILE's header alone. close-month closes
a family with an active OT in the month even without rows, and so does its part
(close-month --family closes, of its families, those the single run closes: a part
of a family the single run does not close has none). Without its part the family
would be missing from the merged closed month.
"""
import csv
import os
import sys


def fields(line):
    text = line.decode("latin-1")
    if text.count('"') % 2:
        raise SystemExit(f"split.py: a quoted field spans lines: {text[:60]!r}")
    return next(csv.reader([text]))


def families(rows, names):
    at, up = names.index("ot"), names.index("parent_ot")
    kind = names.index("kind") if "kind" in names else None
    orders = {}
    for r in rows:
        ot = r[at].strip() if at < len(r) else ""
        if ot and ot not in orders:  # a repeated OT: the first row counts
            parent = r[up].strip() if up < len(r) else ""
            k = r[kind].strip().lower() if kind is not None and kind < len(r) else ""
            orders[ot] = (parent, k)
    key_of = {}
    for ot in orders:
        seen, current = set(), ot
        while True:
            parent, k = orders[current]
            if not parent:
                key_of[ot] = ot if k == "reprogramming" else current
                break
            if parent not in orders or parent in seen:
                key_of[ot] = ot
                break
            seen.add(current)
            current = parent
    # A chain that breaks above leaves every OT on it its own key.
    return {ot: (key if key == ot or orders[key][1] != "reprogramming" else ot) for ot, key in key_of.items()}


def main(argv):
    if len(argv) < 5:
        raise SystemExit(__doc__)
    map_file, column, out = argv[1], argv[2], argv[3]
    with open(map_file, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    names = [n.strip().lower() for n in rows[0]] if rows else []
    every_key = "ot" in names and "parent_ot" in names
    if every_key:
        key_of = families(rows[1:], names)
    else:
        key_of = {r[0]: r[1] for r in rows[1:] if len(r) >= 2}
    for path in argv[4:]:
        with open(path, "rb") as f:
            lines = f.read().split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        header, body = lines[0], lines[1:]
        names = [n.strip().lower() for n in fields(header.rstrip(b"\r"))]
        if column not in names:
            raise SystemExit(f"split.py: {path} has no column {column}")
        at = names.index(column)
        parts = {key: [] for key in key_of.values()} if every_key else {}
        for line in body:
            cells = fields(line.rstrip(b"\r"))
            if not any(c.strip() for c in cells):
                continue
            value = cells[at].strip() if at < len(cells) else ""
            parts.setdefault(key_of.get(value, value), []).append(line)
        for key, part in parts.items():
            if not key or "/" in key or key.startswith("."):
                raise SystemExit(f"split.py: {path}: key {key!r} cannot name a folder")
            os.makedirs(os.path.join(out, key), exist_ok=True)
            with open(os.path.join(out, key, os.path.basename(path)), "wb") as f:
                f.write(b"\n".join([header] + part) + b"\n")


if __name__ == "__main__":
    main(sys.argv)
