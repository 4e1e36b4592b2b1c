#!/usr/bin/env python3
"""Deterministic benchmark data for `make bench`.

    gen.py KIND [--param value ...] --seed N --root bench-data

generates one data set into ROOT/KIND-g<version>-<params>-s<seed>/ (written to a
temporary directory and renamed when complete, with MANIFEST.json listing rows,
bytes and sha256 of every file) and prints that directory. A directory that
already holds a MANIFEST.json is reused as it is: generate once, reuse after.

The same seed and sizes give the same bytes on any machine and Python 3 version:
the only randomness is random.Random(seed).random(), whose sequence Python
guarantees across versions (randrange/choice/sample are not guaranteed, so they
are not used).

Kinds (the defaults are the sizes the benchmarks state):
  table      big.csv: --rows 1000000, six columns (code, Spanish text, 2-place
             decimal, 4-place decimal, ISO date, integer), never a quoted field.
  excess     work_orders.csv, annex.csv, daily.csv, production.csv for October
             2026: --prod-rows 1000000 --ots 500 --families 200 --concepts 3000
             --annex-rows 100000.
  close      work_orders.csv, annex.csv, daily.csv, production.csv, gpu.csv for
             October 2026, a month that closes: --prod-rows 1000000 --ots 500
             --families 200 --concepts 60 (per family). Every row is accepted by
             validate-excess; every voucher it needs is VALIDADO with evidence.
  annex-source  annex-source.csv, one annex sheet as the source system exports
             it (Spanish headers): --rows 100000.
  willems    products.csv, bom.csv, orders.csv from the largest chain of
             Willems (2008) in --src (default: Tests/Data/willems2008).
  bom        products.csv, bom.csv, orders.csv: --products 100000 --lines 1000000
             --orders 10000 --depth 12 --layout layered|shared.
  documents  products.csv, bom.csv, journeys.csv, documents.csv (PP, PD, PR, PI
             in cycles): --doc-lines 1000000 --docs 100000 --doc-products 10000
             --journeys 1000.
  mrp        the `bom` catalogue (layout shared) with the planning columns, and
             demand.csv (--demands 50000 over the first quarter of 2026),
             stock.csv, receipts.csv, workcenters.csv (--workcenters 200),
             routings.csv; orders.csv holds the same demand for explode-bom.
"""

import argparse
import csv
import decimal
import datetime
import hashlib
import json
import os
import random
import shutil
import sys

GEN_VERSION = 1  # bump whenever the bytes a seed produces change


# ---------------------------------------------------------------- helpers

class Rng:
    """random.Random(seed).random() and integer helpers built only on it."""

    def __init__(self, seed):
        self.random = random.Random(seed).random

    def below(self, n):
        return int(self.random() * n)

    def between(self, lo, hi):  # inclusive
        return lo + int(self.random() * (hi - lo + 1))

    def pick(self, seq):
        return seq[int(self.random() * len(seq))]

    def weighted(self, cumulative, values):
        """values[i] with probability (cumulative[i] - cumulative[i-1])."""
        u = self.random() * cumulative[-1]
        for c, v in zip(cumulative, values):
            if u < c:
                return v
        return values[-1]

    def distinct(self, n, k):
        """k distinct integers below n, in the order drawn (partial Fisher-Yates
        for dense draws, rejection for sparse ones)."""
        if k > n:
            raise ValueError(f"cannot draw {k} distinct values below {n}")
        if k * 4 > n:
            pool = list(range(n))
            for i in range(k):
                j = i + int(self.random() * (n - i))
                pool[i], pool[j] = pool[j], pool[i]
            return pool[:k]
        seen = set()
        out = []
        while len(out) < k:
            v = int(self.random() * n)
            if v not in seen:
                seen.add(v)
                out.append(v)
        return out


def cumulative(weights):
    out, s = [], 0.0
    for w in weights:
        s += w
        out.append(s)
    return out


def cents(v, places):
    """Integer v in units of 10^-places as a plain decimal string."""
    sign = "-" if v < 0 else ""
    v = abs(v)
    if places == 0:
        return f"{sign}{v}"
    q, r = divmod(v, 10 ** places)
    return f"{sign}{q}.{r:0{places}d}"


def split_exactly(rng, total, count, low=0.5, spread=1.0):
    """count non-negative integers summing to total, each about total/count."""
    w = [low + rng.random() * spread for _ in range(count)]
    s = sum(w)
    out = [int(total * x / s) for x in w]
    rest = total - sum(out)
    i = 0
    while rest > 0:
        out[i % count] += 1
        rest -= 1
        i += 1
    return out


class Writer:
    """Buffered UTF-8 CSV lines (LF) for files whose fields never need quotes."""

    def __init__(self, path, header):
        self.f = open(path, "w", encoding="utf-8", newline="\n")
        self.buf = [header]
        self.rows = 0

    def row(self, line):
        self.buf.append(line)
        self.rows += 1
        if len(self.buf) >= 20000:
            self.flush()

    def flush(self):
        self.f.write("\n".join(self.buf))
        self.f.write("\n")
        self.buf = []

    def close(self):
        if self.buf:
            self.flush()
        self.f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def check_plain(values, what):
    for v in values:
        if any(c in v for c in ',"\r\n'):
            raise SystemExit(f"gen.py: {what} value {v!r} would need CSV quoting")


DATES_2026 = [(datetime.date(2026, 1, 1) + datetime.timedelta(days=i)).isoformat()
              for i in range(365)]

NOUNS = ["Señalización", "Tubería", "Inspección", "Soldadura", "Reparación",
         "Pintura", "Limpieza", "Protección", "Maniobra", "Grúa", "Andamio",
         "Válvula", "Bomba", "Compresor", "Cañería", "Montaje", "Demolición",
         "Excavación", "Medición", "Instalación", "Calibración", "Revisión"]
QUALIFIERS = ["técnica", "eléctrica", "mecánica", "básica", "térmica", "única",
              "de acero", "en cubierta", "año 2026", "señalética", "niño", "móvil"]
UNITS = ["M", "M2", "M3", "KG", "PZA", "JOR", "HR", "LOTE", "TON"]
check_plain(NOUNS + QUALIFIERS + UNITS, "word list")


# ---------------------------------------------------------------- table

def gen_table(a, out):
    rng = Rng(a.seed)
    r, below = rng.random, rng.below
    w = Writer(os.path.join(out, "big.csv"),
               "code,description,amount,quantity,date,crew")
    # two thirds a bare noun, one third noun and qualifier: about 56 bytes a row
    qualified = [f"{n} {q}" for n in NOUNS for q in QUALIFIERS]
    descriptions = NOUNS * (2 * len(qualified) // len(NOUNS)) + qualified
    check_plain(descriptions, "description")
    nd = len(descriptions)
    for _ in range(a.rows):
        code = f"OT-{1 + below(9999):04d}/{1 + below(9)}.{1 + below(9)}.{1 + below(9)}"
        # 2-place amount, 1 % negative (credit lines); 4-place quantity
        amount = below(1000000)
        if r() < 0.01:
            amount = -amount
        quantity = below(1000000)
        w.row(f"{code},{descriptions[below(nd)]},{cents(amount, 2)},"
              f"{cents(quantity, 4)},{DATES_2026[below(365)]},{below(251)}")
    w.close()
    return {"big.csv": w.rows}


# ---------------------------------------------------------------- excess

MONTH_DAYS = [f"2026-10-{d:02d}" for d in range(1, 32)]
ANNEXES = ["C-2", "C-3", "C2EXT", "C3EXT", "A-1", "B-1"]
ANNEX_W = cumulative([35, 25, 10, 5, 15, 10])
FRONT_SITE = {1: "PATIO", 3: "PATIO", 2: "EMB", 6: "EMB", 4: "PLAT", 7: "PLAT",
              5: "INTERCOM"}
STATUS = ["LABORANDO", "STANDBY", "NO LABORANDO"]
STATUS_W = cumulative([95, 3, 2])


def concept_code(i):
    return f"{1 + i // 400}.{1 + (i // 20) % 20}.{1 + i % 20}"


def gen_excess(a, out):
    rng = Rng(a.seed)
    r, below = rng.random, rng.below
    F, N = a.families, a.ots
    if N < F:
        raise SystemExit("gen.py: --ots must be at least --families")
    day0 = datetime.date(2026, 1, 1)

    def iso(days):
        return (day0 + datetime.timedelta(days=days)).isoformat()

    # Work orders: one initial OT per family, the rest reprogrammings spread
    # over the families; numbered family by family, initial first.
    extra = [0] * F
    for _ in range(N - F):
        extra[below(F)] += 1
    ots = []        # (name, family index)
    fam_members = []
    wo = Writer(os.path.join(out, "work_orders.csv"),
                "ot,parent_ot,kind,active,front,site,start_date,end_date")
    for f in range(F):
        members = []
        # 3 % of families end inside the month (out-of-window rows), others later
        ends_early = r() < 0.03
        start = below(250)                        # day of 2026 (Jan..Sep)
        for k in range(1 + extra[f]):
            name = f"OT-{len(ots) + 1:04d}"
            ots.append((name, f))
            members.append(len(ots) - 1)
            front = 1 + below(7)
            site = f"{FRONT_SITE[front]}-{1 + below(12)}"
            s = start + k * below(20)
            e = 291 + below(10) if ends_early else 304 + below(200)  # Oct 19..28 / Dec 31+
            parent = "" if k == 0 else ots[members[0]][0]
            kind = "initial" if k == 0 else "reprogramming"
            wo.row(f"{name},{parent},{kind},true,{front},{site},{iso(s)},{iso(e)}")
        fam_members.append(members)
    wo.close()

    # Concept catalogue.
    C = a.concepts
    c_annex = [rng.weighted(ANNEX_W, ANNEXES) for _ in range(C)]
    c_desc = [f"{rng.pick(NOUNS)} {rng.pick(QUALIFIERS)} {i + 1}" for i in range(C)]
    c_unit = [rng.pick(UNITS) for _ in range(C)]
    c_mxn = [1000 + below(25000000) for _ in range(C)]       # cents: 10.00..250,009.99

    # Imports: every OT one, 20 % a second one; 5 % of imports inactive.
    imports = []    # [ot index, family, active, imported_on day]
    for f in range(F):
        for oi in fam_members[f]:
            for _ in range(2 if r() < 0.2 else 1):
                imports.append([oi, f, r() >= 0.05, 0])
    sizes = split_exactly(rng, a.annex_rows, len(imports))
    pool_size = min(C, max(sizes) * 13 // 10 + 1)
    fam_pool = [rng.distinct(C, pool_size) for _ in range(F)]
    imp_codes = []
    for i, imp in enumerate(imports):
        pool = fam_pool[imp[1]]
        imp_codes.append([pool[j] for j in rng.distinct(len(pool), sizes[i])])
        imp[3] = 200 + i * 80 // len(imports)           # import dates rise with id
    # Codes each family may use: the union of its active imports.
    fam_auth = [set() for _ in range(F)]
    for i, imp in enumerate(imports):
        if imp[2]:
            fam_auth[imp[1]].update(imp_codes[i])
    fam_auth_list = [sorted(s) for s in fam_auth]

    # Daily status for every OT-day of the month.
    laborando = []
    dw = Writer(os.path.join(out, "daily.csv"), "ot,date,status")
    for name, _f in ots:
        days = []
        for d, day in enumerate(MONTH_DAYS):
            st = rng.weighted(STATUS_W, STATUS)
            dw.row(f"{name},{day},{st}")
            if st == "LABORANDO":
                days.append(d)
        laborando.append(days or [0])
    dw.close()

    # Production, OT by OT, each OT's rows by day and time type as daily
    # captures come; totals per (family, code) for the authorizations below.
    totals = {}
    pw = Writer(os.path.join(out, "production.csv"), "ot,code,date,time_type,qty")
    per_ot = split_exactly(rng, a.prod_rows, N, low=0.3, spread=1.4)
    for oi, (name, f) in enumerate(ots):
        auth = fam_auth_list[f]
        rows = []
        for _ in range(per_ot[oi]):
            u = r()
            if u < 0.005 or not auth:           # a code the family has no authorization for
                code = below(C)
            else:
                code = auth[below(len(auth))]
            d = rng.pick(laborando[oi]) if r() < 0.998 else below(31)
            tt = 0 if r() < 0.8 else 1
            u = r()
            if u < 0.003:
                q = 0
            elif u < 0.0035:
                q = -(1 + below(1000))          # negative: rejected
            elif u < 0.3:
                q = (1 + below(20)) * 100        # whole units
            else:
                q = 50 + below(5000)             # 0.50 .. 50.49
            rows.append((d, tt, code, q))
            if q > 0:
                key = (f, code)
                totals[key] = totals.get(key, 0) + q
        rows.sort(key=lambda t: (t[0], t[1]))
        for d, tt, code, q in rows:
            pw.row(f"{name},{concept_code(code)},{MONTH_DAYS[d]},"
                   f"{'CMA' if tt == 0 else 'TE'},{cents(q, 2)}")
    pw.close()

    # Annex: the latest active import per (family, code) authorizes the month's
    # production times a factor: 15 % of concepts below it (they cross their
    # authorization), 0.3 % authorized 0, the rest 1.05..2.5 times it.
    latest = {}
    for i, imp in enumerate(imports):
        if imp[2]:
            for c in imp_codes[i]:
                latest[(imp[1], c)] = i
    aw = Writer(os.path.join(out, "annex.csv"),
                "ot,import_id,imported_on,active,annex,code,description,unit,"
                "authorized_qty,unit_price_mxn,unit_price_usd")
    for i, imp in enumerate(imports):
        oi, f, active, day = imp
        name = ots[oi][0]
        for c in imp_codes[i]:
            total = totals.get((f, c), 0)
            u = r()
            if active and latest.get((f, c)) == i and total > 0:
                if u < 0.003:
                    qty = 0
                elif u < 0.15:
                    qty = total * (60 + below(40)) // 100
                else:
                    qty = total * (105 + below(145)) // 100
            else:
                qty = total * (50 + below(200)) // 100 + 100 * below(500)
            mxn = c_mxn[c] + below(100) * 100
            usd = mxn * 10000 // 1865        # 4 places: mxn / 18.65
            aw.row(f"{name},{i + 1},{iso(day)},{'true' if active else 'false'},"
                   f"{c_annex[c]},{concept_code(c)},{c_desc[c]},{c_unit[c]},"
                   f"{cents(qty, 2)},{cents(mxn, 2)},{cents(usd, 4)}")
    aw.close()
    return {"work_orders.csv": wo.rows, "annex.csv": aw.rows,
            "daily.csv": dw.rows, "production.csv": pw.rows}


# ---------------------------------------------------------------- close

VOUCHER_ANNEXES = {"C-2", "C-3", "C2EXT", "C3EXT"}
CATALOGUE = 3000     # concept codes the families draw their authorizations from


def gen_close(a, out):
    """A month that closes (issue 9's size): every OT active all October with a
    daily status for each day, production only on LABORANDO days and never twice
    on one key, every code authorized, every required voucher VALIDADO with an
    evidence URL. 15 % of concepts cross their authorization (excess), and a
    fifth of the families with reprogrammings have a second import that
    replaces part of the first (the latest import is in force)."""
    rng = Rng(a.seed)
    r, below = rng.random, rng.below
    F, N, K = a.families, a.ots, a.concepts
    if N < F:
        raise SystemExit("gen.py: --ots must be at least --families")
    if K > CATALOGUE:
        raise SystemExit(f"gen.py: --concepts is per family, at most {CATALOGUE}")
    day0 = datetime.date(2026, 1, 1)

    def iso(days):
        return (day0 + datetime.timedelta(days=days)).isoformat()

    extra = [0] * F
    for _ in range(N - F):
        extra[below(F)] += 1
    ots, fam_members = [], []
    wo = Writer(os.path.join(out, "work_orders.csv"),
                "ot,parent_ot,kind,active,front,site,start_date,end_date")
    for f in range(F):
        members = []
        start = below(250)                        # Jan..Sep
        for k in range(1 + extra[f]):
            name = f"OT-{len(ots) + 1:04d}"
            ots.append((name, f))
            members.append(len(ots) - 1)
            front = 1 + below(7)
            site = f"{FRONT_SITE[front]}-{1 + below(12)}"
            s = start + k * below(20)
            e = 305 + below(200)                  # Nov 1 or later
            parent = "" if k == 0 else ots[members[0]][0]
            kind = "initial" if k == 0 else "reprogramming"
            wo.row(f"{name},{parent},{kind},true,{front},{site},{iso(s)},{iso(e)}")
        fam_members.append(members)
    wo.close()

    c_annex = [rng.weighted(ANNEX_W, ANNEXES) for _ in range(CATALOGUE)]
    c_desc = [f"{rng.pick(NOUNS)} {rng.pick(QUALIFIERS)} {i + 1}" for i in range(CATALOGUE)]
    c_unit = [rng.pick(UNITS) for _ in range(CATALOGUE)]
    c_mxn = [1000 + below(25000000) for _ in range(CATALOGUE)]
    fam_codes = [sorted(rng.distinct(CATALOGUE, K)) for _ in range(F)]

    laborando = []
    dw = Writer(os.path.join(out, "daily.csv"), "ot,date,status")
    for name, _f in ots:
        days = []
        for d, day in enumerate(MONTH_DAYS):
            st = rng.weighted(STATUS_W, STATUS)
            dw.row(f"{name},{day},{st}")
            if st == "LABORANDO":
                days.append(d)
        laborando.append(days)
    dw.close()

    totals = {}
    pw = Writer(os.path.join(out, "production.csv"), "ot,code,date,time_type,qty")
    gw = Writer(os.path.join(out, "gpu.csv"),
                "ot,code,date,time_type,status,evidence_url,updated_on")
    per_ot = split_exactly(rng, a.prod_rows, N, low=0.6, spread=0.8)
    for oi, (name, f) in enumerate(ots):
        codes, days = fam_codes[f], laborando[oi]
        cells = len(codes) * len(days) * 2
        rows = []
        for cell in rng.distinct(cells, min(per_ot[oi], cells)):
            d = days[cell // (2 * len(codes))]
            tt = (cell // len(codes)) % 2
            code = codes[cell % len(codes)]
            u = r()
            if u < 0.003:
                q = 0
            elif u < 0.3:
                q = (1 + below(20)) * 100
            else:
                q = 50 + below(5000)
            rows.append((d, tt, code, q))
            if q > 0:
                totals[(f, code)] = totals.get((f, code), 0) + q
        rows.sort()
        for d, tt, code, q in rows:
            key = f"{name},{concept_code(code)},{MONTH_DAYS[d]},{'CMA' if tt == 0 else 'TE'}"
            pw.row(f"{key},{cents(q, 2)}")
            if q > 0 and c_annex[code] in VOUCHER_ANNEXES:
                gw.row(f"{key},VALIDADO,https://evidence.example.com/{name}/{MONTH_DAYS[d]}.pdf,"
                       f"2026-11-0{1 + below(5)}")
    pw.close()
    gw.close()

    aw = Writer(os.path.join(out, "annex.csv"),
                "ot,import_id,imported_on,active,annex,code,description,unit,"
                "authorized_qty,unit_price_mxn,unit_price_usd")
    imports = 0

    def line(ot, imp, day, c, qty):
        mxn = c_mxn[c] + below(100) * 100
        aw.row(f"{ot},{imp},{iso(day)},true,{c_annex[c]},{concept_code(c)},{c_desc[c]},"
               f"{c_unit[c]},{cents(qty, 2)},{cents(mxn, 2)},{cents(mxn * 10000 // 1865, 4)}")

    def authorized(f, c):
        total, u = totals.get((f, c), 0), r()
        if u < 0.15:
            return total * (60 + below(40)) // 100
        return total * (105 + below(145)) // 100 + 100 * below(50)

    for f in range(F):
        members = fam_members[f]
        second = len(members) > 1 and r() < 0.2
        imports += 1
        replaced = set(rng.distinct(K, K // 3)) if second else set()
        for j, c in enumerate(fam_codes[f]):
            # a replaced line: whatever the first import said, the second is in force
            qty = 100 * below(5000) if j in replaced else authorized(f, c)
            line(ots[members[0]][0], imports, 200, c, qty)
        if second:
            imports += 1
            for j, c in enumerate(fam_codes[f]):
                if j in replaced:
                    line(ots[members[1]][0], imports, 250, c, authorized(f, c))
    aw.close()
    return {"work_orders.csv": wo.rows, "annex.csv": aw.rows, "daily.csv": dw.rows,
            "production.csv": pw.rows, "gpu.csv": gw.rows}


# ---------------------------------------------------------------- annex-source

def gen_annex_source(a, out):
    rng = Rng(a.seed)
    below = rng.below
    w = Writer(os.path.join(out, "annex-source.csv"),
               "anexo,codigo,concepto,unidad,volumen_proyectado,pu_mn,pu_usd")
    for i in range(a.rows):
        code = f"{1 + i // 8000}.{1 + (i // 400) % 20}.{1 + (i // 20) % 20}.{1 + i % 20}"
        annex = rng.weighted(ANNEX_W, ANNEXES)
        mxn = 1000 + below(25000000)
        w.row(f"{annex},{code},{rng.pick(NOUNS)} {rng.pick(QUALIFIERS)} {i + 1},"
              f"{rng.pick(UNITS)},{cents(below(10000000), 2)},{cents(mxn, 2)},"
              f"{cents(mxn * 10000 // 1865, 4)}")
    w.close()
    return {"annex-source.csv": w.rows}


# ---------------------------------------------------------------- willems

def gen_willems(a, out):
    """The chain with the most stages: stages -> products, links -> recipe lines."""
    best = None
    for name in sorted(os.listdir(a.src)):
        if not name.endswith("_SD.csv"):
            continue
        nn = name[:-len("_SD.csv")]
        with open(os.path.join(a.src, name), newline="", encoding="utf-8") as f:
            stages = list(csv.DictReader(f))
        if best is None or len(stages) > len(best[1]):
            best = (nn, stages)
    nn, stages = best
    with open(os.path.join(a.src, f"{nn}_LL.csv"), newline="", encoding="utf-8") as f:
        links = [(row["sourceStage"], row["destinationStage"]) for row in csv.DictReader(f)]
    names = [s["Stage Name"] for s in stages]
    known = set(names)
    for s, d in links:
        if s not in known or d not in known:
            raise SystemExit(f"gen.py: link {s}->{d} names an unknown stage")
    produced = {d for _, d in links}
    sources = {s for s, _ in links}
    check_plain(names, "stage name")
    pw = Writer(os.path.join(out, "products.csv"),
                "code,description,type,unit,replacement_cost")
    for s in stages:
        n = s["Stage Name"]
        # The workbook's costs carry binary floating-point noise (74.4599999999998);
        # money has at most 10 decimals (docs/BAD-INPUTS.md #27), so round half-up to 4.
        cost = decimal.Decimal(s["stageCost"]).quantize(decimal.Decimal("0.0001"), rounding=decimal.ROUND_HALF_UP)
        pw.row(f"{n},{s['stageClassification']} stage (depth {s['relDepth']}),"
               f"{'produced' if n in produced else 'raw'},pza,{cost}")
    pw.close()
    bw = Writer(os.path.join(out, "bom.csv"), "parent,component,qty,per")
    for s, d in links:
        bw.row(f"{d},{s},1,1")
    bw.close()
    ow = Writer(os.path.join(out, "orders.csv"), "product,qty")
    for n in names:
        if n not in sources:
            ow.row(f"{n},1")
    ow.close()
    return {"products.csv": pw.rows, "bom.csv": bw.rows, "orders.csv": ow.rows,
            "chain": f"{nn}_SD.csv/{nn}_LL.csv: {len(stages)} stages, {len(links)} links"}


# ---------------------------------------------------------------- bom

PRODUCED_QTY = ["1", "1", "1", "1", "2", "0.5", "1.5", "0.25", "3", "4"]
RAW_QTY = ["1", "2", "0.5", "12", "0.0125", "2.5", "0.333", "1.2345", "0.04",
           "100", "7.5", "0.125", "6", "0.75"]
PER = ["1", "2", "4", "10", "12", "100"]
PER_W = cumulative([80, 6, 4, 5, 3, 2])


def gen_bom(a, out):
    """A catalogue in layers 0..depth: layer 0 end items, layer `depth` raw.

    Every produced product at layer d has one produced component at layer d+1
    (so the deepest explosion has exactly `depth` levels), sometimes a second
    one, and raw components for the rest of its lines. Sub-assemblies are
    shared: a fifth of each layer's products draw half of the picks.
    layered: every component of a layer-d product is at layer d+1, so each
             product sits at one depth.
    shared:  the second produced component and the raw components may come
             from any deeper layer, so one component has parents at several
             depths and shows up at several explosion levels.
    """
    rng = Rng(a.seed)
    r, below = rng.random, rng.below
    D, N, L = a.depth, a.products, a.lines
    if N < 10 * (D + 1):
        raise SystemExit("gen.py: too few products for the depth")
    # Layer sizes: 5 % end items; layers 1..D-1 share 60 % (5/6 produced);
    # layer D the rest, all raw.
    ends = max(1, N * 5 // 100)
    mid = N * 60 // 100 // (D - 1)
    produced = [ends] + [mid * 5 // 6] * (D - 1) + [0]
    raw = [0] + [mid - mid * 5 // 6] * (D - 1)
    raw.append(N - sum(produced) - sum(raw))
    # Product numbers: a fixed random permutation so codes do not give away layers.
    perm = rng.distinct(N, N)
    prod_ids, raw_ids = [], []
    k = 0
    for d in range(D + 1):
        prod_ids.append(perm[k:k + produced[d]])
        k += produced[d]
        raw_ids.append(perm[k:k + raw[d]])
        k += raw[d]
    n_produced = sum(produced)
    counts = split_exactly(rng, L, n_produced, low=0.1, spread=1.8)
    layered = a.layout == "layered"

    def skewed(ids):
        n = len(ids)
        if r() < 0.5:
            return ids[below(max(1, n // 5))]
        return ids[below(n)]

    lines = []        # (parent, component, qty, per)
    ci = 0
    for d in range(D):
        for p in prod_ids[d]:
            want = max(counts[ci], 2)
            ci += 1
            want = min(want, 999)
            comps = []
            seen = set()

            def add(c, qtys):
                if c not in seen:
                    seen.add(c)
                    comps.append((c, rng.pick(qtys), rng.weighted(PER_W, PER)))

            if d + 1 < D:
                add(skewed(prod_ids[d + 1]), PRODUCED_QTY)
                if r() < 0.4:
                    dd = d + 1 if layered else d + 1 + below(D - 1 - d)
                    add(skewed(prod_ids[dd]), PRODUCED_QTY)
            tries = 0
            raw_layers = [d + 1] if layered else list(range(d + 1, D + 1))
            while len(comps) < want and tries < want * 4:
                tries += 1
                dd = raw_layers[below(len(raw_layers))]
                if not raw_ids[dd]:
                    dd = D
                add(skewed(raw_ids[dd]), RAW_QTY)
            lines.extend((p, c, q, per) for c, q, per in comps)

    def code(i):
        return f"P{i + 1:06d}"

    is_produced = set()
    for d in range(D + 1):
        is_produced.update(prod_ids[d])
    pw = Writer(os.path.join(out, "products.csv"),
                "code,description,type,unit,replacement_cost")
    for i in range(N):
        kind = "produced" if i in is_produced else "raw"
        pw.row(f"{code(i)},{rng.pick(NOUNS)} {rng.pick(QUALIFIERS)},{kind},"
               f"{rng.pick(UNITS)},{cents(10 + below(500000), 2)}")
    pw.close()
    lines.sort(key=lambda t: t[0])       # recipe by recipe, parents by code
    bw = Writer(os.path.join(out, "bom.csv"), "parent,component,qty,per")
    for p, c, q, per in lines:
        bw.row(f"{code(p)},{code(c)},{q},{per}")
    bw.close()
    ow = Writer(os.path.join(out, "orders.csv"), "product,qty")
    for _ in range(a.orders):
        ow.row(f"{code(rng.pick(prod_ids[0]))},{1 + below(500)}")
    ow.close()
    return {"products.csv": pw.rows, "bom.csv": bw.rows, "orders.csv": ow.rows}


def gen_documents(a, out):
    """Production documents (seed 002) for post-documents.

    --doc-products products: a fifth produced (a recipe of 3 to 6 shown raw
    components, qty with up to 4 decimals, per 1 or 10, and a hidden labour line),
    the rest raw; --journeys journeys (one in twenty closed, never named);
    --docs documents in cycles of four, PP → PD (related PP, half or all of each
    line, on an open journey) → PR (related PD, the PD's qty) → PI (related PD,
    a few raw inputs returned), dated a day apart, so that --doc-lines lines fall
    as 12, 12, 12 and 4 lines a cycle (fewer or more when the sizes ask). Five
    warehouses. Every document posts: the ledger holds every movement.
    """
    rng = Rng(a.seed)
    r, below = rng.random, rng.below
    N, J, DOCS, LINES = a.doc_products, a.journeys, a.docs, a.doc_lines
    cycles = max(1, DOCS // 4)
    per_cycle = max(4, LINES // cycles)
    lp = max(1, (per_cycle * 3 // 10))      # PP, PD, PR lines
    li = max(1, per_cycle - 3 * lp)         # PI lines
    n_prod = max(1, N // 5)
    code = lambda i: f"D{i + 1:05d}"
    warehouses = ["BOD1", "BOD2", "BOD3", "BOD4", "BOD5"]
    pw = Writer(os.path.join(out, "products.csv"), "code,description,type,unit,replacement_cost")
    for i in range(N):
        kind = "produced" if i < n_prod else "raw"
        pw.row(f"{code(i)},{rng.pick(NOUNS)} {rng.pick(QUALIFIERS)},{kind},"
               f"{rng.pick(UNITS)},{cents(10 + below(50000), 2)}")
    pw.row("LABOR,Mano de obra,raw,HR,4500.00")
    pw.close()
    raw_ids = list(range(n_prod, N))
    bw = Writer(os.path.join(out, "bom.csv"), "parent,component,qty,per,show,warehouse")
    for p in range(n_prod):
        seen = set()
        for _ in range(3 + below(4)):
            c = raw_ids[below(len(raw_ids))]
            if c in seen:
                continue
            seen.add(c)
            per = "10" if r() < 0.1 else "1"
            w = warehouses[below(len(warehouses))] if r() < 0.7 else ""
            bw.row(f"{code(p)},{code(c)},{rng.pick(RAW_QTY)},{per},S,{w}")
        bw.row(f"{code(p)},LABOR,0.05,1,N,")
    bw.close()
    jw = Writer(os.path.join(out, "journeys.csv"), "id,branch,shift,area,line,opened_at,responsible,status")
    open_ids = []
    for j in range(J):
        closed = j % 20 == 19
        if not closed:
            open_ids.append(j)
        jw.row(f"J{j + 1:04d},S1,T{1 + j % 3},A{1 + j % 7},L{1 + j % 11},2026-01-01 07:00,R{j % 50},"
               f"{'closed' if closed else 'open'}")
    jw.close()
    dw = Writer(os.path.join(out, "documents.csv"),
                "doc,type,date,journey,related,line,product,qty,warehouse")
    start = datetime.date(2026, 1, 1)
    for k in range(cycles):
        day = start + datetime.timedelta(days=(k * 360) // cycles)
        iso = [(day + datetime.timedelta(days=i)).isoformat() for i in range(4)]
        j = f"J{open_ids[below(len(open_ids))] + 1:04d}"
        pp, pd, pr, pi = (f"{t}-{k + 1:06d}" for t in ("PP", "PD", "PR", "PI"))
        lines = []
        for n in range(lp):
            q = 10 + below(491)
            taken = q if r() < 0.5 else q // 2
            lines.append((code(below(n_prod)), q, taken, warehouses[below(len(warehouses))]))
        for n, (c, q, _, w) in enumerate(lines):
            dw.row(f"{pp},PP,{iso[0]},,,{n + 1},{c},{q},{w}")
        for n, (c, _, t, w) in enumerate(lines):
            dw.row(f"{pd},PD,{iso[1]},{j},{pp},{n + 1},{c},{t},{w}")
        for n, (c, _, t, w) in enumerate(lines):
            dw.row(f"{pr},PR,{iso[2]},{j},{pd},{n + 1},{c},{t},{w}")
        for n in range(li):
            c = code(raw_ids[below(len(raw_ids))])
            dw.row(f"{pi},PI,{iso[3]},{j},{pd},{n + 1},{c},{cents(1 + below(500), 2)},"
                   f"{warehouses[below(len(warehouses))]}")
    dw.close()
    return {"products.csv": pw.rows, "bom.csv": bw.rows, "journeys.csv": jw.rows,
            "documents.csv": dw.rows}
# ---------------------------------------------------------------- mrp

def gen_mrp(a, out):
    """The `bom` catalogue (shared layout) planned for a quarter: every product
    has stock and a min/max rule sized from its gross requirement (so each is
    ordered a few times in the quarter, as a planner would set it), leads,
    suppliers, routings over the workcenters; demands for the end items."""
    a.layout = "shared"
    a.orders = 1
    rows = gen_bom(a, out)
    rng = Rng(a.seed + 7)
    below = rng.below
    kinds, codes = {}, []
    with open(os.path.join(out, "products.csv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            cells = line.rstrip("\n").split(",")
            codes.append(cells[0])
            kinds[cells[0]] = cells
    lines = []
    has_parent = set()
    with open(os.path.join(out, "bom.csv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            p, c, q, per = line.rstrip("\n").split(",")
            lines.append((p, c, float(q) / float(per)))
            has_parent.add(c)
    ends = [c for c in codes if kinds[c][2] == "produced" and c not in has_parent]
    start = datetime.date(2026, 1, 1)
    demand = {}
    dw = Writer(os.path.join(out, "demand.csv"), "id,product,qty,due_date")
    ow = Writer(os.path.join(out, "orders.csv"), "id,product,qty")
    for i in range(a.demands):
        p = ends[below(len(ends))]
        q = 1 + below(50)
        demand[p] = demand.get(p, 0) + q
        due = start + datetime.timedelta(days=below(90))
        dw.row(f"SO{i + 1},{p},{q},{due.isoformat()}")
        ow.row(f"SO{i + 1},{p},{q}")
    dw.close()
    ow.close()
    # Gross requirement per product over the quarter (parents first, Kahn).
    children = {}
    indegree = {c: 0 for c in codes}
    for p, c, r in lines:
        children.setdefault(p, []).append((c, r))
        indegree[c] += 1
    gross = {c: float(demand.get(c, 0)) for c in codes}
    queue = [c for c in codes if indegree[c] == 0]
    k = 0
    while k < len(queue):
        p = queue[k]
        k += 1
        for c, r in children.get(p, ()):
            gross[c] += gross[p] * r
            indegree[c] -= 1
            if indegree[c] == 0:
                queue.append(c)
    n_routings = max(1, len(codes) // 100)
    header = ("code,description,type,unit,replacement_cost,customer_lead_days,production_lead_days,"
              "supplier_lead_days,supply,procure,supplier,min_qty,max_qty,lot_multiple,routing")
    pw = Writer(os.path.join(out, "products.csv"), header)
    sw = Writer(os.path.join(out, "stock.csv"), "product,warehouse,on_hand")
    rw = Writer(os.path.join(out, "receipts.csv"), "product,qty,date")
    for c in codes:
        code, desc, kind, unit, cost = kinds[c]
        produced = kind == "produced"
        g = gross[c]
        # An order covers about half the quarter: two to four orders a product.
        top = max(10, int(g / 2) + 1)
        low = top // 5
        lot = "" if produced else rng.pick(["", "1", "5", "10", "25"])
        if produced:
            plan = f"0,{1 + below(3)},,produce,stock,,{low},{top},,R{below(n_routings) + 1:05d}"
        else:
            plan = f"0,,{2 + below(9)},buy,stock,S{below(500) + 1:03d},{low},{top},{lot},"
        pw.row(f"{code},{desc},{kind},{unit},{cost},{plan}")
        sw.row(f"{c},W{1 + below(3)},{below(max(1, top // 2))}")
        if not produced and below(5) == 0:
            rw.row(f"{c},{1 + below(top)},{(start + datetime.timedelta(days=below(90))).isoformat()}")
    pw.close()
    sw.close()
    rw.close()
    ww = Writer(os.path.join(out, "workcenters.csv"),
                "id,name,type,capacity_per_cycle,hours_per_cycle,setup_hours,cleanup_hours,efficiency,hours_per_day")
    for w in range(a.workcenters):
        ww.row(f"WC{w + 1:03d},Workcenter {w + 1},{rng.pick(['machine', 'human', 'tool'])},"
               f"{rng.pick(['1', '2', '6', '10'])},{rng.pick(['0.1', '0.25', '0.5', '1'])},"
               f"{rng.pick(['0', '0.5', '1'])},{rng.pick(['0', '0.25'])},{rng.pick(['1', '1.1', '0.9'])},"
               f"{rng.pick(['8', '16', '24'])}")
    ww.close()
    tw = Writer(os.path.join(out, "routings.csv"),
                "routing,seq,operation,workcenter,cycles_per_unit,hours_per_unit")
    for r in range(n_routings):
        for step in range(1 + below(3)):
            tw.row(f"R{r + 1:05d},{10 * (step + 1)},op{step + 1},WC{below(a.workcenters) + 1:03d},1,"
                   f"{rng.pick(['0', '0', '0.1'])}")
    tw.close()
    rows.update({"products.csv": pw.rows, "demand.csv": dw.rows, "orders.csv": ow.rows,
                 "stock.csv": sw.rows, "receipts.csv": rw.rows, "workcenters.csv": ww.rows,
                 "routings.csv": tw.rows})
    return rows


# ---------------------------------------------------------------- driver

def gen_shop(a, out):
    """A shop floor for track-operations: `orders` production orders over
    `workcenters` workcenters, each with a 3-step routing (one of 100), and about
    `events` scans: per operation a start and a close, and pause/restart pairs
    spread over the order's operations, in time order within each operation but
    shuffled in the file (the command must order them). One order in 1,000 has
    its pause and restart swapped (a restart while running: rejected)."""
    rng = Rng(a.seed + 11)
    below = rng.below
    w = a.workcenters
    with Writer(os.path.join(out, "workcenters.csv"),
             "id,name,type,capacity_per_cycle,hours_per_cycle,setup_hours,cleanup_hours,efficiency,hours_per_day") as f:
        for i in range(w):
            f.row(f"WC{i:04d},Workcenter {i},machine,{1 + below(6)},0.{1 + below(9)},0.25,0.25,1,8")
    routings = 100
    with Writer(os.path.join(out, "routings.csv"), "routing,seq,operation,workcenter,cycles_per_unit,hours_per_unit") as f:
        steps = []
        for r in range(routings):
            centers = []
            while len(centers) < 3:
                c = below(w)
                if c not in centers:
                    centers.append(c)
            steps.append(centers)
            for k, c in enumerate(centers):
                f.row(f"R{r:03d},{10 * (k + 1)},op{k + 1},WC{c:04d},1,0")
    n = a.orders
    per_order = max(6, a.events // max(1, n))
    extra_pairs = (per_order - 6) // 2
    events = []
    start = datetime.datetime(2026, 1, 5, 6, 0)
    with Writer(os.path.join(out, "orders.csv"), "order,product,qty,start_date,routing") as f:
        for o in range(n):
            r = below(routings)
            day = start + datetime.timedelta(days=o % 20)
            f.row(f"OF{o:06d},P{r:03d},{1 + below(20)},{day.date().isoformat()},R{r:03d}")
            t = day + datetime.timedelta(minutes=below(600))
            pauses = [0, 0, 0]
            for _ in range(extra_pairs):
                pauses[below(3)] += 1
            bad = below(1000) == 0
            for k, c in enumerate(steps[r]):
                wc = f"WC{c:04d}"
                op = f"op{o % 50}"
                events.append((f"OF{o:06d}", wc, "start", t, op))
                for j in range(pauses[k]):
                    t += datetime.timedelta(minutes=5 + below(60))
                    p = t
                    t += datetime.timedelta(minutes=1 + below(20))
                    if bad and j == 0:
                        events.append((f"OF{o:06d}", wc, "restart", p, op))
                        events.append((f"OF{o:06d}", wc, "pause", t, op))
                    else:
                        events.append((f"OF{o:06d}", wc, "pause", p, op))
                        events.append((f"OF{o:06d}", wc, "restart", t, op))
                t += datetime.timedelta(minutes=5 + below(90))
                events.append((f"OF{o:06d}", wc, "close", t, op))
                t += datetime.timedelta(minutes=below(30))
    for i in range(len(events) - 1, 0, -1):
        j = below(i + 1)
        events[i], events[j] = events[j], events[i]
    with Writer(os.path.join(out, "events.csv"), "order,workcenter,event,at,operator") as f:
        for o, wc, e, t, op in events:
            f.row(f"{o},{wc},{e},{t.isoformat()},{op}")
    return {"workcenters.csv": w, "routings.csv": 3 * routings, "orders.csv": n, "events.csv": len(events)}


KINDS = {
    "table": (gen_table, ["rows"]),
    "excess": (gen_excess, ["prod_rows", "ots", "families", "concepts", "annex_rows"]),
    "close": (gen_close, ["prod_rows", "ots", "families", "concepts"]),
    "annex-source": (gen_annex_source, ["rows"]),
    "willems": (gen_willems, []),
    "bom": (gen_bom, ["products", "lines", "orders", "depth", "layout"]),
    "documents": (gen_documents, ["doc_lines", "docs", "doc_products", "journeys"]),
    "mrp": (gen_mrp, ["products", "lines", "demands", "workcenters", "depth"]),
    "shop": (gen_shop, ["orders", "events", "workcenters"]),
}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main(argv):
    p = argparse.ArgumentParser(description="Deterministic benchmark data.")
    p.add_argument("kind", choices=sorted(KINDS))
    p.add_argument("--root", default="bench-data")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--rows", type=int, default=None)
    p.add_argument("--prod-rows", type=int, default=1000000)
    p.add_argument("--ots", type=int, default=500)
    p.add_argument("--families", type=int, default=200)
    p.add_argument("--concepts", type=int, default=3000)
    p.add_argument("--annex-rows", type=int, default=100000)
    p.add_argument("--products", type=int, default=100000)
    p.add_argument("--lines", type=int, default=1000000)
    p.add_argument("--orders", type=int, default=10000)
    p.add_argument("--depth", type=int, default=12)
    p.add_argument("--doc-lines", type=int, default=1000000)
    p.add_argument("--docs", type=int, default=100000)
    p.add_argument("--doc-products", type=int, default=10000)
    p.add_argument("--journeys", type=int, default=1000)
    p.add_argument("--demands", type=int, default=50000)
    p.add_argument("--workcenters", type=int, default=200)
    p.add_argument("--events", type=int, default=1000000)
    p.add_argument("--layout", choices=["layered", "shared"], default="layered")
    p.add_argument("--src", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Data", "willems2008"))
    p.add_argument("--force", action="store_true", help="regenerate even if present")
    a = p.parse_args(argv)
    if a.rows is None:
        a.rows = 1000000 if a.kind == "table" else 100000
    fn, params = KINDS[a.kind]
    tag = "-".join(str(getattr(a, k)) for k in params)
    name = f"{a.kind}-g{GEN_VERSION}" + (f"-{tag}" if tag else "")
    if a.kind != "willems":
        name += f"-s{a.seed}"
    final = os.path.join(a.root, name)
    if os.path.exists(os.path.join(final, "MANIFEST.json")) and not a.force:
        print(final)
        return 0
    tmp = final + f".tmp{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    rows = fn(a, tmp)
    files = {}
    for f in sorted(os.listdir(tmp)):
        path = os.path.join(tmp, f)
        files[f] = {"rows": rows.get(f), "bytes": os.path.getsize(path),
                    "sha256": sha256(path)}
    manifest = {"kind": a.kind, "generator_version": GEN_VERSION,
                "seed": None if a.kind == "willems" else a.seed,
                "params": {k: getattr(a, k) for k in params}, "files": files}
    if "chain" in rows:
        manifest["source"] = rows["chain"]
    with open(os.path.join(tmp, "MANIFEST.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    shutil.rmtree(final, ignore_errors=True)
    os.rename(tmp, final)
    print(final)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
