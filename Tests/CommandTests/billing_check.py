# Checks a billing workbook (export-xlsx --billing) against its closed-month documents.
#   python3 billing_check.py BOOK.xlsx CLOSED.json[,CLOSED.json…] VAT_RATE_OR_EMPTY
# Prints JSON: {"errors": [...], "formulas": N, "words": {cur: text}, "totals": {cur: total}}.
# Every formula is evaluated from the stored values of the cells it reads (Decimal,
# ROUND half-up) and must equal its own stored value; every amount must equal the
# document to the cent; the Resumen totals must equal the sum of the family sheets.
import json, re, sys
from decimal import Decimal, ROUND_HALF_UP
import openpyxl
from openpyxl.utils import range_boundaries, get_column_letter

book, doc_paths, vat = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
wf = openpyxl.load_workbook(book)
wv = openpyxl.load_workbook(book, data_only=True)
docs = [json.load(open(p, encoding="utf-8")) for p in doc_paths]
errors = []
def D(x):
    if x is None or x == "": return Decimal(0)
    if isinstance(x, bool): return Decimal(int(x))
    return Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
def cents(x): return D(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

names = {}
for n, dn in wf.defined_names.items():
    for sheet, coord in dn.destinations: names[n] = (sheet, coord.replace("$", ""))

# Every formula, evaluated from the stored values of the cells it reads, equals its
# stored value (to the cent for ROUND, to 1e-9 otherwise).
def ref(s, c):
    v = wv[s][c].value
    return v if isinstance(v, str) else D(v)
def rng(s, a, b):
    out = []
    for row in wv[s][a:b]:
        for c in row: out.append(c)
    return out
def SUM(cells): return sum((D(c.value) for c in cells), Decimal(0))
def ROUND(x, n): return D(x).quantize(Decimal(1).scaleb(-int(n)), rounding=ROUND_HALF_UP)
def IF(c, a, b): return a() if c else b()
def SUMIF(crit, value, vals):
    return sum((D(v.value) for k, v in zip(crit, vals) if k.value == value), Decimal(0))
def translate(f, sheet):
    f = f[1:]
    f = re.sub(r"IF\((\$?[A-Z]+\$?\d+)=0,0,(\$?[A-Z]+\$?\d+)/(\$?[A-Z]+\$?\d+)\)", r"IF(\1==0,lambda:0,lambda:\2/\3)", f)
    # sheet-qualified and plain references, ranges first
    q = r"(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!"
    f = re.sub(q + r"\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)",
               lambda m: 'rng(%r,"%s%s","%s%s")' % ((m.group(1) or "").replace("''", "'") or m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)), f)
    f = re.sub(q + r"\$?([A-Z]+)\$?(\d+)",
               lambda m: 'ref(%r,"%s%s")' % ((m.group(1) or "").replace("''", "'") or m.group(2), m.group(3), m.group(4)), f)
    f = re.sub(r'(?<![\w"\x27])\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)', lambda m: 'rng(%r,"%s%s","%s%s")' % (sheet, *m.groups()), f)
    f = re.sub(r'(?<![\w"])\$?([A-Z]{1,3})\$?(\d+)(?![\w"(])', lambda m: 'ref(%r,"%s%s")' % (sheet, *m.groups()), f)
    for n, (s, c) in names.items(): f = re.sub(r"\b%s\b" % n, 'ref(%r,"%s")' % (s, c), f)
    f = re.sub(r'(?<![\w."])(\d+\.\d+)(?![\w"])', r'D("\1")', f)
    return f
count = 0
for ws in wf.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.data_type != "f": continue
            count += 1
            stored = wv[ws.title][c.coordinate].value
            expr = translate(c.value, ws.title)
            try:
                got = eval(expr)
            except Exception as e:
                errors.append("%s!%s %s: cannot evaluate (%s: %s)" % (ws.title, c.coordinate, c.value, expr, e)); continue
            if c.value.startswith("=ROUND") or c.value[1:] in names:
                ok = cents(stored) == cents(got)
            else:
                ok = abs(D(stored) - D(got)) < Decimal("1e-9")
            if not ok: errors.append("%s!%s %s: stored %r, computes %s" % (ws.title, c.coordinate, c.value, stored, got))

def find_header(ws, first):
    for row in ws.iter_rows(max_row=40):
        if row[0].value == first: return row[0].row, [x.value for x in row]
    return None, None

amount_keys = ["authorized", "previous", "executed", "accumulated", "remaining", "billable"]
# Resumen: each row and each block total against the document.
rs = wv[wf.sheetnames[1]]
rows = list(rs.iter_rows(values_only=True))
block = None
want_total = {}
seen = {}
for d in docs:
    for cur in ("mxn", "usd"):
        for k in amount_keys: want_total[(cur, k)] = want_total.get((cur, k), Decimal(0)) + D(d["totals"]["%s_%s" % (k, cur)])
concepts = {}
for d in docs:
    for f in d["families"]:
        label = f["family"] if len(docs) == 1 else "%s (%s)" % (f["family"], d["month"])
        for k in f["concepts"]: concepts[(label, k["code"])] = k
cols = {"authorized": 7, "previous": 13, "executed": 14, "accumulated": 15, "remaining": 16, "billable": 17}
for r in rows:
    if r[0] and isinstance(r[0], str) and ("(MXN)" in r[0] or "(USD)" in r[0]) and r[1] is None:
        block = "usd" if "(USD)" in r[0] else "mxn"; continue
    if block is None or r[2] is None or r[0] in ("Familia", "Family"): 
        if r[0] and str(r[0]).startswith("TOTAL"):
            for k, col in cols.items():
                if cents(r[col]) != cents(want_total[(block, k)]): errors.append("Resumen total %s %s: %r vs document %s" % (block, k, r[col], want_total[(block, k)]))
            seen[block] = True
        continue
    k = concepts.get((r[0], r[2]))
    if k is None: errors.append("Resumen row %r %r not in the document" % (r[0], r[2])); continue
    for key, col in cols.items():
        if cents(r[col]) != cents(k["%s_%s" % (key, block)]): errors.append("Resumen %s %s %s %s: %r vs %s" % (r[0], r[2], block, key, r[col], k["%s_%s" % (key, block)]))
    if D(r[9]) != D(k["month_qty"]): errors.append("Resumen %s %s month qty %r vs %s" % (r[0], r[2], r[9], k["month_qty"]))
if "mxn" not in seen: errors.append("Resumen has no MXN total")

# Family sheets: concept rows and totals against the document; Resumen = sum of the family sheets.
family_sum = {}
i = 2
for d in docs:
    for f in d["families"]:
        ws = wv[wf.sheetnames[i]]; i += 1
        hr, head = find_header(ws, wv[wf.sheetnames[i-1]]["A4"].value)
        c0 = head.index([h for h in head if h and str(h).startswith(("Cant. este", "Qty this"))][0])
        byc = {k["code"]: k for k in f["concepts"]}
        total_row = None
        for row in ws.iter_rows(min_row=hr + 1, values_only=True):
            if row[0] and str(row[0]).startswith("TOTAL"): total_row = row; break
            if row[3] in ("Total",):
                k = byc[row[0]]
                if D(row[c0]) != D(k["month_qty"]): errors.append("%s %s month qty %r vs %s" % (ws.title, row[0], row[c0], k["month_qty"]))
                for j, cur in enumerate([h.split()[-1].lower() for h in head if h and str(h).startswith(("P.U.", "Unit price"))]):
                    p = c0 + 6 + 3 * j
                    if cents(row[p + 1]) != cents(k["executed_%s" % cur]) or cents(row[p + 2]) != cents(k["accumulated_%s" % cur]):
                        errors.append("%s %s %s amounts %r %r vs %s %s" % (ws.title, row[0], cur, row[p+1], row[p+2], k["executed_%s" % cur], k["accumulated_%s" % cur]))
        curs = [h.split()[-1].lower() for h in head if h and str(h).startswith(("P.U.", "Unit price"))]
        for j, cur in enumerate(curs):
            p = c0 + 6 + 3 * j
            family_sum[cur] = family_sum.get(cur, Decimal(0)) + cents(total_row[p + 1])
            if cents(total_row[p + 1]) != cents(f["totals"]["executed_%s" % cur]): errors.append("%s total %s %r vs %s" % (ws.title, cur, total_row[p+1], f["totals"]["executed_%s" % cur]))
for cur, s in family_sum.items():
    if s != cents(want_total[(cur, "executed")]): errors.append("sum of family sheets %s %s vs Resumen %s" % (cur, s, want_total[(cur, "executed")]))

# Cover: amounts equal the document, VAT at the cent; words as printed.
cv = wv[wf.sheetnames[0]]
cover = {}
for row in cv.iter_rows(values_only=True):
    if row[0]: cover[row[0]] = row[1:]
out = {"errors": errors, "formulas": count, "words": {}, "totals": {}}
for label, vals in cover.items():
    if isinstance(label, str) and label.startswith(("Importe con letra", "Amount in words")):
        out["words"][label.split("(")[-1].rstrip(")").lower()] = vals[0]
curs = ["mxn"] + (["usd"] if "USD" in [v for v in cover.get("Importes", cover.get("Amounts", ())) if v] else [])
for j, cur in enumerate(curs):
    def val(*labels):
        for l in labels:
            if l in cover: return cover[l][j]
    checks = [(("Importe autorizado", "Authorized amount"), "authorized"), (("Ejecutado en este periodo", "Executed this period"), "executed"),
              (("Acumulado ejecutado", "Accumulated executed"), "accumulated"), (("Por ejercer", "Remaining"), "remaining")]
    for labels, key in checks:
        if cents(val(*labels)) != cents(want_total[(cur, key)]): errors.append("cover %s %s %r vs %s" % (cur, key, val(*labels), want_total[(cur, key)]))
    billable = want_total[(cur, "billable")]
    total = billable
    if vat != "":
        v = (billable * D(vat)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        total = billable + v
        ivas = [k for k in cover if isinstance(k, str) and k.startswith(("IVA", "VAT"))]
        if not ivas or cents(cover[ivas[0]][j]) != v: errors.append("cover VAT %s: %r vs %s" % (cur, ivas and cover[ivas[0]][j], v))
    if cents(val("Total de esta estimación", "Total of this estimate")) != total: errors.append("cover total %s %r vs %s" % (cur, val("Total de esta estimación", "Total of this estimate"), total))
    out["totals"][cur] = str(total)
print(json.dumps(out, ensure_ascii=False))
