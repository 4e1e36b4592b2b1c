#!/usr/bin/env python3
"""Runs a DuckDB SQL file of the benchmarks.

    run_sql.py FILE.sql [name=value ...]

Each ${name} in the file becomes the value as an SQL string literal (paths).
The whole process is what is timed: interpreter start, import, query.
"""
import re
import sys

import duckdb


def main(path, *pairs):
    values = {}
    for p in pairs:
        k, sep, v = p.partition("=")
        if not sep:
            raise SystemExit(f"run_sql.py: expected name=value, got {p!r}")
        values[k] = "'" + v.replace("'", "''") + "'"
    with open(path, encoding="utf-8") as f:
        sql = f.read()

    def sub(m):
        if m.group(1) not in values:
            raise SystemExit(f"run_sql.py: {path} needs {m.group(1)}=…")
        return values[m.group(1)]

    duckdb.connect().execute(re.sub(r"\$\{(\w+)\}", sub, sql))


if __name__ == "__main__":
    main(*sys.argv[1:])
