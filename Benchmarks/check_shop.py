#!/usr/bin/env python3
"""Compares track-operations' real hours with the DuckDB peer's (issue 12).

    check_shop.py OPERATIONS.csv PEER.csv REJECTS.csv

Every operation whose events were all accepted must have the peer's real hours
(to 0.0001 h: both round the exact seconds to 4 decimals). Operations with a
rejected event are counted and skipped (the peer has no state machine). The last
line says ok or what differs.
"""
import csv
import sys


def main(ours_path, peer_path, rejects_path):
    rejected = set()
    with open(rejects_path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rejected.add((r["order"], r["workcenter"]))
    peer = {}
    with open(peer_path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            peer[(r["order"], r["workcenter"])] = float(r["real_hours"])
    checked = skipped = 0
    bad = []
    with open(ours_path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["order"], r["workcenter"])
            if key in rejected:
                skipped += 1
                continue
            checked += 1
            ours = float(r["real_hours"])
            theirs = peer.get(key, 0.0)
            if abs(ours - theirs) > 0.00011:
                bad.append((key, ours, theirs))
    if bad:
        print(f"MISMATCH: {len(bad)} of {checked} operations differ, e.g. {bad[:3]}")
        return 1
    print(f"ok: {checked} operations agree with DuckDB's real hours; {skipped} with rejected events skipped ({len(rejected)} rejected)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
