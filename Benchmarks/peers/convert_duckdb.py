#!/usr/bin/env python3
"""Peer for `convert-table`: DuckDB reads the CSV and writes it back.

    convert_duckdb.py TYPES|auto IN.csv OUT.csv

auto: the query as one would type it, COPY (SELECT * FROM read_csv('IN')) TO
'OUT' (types sniffed: the decimals become DOUBLE). Otherwise TYPES names each
column (text, int, decN -> DECIMAL(18,N), date) so every number is read as an
exact decimal and written back with its places, as convert-table must.
"""
import sys

import duckdb

SQL_TYPES = {"text": "VARCHAR", "int": "BIGINT", "date": "DATE"}


def main(types, src, dst):
    con = duckdb.connect()
    if types == "auto":
        source = "read_csv($src)"
    else:
        with open(src, encoding="utf-8") as f:
            header = f.readline().rstrip("\r\n").split(",")
        cols = []
        for name, t in zip(header, types.split(",")):
            sql = f"DECIMAL(18,{int(t[3:])})" if t.startswith("dec") else SQL_TYPES[t]
            cols.append("'" + name.replace("'", "''") + "': '" + sql + "'")
        source = ("read_csv($src, header=true, auto_detect=false, delim=',', "
                  "quote='\"', columns={" + ", ".join(cols) + "})")
    # COPY's target cannot be a parameter; quote it as a literal.
    target = "'" + dst.replace("'", "''") + "'"
    con.execute(f"COPY (SELECT * FROM {source}) TO {target} (HEADER, DELIMITER ',')",
                {"src": src})


if __name__ == "__main__":
    main(*sys.argv[1:4])
