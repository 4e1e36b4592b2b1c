#!/usr/bin/env python3
"""Run taller commands once per part of a partitioned input on Apache Spark.

    spark-submit --master local[2] \\
        --archives taller-bin.tar.gz#taller-bin,shared.tar.gz#shared \\
        contrib/spark/taller_spark.py --input parts --out result \\
        --step 'ok=0,1 validate-excess --family {key} --annex annex/ --work-orders work_orders.csv
                --rejects {out}/rejects.csv -o {out}/validated.csv {files}'

The input is a folder of parts, one folder per key (PARTS/KEY/FILE; split.py writes
it): every file of it is read by Spark as bytes, grouped by its key
(groupBy(key).applyInPandas: one call per key), and in that call each --step runs,
as a subprocess, in a scratch folder holding the shared files (the --shared
archive's entries), the part's files under the same names (PARTS/KEY/FILE, relative,
so messages name them as a single run over the same folder does) and an empty
{out}/. {key} is the part's key, {files} its files (one argument each, in name
order), {out} the folder whose files are the part's outputs. A step's exit status
must be 0, or one of those its ok= lists: any other fails the whole job with the
part's key, the command and its standard error; no output is written then.
--keys-per-call N gives each call N consecutive keys (in key order): {key} is then
KEY1,KEY2,... (what --family takes) and {files} the files of all of them; fewer
calls read the whole files fewer times.

Every output file of the parts is then written once to --out: with --merge concat
(the default) the first part's header and every part's rows, parts by key (the
order of a single run over the parts' files in key order; a header that differs
between parts is an error), except an output named by --combine NAME=COMMAND,
which is COMMAND's standard output, run on the driver with {parts} the parts'
files of NAME in key order (closed.json='close-month --merge {parts}': the closed
month's documents of the parts merged into the single run's; its exit status must
be 0); with --merge plan:TREES.csv (explode-bom --trees) the
planned orders of schedule-mrp, sorted as a single run sorts them: by their level
column, then catalogue order (the rows of TREES.csv), each order followed by its
shipments.

The executables come from the --bin archive (default taller-bin; or a local
folder), a folder with the commands and lib/ with the shared libraries they need
(pack.sh builds it); they run with an explicit environment: PATH and
LD_LIBRARY_PATH of the archive, LC_ALL=C.UTF-8, TZ=UTC, HOME the scratch folder.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

MARK = re.compile(r"<<taller (.*?) taller>>", re.S)


def parse(argv):
    p = argparse.ArgumentParser(prog="taller_spark.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="folder of parts: INPUT/KEY/FILE")
    p.add_argument("--out", required=True, help="folder for the merged outputs (driver side)")
    p.add_argument("--step", action="append", required=True, help="[ok=0,1 ]COMMAND ARGS, run per part")
    p.add_argument("--bin", default="taller-bin", help="archive name or folder of the executables")
    p.add_argument("--shared", default=None, help="archive name or folder of the files every part reads whole")
    p.add_argument("--merge", default="concat", help="concat, or plan:TREES.csv")
    p.add_argument("--combine", action="append", default=[], metavar="NAME=COMMAND",
                   help="merge output NAME by running COMMAND on the driver: {parts} is the parts' files "
                        "in key order, its standard output the merged NAME (e.g. "
                        "closed.json='close-month --merge {parts}')")
    p.add_argument("--master", default=None, help="Spark master when not given to spark-submit")
    p.add_argument("--keys-per-call", type=int, default=1, metavar="N",
                   help="give each call N consecutive keys (in key order; {key} is then KEY1,KEY2,...)")
    return p.parse_args(argv)


def combines_of(specs):
    combines = {}
    for spec in specs:
        name, _, command = spec.partition("=")
        words = shlex.split(command)
        if not name or not words or "{parts}" not in words:
            raise SystemExit(f"taller_spark.py: --combine {spec!r}: NAME=COMMAND with {{parts}}")
        combines[name] = words
    return combines


def combine(name, words, files, bin_name):
    """Runs the --combine COMMAND of output NAME on the driver over the parts' files;
    returns its standard output. A failure fails the job with the command's stderr."""
    argv = []
    for w in words:
        argv.extend(files if w == "{parts}" else [w])
    if os.path.isdir(bin_name) and os.path.exists(os.path.join(bin_name, argv[0])):
        argv[0] = os.path.join(os.path.abspath(bin_name), argv[0])
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "TZ": "UTC",
           "HOME": os.environ.get("HOME", "/")}
    if "LD_LIBRARY_PATH" in os.environ:
        env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
    p = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True)
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"<<taller {name}: {words[0]} (--combine) exited with status {p.returncode}:\n{err} taller>>")
    return p.stdout


def steps_of(specs):
    steps = []
    for spec in specs:
        words = shlex.split(spec)
        ok = {0}
        if words and words[0].startswith("ok="):
            ok = {int(s) for s in words.pop(0)[3:].split(",")}
        if not words:
            raise SystemExit(f"taller_spark.py: --step {spec!r} names no command")
        steps.append((sorted(ok), words))
    return steps


def locate(name):
    """A folder given by path, or an archive unpacked by Spark (--archives)."""
    if name is None:
        return None

    def unwrapped(path):
        # An archive holding one top folder is that folder. (On a cluster the
        # executor's working folder is where Spark unpacks --archives, so a name
        # found as it is may be the unpacked archive too.)
        entries = os.listdir(path)
        if len(entries) == 1 and os.path.isdir(os.path.join(path, entries[0])):
            return os.path.join(path, entries[0])
        return path

    if os.path.isdir(name):
        return unwrapped(os.path.abspath(name))
    from pyspark import SparkFiles

    for base in (SparkFiles.getRootDirectory(), os.getcwd()):
        path = os.path.join(base, name)
        if os.path.isdir(path):
            return unwrapped(path)
    raise RuntimeError(f"<<taller {name}: not found (ship it with --archives FILE#{name}) taller>>")


def run_part(key, files, steps, bin_name, shared_name):
    """Runs the steps for one part; returns [(output name, bytes)]."""
    work = tempfile.mkdtemp(prefix="taller-spark-")
    try:
        shared = locate(shared_name)
        if shared:
            for entry in os.listdir(shared):
                os.symlink(os.path.join(shared, entry), os.path.join(work, entry))
        names = []
        for rel, content in sorted(files):
            dest = os.path.join(work, rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(content)
            names.append(rel)
        os.mkdir(os.path.join(work, "_out"))
        bindir = locate(bin_name)
        env = {
            "PATH": bindir + ":/usr/bin:/bin",
            "LD_LIBRARY_PATH": os.path.join(bindir, "lib"),
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "HOME": work,
        }
        for ok, words in steps:
            argv = []
            for w in words:
                if w == "{files}":
                    argv.extend(names)
                else:
                    argv.append(w.replace("{key}", key).replace("{out}", "_out"))
            exe = os.path.join(bindir, argv[0])
            if os.path.exists(exe):
                argv[0] = exe
            p = subprocess.run(argv, cwd=work, env=env, stdin=subprocess.DEVNULL, capture_output=True)
            if p.returncode not in ok:
                err = p.stderr.decode("utf-8", "replace").strip()
                raise RuntimeError(
                    f"<<taller part {key}: {words[0]} exited with status {p.returncode}:\n{err} taller>>")
        out = os.path.join(work, "_out")
        results = []
        for name in sorted(os.listdir(out)):
            with open(os.path.join(out, name), "rb") as f:
                results.append((name, f.read()))
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def split_header(content):
    end = content.find(b"\n")
    return (content, b"") if end < 0 else (content[: end + 1], content[end + 1 :])


def plan_blocks(header, body, place):
    """An order row and the shipment rows after it, keyed by (its level, catalogue place)."""
    import csv

    names = next(csv.reader([header.decode("utf-8").strip()]))
    at_type, at_product, at_level = names.index("type"), names.index("product"), names.index("level")
    blocks = []
    for line in body.split(b"\n"):
        if not line:
            continue
        cells = next(csv.reader([line.decode("utf-8")]))
        if cells[at_type] == "shipment" and blocks:
            blocks[-1][1].append(line)
        else:
            blocks.append(((int(cells[at_level] or 0), place.get(cells[at_product], 0)), [line]))
    return blocks


def main(argv):
    args = parse(argv)
    steps = steps_of(args.step)
    combines = combines_of(args.combine)
    if args.merge != "concat" and not args.merge.startswith("plan:"):
        raise SystemExit(f"taller_spark.py: --merge {args.merge}: concat or plan:TREES.csv")
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    builder = SparkSession.builder.appName("taller")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if "spark.sql.shuffle.partitions" not in dict(spark.sparkContext.getConf().getAll()):
        spark.conf.set("spark.sql.shuffle.partitions", str(max(2, 2 * spark.sparkContext.defaultParallelism)))

    files = (
        spark.read.format("binaryFile")
        .load(args.input.rstrip("/") + "/*/*")
        .select(F.col("path"), F.col("content"))
        .withColumn("key", F.element_at(F.split("path", "/"), -2))
    )
    # A call takes N consecutive keys: the calls' outputs in call order are still in
    # key order. The call number, zero-padded, sorts as the calls.
    per = max(1, args.keys_per_call)
    keys = sorted(r["key"] for r in files.select("key").distinct().collect())
    calls = spark.createDataFrame([(k, f"{i // per:08d}") for i, k in enumerate(keys)], "key string, call string")
    files = files.join(F.broadcast(calls), "key")
    bin_name, shared_name = args.bin, args.shared

    def per_part(pdf):
        import pandas as pd

        call = pdf["call"].iloc[0]
        key = ",".join(sorted(set(pdf["key"])))
        # PARTS/KEY/FILE, relative: the names a single run over PARTS uses.
        parts = [("/".join(p.split("/")[-3:]), bytes(c)) for p, c in zip(pdf["path"], pdf["content"])]
        results = run_part(key, parts, steps, bin_name, shared_name)
        return pd.DataFrame(
            {"key": [call] * len(results), "name": [n for n, _ in results], "content": [c for _, c in results]})

    outputs = files.groupBy("call").applyInPandas(per_part, schema="key string, name string, content binary")
    os.makedirs(args.out, exist_ok=True)
    try:
        # Run every call once: the sort below samples its input, which would run them
        # again.
        outputs = outputs.localCheckpoint(eager=True)
        if args.merge == "concat":
            write_concat(outputs.orderBy("name", "key").toLocalIterator(), args.out, combines, args.bin)
        else:
            write_plan(outputs.orderBy("name", "key").collect(), args.merge[5:], args.out)
    except Exception as e:  # a failed part: its message, not Spark's stack
        found = MARK.search(str(e))
        if not found:
            raise
        print(f"taller_spark.py: {found.group(1)}", file=sys.stderr)
        print("taller_spark.py: the job failed; no output written", file=sys.stderr)
        spark.stop()
        return 1
    spark.stop()
    return 0


def write_concat(rows, out, combines=None, bin_name="taller-bin"):
    """Rows arrive by output name, then key: each output written once, atomically.
    An output named in combines is merged by its command instead of concatenated."""
    combines = combines or {}
    current, f, header, tmp = None, None, None, None
    staged = []
    scratch = tempfile.mkdtemp(prefix="taller-combine-")
    try:
        parts = {}
        for row in rows:
            if row["name"] in combines:
                files = parts.setdefault(row["name"], [])
                path = os.path.join(scratch, f"{len(files):08d}-{row['key']}-{row['name']}")
                with open(path, "wb") as part:
                    part.write(bytes(row["content"]))
                files.append(path)
                continue
            current, f, header, tmp = concat_row(row, out, current, f, header, tmp, staged)
        if f:
            f.close()
            staged.append((tmp, os.path.join(out, current)))
        for name, files in parts.items():
            merged = combine(name, combines[name], files, bin_name)
            tmp_path = os.path.join(out, f".{name}.part")
            with open(tmp_path, "wb") as g:
                g.write(merged)
            staged.append((tmp_path, os.path.join(out, name)))
    except BaseException:
        for tmp_path, _ in staged:
            if os.path.exists(tmp_path):
                os.remove(tmp_path)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for tmp_path, final in staged:  # every output complete before any is in place
        os.replace(tmp_path, final)


def concat_row(row, out, current, f, header, tmp, staged):
    """Appends one part's output to its concatenation (a new output opens a new file)."""
    if row["name"] != current:
        if f:
            f.close()
            staged.append((tmp, os.path.join(out, current)))
        current = row["name"]
        tmp = os.path.join(out, f".{current}.part")
        f = open(tmp, "wb")
        header = None
    head, body = split_header(bytes(row["content"]))
    if header is None:
        header = head
        f.write(head)
    elif head != header:
        raise SystemExit(f"taller_spark.py: {current}: part {row['key']} has another header: {head!r}")
    f.write(body)
    return current, f, header, tmp


def write_plan(rows, trees_file, out):
    import csv

    with open(trees_file, newline="", encoding="utf-8") as f:
        trees = list(csv.reader(f))[1:]
    place = {r[0]: i for i, r in enumerate(trees)}
    by_name = {}
    for row in rows:
        by_name.setdefault(row["name"], []).append(bytes(row["content"]))
    for name, contents in by_name.items():
        header = split_header(contents[0])[0]
        blocks = []
        for content in contents:
            head, body = split_header(content)
            if head != header:
                raise SystemExit(f"taller_spark.py: {name}: the parts' headers differ")
            blocks.extend(plan_blocks(header, body, place))
        blocks.sort(key=lambda b: b[0])  # stable: one product's orders keep their part's order
        tmp = os.path.join(out, f".{name}.part")
        with open(tmp, "wb") as f:
            f.write(header)
            for _, lines in blocks:
                f.write(b"\n".join(lines) + b"\n")
        os.replace(tmp, os.path.join(out, name))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
