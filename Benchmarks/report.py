#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the results of Benchmarks/run.sh.

    report.py RESULTS_DIR OUT.md

RESULTS_DIR holds machine.tsv, order (measurement ids), and per measurement
meta.tsv, commands.tsv and one hyperfine JSON per command (run.sh documents
the formats). Ratios are ours/peer from the medians of the same run.
"""
import json
import os
import re
import sys

CITATION = ('Willems, S. P. (2008). "Data Set — Real-World Multiechelon Supply '
            'Chains Used for Inventory Optimization." *Manufacturing & Service '
            'Operations Management* 10(1):19–23.')


def read_tsv(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            out[k] = v
    return out


def slug(label):
    return re.sub(r"[^A-Za-z0-9]", "_", label)


def read_commands(mdir):
    rows = []
    path = os.path.join(mdir, "commands.tsv")
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, role, status, rss, lines, size, runs, cmd = line.rstrip("\n").split("\t")
            r = {"label": label, "role": role, "status": status,
                 "rss_kb": int(rss) if rss else None,
                 "lines": int(lines) if lines else None,
                 "bytes": int(size) if size else None,
                 "runs": runs, "command": cmd, "median": None}
            jpath = os.path.join(mdir, slug(label) + ".json")
            if status == "ok" and os.path.exists(jpath):
                with open(jpath) as j:
                    res = json.load(j)["results"][0]
                r["median"] = res["median"]
                r["min"] = res["min"]
                r["max"] = res["max"]
                r["n"] = len(res["times"])
            rows.append(r)
    return rows


def fmt_s(v):
    if v is None:
        return "—"
    if v < 0.1:
        return f"{v:.4f}"
    if v < 10:
        return f"{v:.3f}"
    return f"{v:.2f}"


def fmt_mib(kb):
    return "—" if kb is None else f"{kb / 1024:.1f} MiB"


def fmt_bytes(n):
    if n is None:
        return ""
    if n >= 1 << 20:
        return f"{n / 1e6:.1f} MB"
    if n >= 1 << 10:
        return f"{n / 1e3:.1f} kB"
    return f"{n} B"


def data_text(ddir):
    if not ddir:
        return "none"
    try:
        with open(os.path.join(ddir, "MANIFEST.json")) as f:
            m = json.load(f)
    except OSError:
        return os.path.basename(ddir)
    parts = []
    for name, info in m["files"].items():
        rows = f"{info['rows']:,} rows, " if info.get("rows") is not None else ""
        parts.append(f"`{name}` {rows}{fmt_bytes(info['bytes'])}")
    seed = f" (seed {m['seed']})" if m.get("seed") is not None else ""
    src = f"; {m['source']}" if m.get("source") else ""
    return f"`bench-data/{os.path.basename(ddir)}/`{seed}{src}: " + "; ".join(parts)


def evaluate(target, ours, peers, rows=()):
    """(text, measured, verdict) for one target of run.sh's mini-language."""
    m = re.fullmatch(r"growth<=([0-9.]+)@(.+)@(.+)", target)
    if m:
        x, small, big = float(m.group(1)), m.group(2), m.group(3)
        by = {r["label"]: r for r in rows}
        text = f"{big} / {small} ≤ {x:g}"
        a, b = by.get(small), by.get(big)
        if not a or not b or a["median"] is None or b["median"] is None:
            return text, "—", "not measured"
        g = b["median"] / a["median"]
        return text, f"{g:.3g}", "met" if g <= x else "**not met**"
    m = re.fullmatch(r"(time|rss)<([0-9.]+)", target)
    if m:
        kind, limit = m.group(1), float(m.group(2))
        if kind == "time":
            text = f"median < {limit:g} s"
            value = ours["median"] if ours else None
            shown = f"{fmt_s(value)} s" if value is not None else "—"
        else:
            text = f"peak RSS < {limit:g} MiB"
            value = ours["rss_kb"] / 1024 if ours and ours["rss_kb"] is not None else None
            shown = f"{value:.1f} MiB" if value is not None else "—"
        if value is None:
            return text, shown, unmeasured(ours)
        return text, shown, "met" if value < limit else "**not met**"
    m = re.fullmatch(r"(ratio<=|speedup>=)([0-9.]+)@(.+)", target)
    if not m:
        return target, "—", "unknown target"
    kind, x, label = m.group(1), float(m.group(2)), m.group(3)
    peer = peers.get(label)
    if kind == "ratio<=":
        text = f"ours / {label} ≤ {x:g}"
    else:
        text = f"≥ {x:g}× faster than {label}"
    if not ours or ours["median"] is None:
        return text, "—", unmeasured(ours)
    if not peer or peer["median"] is None:
        return text, "—", f"not measured (peer {peer['status'] if peer else 'missing'})"
    ratio = ours["median"] / peer["median"]
    if kind == "ratio<=":
        return text, f"{ratio:.3g}", "met" if ratio <= x else "**not met**"
    speedup = 1 / ratio
    return text, f"{speedup:.1f}×", "met" if speedup >= x else "**not met**"


def tool(name, version):
    """'hyperfine 1.15.0' stays as it is; a bare version gets its tool's name."""
    names = {"duckdb": "DuckDB (Python)", "xlsxwriter": "XlsxWriter"}
    if version.lower().startswith(name.lower()):
        return version
    return f"{names.get(name, name)} {version}"


def unmeasured(ours):
    if not ours:
        return "not measured"
    return f"not measured (ours {ours['status']})"


def main(res, out_md):
    machine = read_tsv(os.path.join(res, "machine.tsv"))
    root = machine.get("root", "")
    order = []
    if os.path.exists(os.path.join(res, "order")):
        with open(os.path.join(res, "order")) as f:
            order = [line.strip() for line in f if line.strip()]

    sections, summary = [], []
    uses_willems = False
    for n, mid in enumerate(order, 1):
        mdir = os.path.join(res, mid)
        meta = read_tsv(os.path.join(mdir, "meta.tsv"))
        rows = read_commands(mdir)
        ours = next((r for r in rows if r["role"] == "ours"), None)
        peers = {r["label"]: r for r in rows if r["role"] == "peer"}
        if mid == "explode-willems":
            uses_willems = True
        s = [f"## {n}. {meta['title']}", "",
             f"`{meta['command']}`", "",
             "Data: " + data_text(meta["data"]), ""]
        if meta.get("note"):
            s += [meta["note"], ""]
        if meta.get("check"):
            s += ["Check of the output: " + meta["check"], ""]
        s += ["| program | median s | min–max s | runs | ours / this | peak RSS | output | status |",
              "|---|--:|--:|--:|--:|--:|--:|---|"]
        for r in rows:
            if r["median"] is not None:
                span = f"{fmt_s(r['min'])}–{fmt_s(r['max'])}"
                runs = str(r["n"])
            else:
                span, runs = "—", "—"
            if r["role"] == "peer" and r["median"] and ours and ours["median"]:
                ratio = f"{ours['median'] / r['median']:.3g}"
            else:
                ratio = "—"
            output = ""
            if r["lines"] is not None:
                output = f"{max(r['lines'] - 1, 0):,} rows"
            elif r["bytes"] is not None:
                output = fmt_bytes(r["bytes"])
            name = f"**{r['label']}**" if r["role"] == "ours" else r["label"]
            s.append(f"| {name} | {fmt_s(r['median'])} | {span} | {runs} | {ratio} | "
                     f"{fmt_mib(r['rss_kb'])} | {output} | {r['status']} |")
        s.append("")
        targets = [t for t in meta.get("targets", "").split(";") if t]
        verdicts = []
        if targets:
            s += ["| target | measured | result |", "|---|--:|---|"]
            for t in targets:
                text, shown, verdict = evaluate(t, ours, peers, rows)
                verdicts.append(verdict)
                s.append(f"| {text} | {shown} | {verdict} |")
            s.append("")
        else:
            s += ["No stated target: reported for information.", ""]
        s += ["Commands as run (paths relative to the repository):", "", "```"]
        s += [r["command"] for r in rows]
        s += ["```", ""]
        sections.append("\n".join(s))
        if not targets:
            overall = "no target"
        elif all(v == "met" for v in verdicts):
            overall = "met"
        elif any("not met" in v for v in verdicts):
            overall = "**not met**"
        else:
            overall = "not measured"
        summary.append(f"| {n}. {mid} | {fmt_s(ours['median']) if ours else '—'} | "
                       f"{ours['status'] if ours else '—'} | {overall} |")

    quick = machine.get("quick") == "1"
    head = ["# Benchmarks", ""]
    if quick:
        head += ["**BENCH_QUICK=1: small smoke-check sizes, not the stated ones. "
                 "These numbers say nothing about the targets.**", ""]
    head += [
        f"Written by `make bench` (`Benchmarks/run.sh`) on {machine.get('date', '?')}.",
        "",
        f"- Machine: {machine.get('nproc', '?')} cores (`nproc`), "
        f"{machine.get('cpu', '?')}, {machine.get('memory', '?')} RAM, "
        f"{machine.get('os', '?')}; load average when the run started: "
        f"{machine.get('load', '?')} (other work on the machine shows up as noise).",
        "- Tools: " + ", ".join(tool(k, machine[k]) for k in
                                ("hyperfine", "python", "duckdb", "xlsxwriter", "libxlsxwriter")
                                if k in machine) + ".",
        f"- Method: every command runs once under `/usr/bin/time -v` (peak RSS is its "
        f"\"Maximum resident set size\"; the run also checks the exit status and warms "
        f"the file cache), then `hyperfine --runs {machine.get('runs', '?')} --export-json` "
        f"({machine.get('slow_runs', '?')} runs for the slow Python peers). Times are the "
        f"median of those runs, wall clock, whole process (interpreter start and imports "
        f"included for Python peers). \"ours / this\" is taller's median over that peer's "
        f"median in the same run: below 1 taller is faster.",
        "- Data: `Benchmarks/gen.py` into `bench-data/`, generated once and reused; the same "
        "seed and sizes give the same bytes (sha256 in each data set's `MANIFEST.json`). "
        "`BENCH_QUICK=1 make bench` runs small sizes as a smoke check.",
        f"- taller binaries: `{machine.get('bin', '?').replace(root + '/', '')}`; a command "
        "not built yet is marked \"not built\".",
        "",
        "| measurement | ours median s | ours | targets |",
        "|---|--:|---|---|",
    ]
    head += summary
    head.append("")
    tail = []
    if uses_willems:
        tail = ["## Data cited", "", CITATION + " The chain data are open to researchers "
                "who cite the paper; the CSV files are in `Tests/Data/willems2008/`.", ""]
    text = "\n".join(head) + "\n" + "\n".join(sections + ["\n".join(tail)])
    tmp = out_md + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n")
    os.replace(tmp, out_md)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
