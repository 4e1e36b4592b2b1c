#!/bin/sh
# make test-spark: the Spark driver against the single run, byte for byte.
#   1. the example month (examples/contract, plus a row of an unknown OT, a
#      repeated row, and a family with an active OT but no rows) split by family:
#      validated rows, rejects, the closed month's summary and the closed-month
#      document (the parts' documents merged on the driver by close-month --merge);
#   2. a catalogue of three independent trees (testdata/trees), demands split by
#      tree: the planned orders;
#      (and with --keys-per-call 2: two families per call);
#   3. the month with a malformed cell in one family's file: the job fails with
#      that family's FILE:LINE:COLUMN message and writes nothing.
#
#   sh contrib/spark/test.sh [--cluster] [BIN_DIR]     (default .build/debug)
#
# With --cluster (make test-spark-cluster) the same jobs go to a real Spark
# standalone cluster on this machine instead of local[2]: a master and one worker
# (2 cores) started from the pip-installed pyspark, bound to 127.0.0.1 on free
# ports, the executables reaching the executors by --archives; the daemons are
# stopped on exit.
#
# Needs Java 17 and installs pyspark (3.5.3) with pandas and pyarrow from PyPI
# into .venv-spark/ (reused when present).
set -eu
cluster=0
if [ "${1:-}" = --cluster ]; then
  cluster=1
  shift
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "${1:-$root/.build/debug}" && pwd)
here=$root/contrib/spark
venv=${SPARK_VENV:-$root/.venv-spark}

if ! command -v java > /dev/null 2>&1 || ! java -version 2>&1 | grep -q 'version "17'; then
  echo "test-spark: Spark 3.5 needs Java 17 (java -version says: $(java -version 2>&1 | head -n 1 || echo 'no java'))." >&2
  echo "test-spark: install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17)" >&2
  echo "test-spark: or put a JDK 17 first on PATH and set JAVA_HOME to it." >&2
  exit 69
fi
if ! "$venv/bin/python" -c 'import pyspark, pandas, pyarrow' > /dev/null 2>&1; then
  echo "test-spark: installing pyspark into $venv (from PyPI, about 320 MB, once)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'pyspark==3.5.3' 'pandas==2.2.3' 'pyarrow==15.0.2' 'numpy==1.26.4'
fi
PYSPARK_PYTHON=$venv/bin/python
PYSPARK_DRIVER_PYTHON=$venv/bin/python
export PYSPARK_PYTHON PYSPARK_DRIVER_PYTHON
PATH=$bin:$PATH
export PATH

work=$(mktemp -d "${TMPDIR:-/tmp}/taller-spark-test.XXXXXX")
daemons=""
stop() {
  for pid in $daemons; do kill "$pid" 2> /dev/null || true; done
  for pid in $daemons; do wait "$pid" 2> /dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM
sh "$here/pack.sh" "$bin" "$work/taller-bin.tar.gz" 2> /dev/null
fail=0
same() {  # same NAME EXPECTED ACTUAL
  if cmp -s "$2" "$3"; then
    case $2 in
      *.json) echo "test-spark: $1: identical to the single run ($(wc -l < "$2") lines)" ;;
      *) echo "test-spark: $1: identical to the single run ($(($(wc -l < "$2") - 1)) rows)" ;;
    esac
  else
    echo "test-spark: $1 differs from the single run:" >&2
    diff "$2" "$3" | head -n 20 >&2
    fail=1
  fi
}
SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
export SPARK_LOCAL_IP
master='local[2]'
if [ "$cluster" -eq 1 ]; then
  # A standalone master and one worker from pyspark's own jars, on free ports.
  spark_home=$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
  ports=$(python3 -c 'import socket
s = [socket.socket() for _ in range(3)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))')
  set -- $ports
  mkdir -p "$work/cluster/work"
  SPARK_HOME=$spark_home "$spark_home/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$1" --webui-port "$2" > "$work/cluster/master.log" 2>&1 &
  daemons="$!"
  waited=0
  until grep -q 'I have been elected leader' "$work/cluster/master.log"; do
    waited=$((waited + 1))
    if [ "$waited" -gt 120 ]; then
      echo "test-spark: the Spark master did not start in 60 s:" >&2
      tail -n 20 "$work/cluster/master.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  SPARK_HOME=$spark_home "$spark_home/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 2 --memory 2g --webui-port "$3" --work-dir "$work/cluster/work" \
    "spark://127.0.0.1:$1" > "$work/cluster/worker.log" 2>&1 &
  daemons="$daemons $!"
  waited=0
  until grep -q 'Successfully registered with master' "$work/cluster/worker.log"; do
    waited=$((waited + 1))
    if [ "$waited" -gt 120 ]; then
      echo "test-spark: the Spark worker did not register in 60 s:" >&2
      tail -n 20 "$work/cluster/worker.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  master="spark://127.0.0.1:$1"
  echo "test-spark: a standalone cluster: master $master, one worker (2 cores)"
  set --
fi
submit() {  # submit SHARED.tar.gz DRIVER-ARGS...
  shared=$1
  shift
  "$venv/bin/spark-submit" --master "$master" --conf spark.ui.enabled=false \
    --driver-java-options "-Dlog4j.configurationFile=$here/log4j2.properties" \
    --archives "$work/taller-bin.tar.gz#taller-bin,$shared#shared" "$here/taller_spark.py" --shared shared "$@"
}

# 1. The month by family.
m=$work/month
cp -R "$root/examples/contract" "$m"
cd "$m"
printf 'OT-2026-099,2.1.1,2026-10-05,CMA,3\nOT-2026-017,2.1.1,2026-10-03,CMA,52.5\n' >> production/production-2026-10.csv
# A family closed for its active OT alone: OT-2026-040 (its annex, a daily status
# every day of October, history in September) has no production row in October.
# split.py gives it a part of header-only files, as it does the inactive
# OT-2026-034 (which neither run closes).
echo 'OT-2026-040,,initial,true,3,,,,PLAT-KU-A,,2026-09-10,2026-12-31' >> work_orders.csv
printf '%s\n' 'ot,import_id,imported_on,active,annex,code,description,unit,authorized_qty,unit_price_mxn,unit_price_usd' \
  'OT-2026-040,401,2026-09-05,true,C-7,7.1.01,Fabricación de soporte estructural tipo silleta,TON,10,58420.00,3271.50' \
  'OT-2026-040,401,2026-09-05,true,C-7,7.1.04,Prefabricado de spool de tubería de 8 in cédula 80,PZA,20,12870.00,720.70' \
  > annex/OT-2026-040-401.csv
for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31; do
  echo "OT-2026-040,2026-10-$d,LABORANDO,PLAT-KU-A"
done >> daily/daily-2026-10.csv
echo 'OT-2026-040,7.1.01,2026-09-22,CMA,2.5' >> history/production-2026-09.csv
python3 "$here/split.py" work_orders.csv ot parts production/*.csv
rm -rf production sources
tar -czf "$work/month-shared.tar.gz" annex closing daily history guards.csv gpu.csv work_orders.csv
common="--annex annex/ --work-orders work_orders.csv --daily daily/ --history history/ --guards guards.csv"
closedoc="close-month --month 2026-10 $common --gpu closing/gpu-2026-10-validated.csv --evidence https://example.com/2026-10.pdf"
close="$closedoc --output-format csv"
# shellcheck disable=SC2086
validate-excess $common --gpu gpu.csv --rejects rejects.csv -o validated.csv parts/*/* || [ $? -eq 1 ]
# shellcheck disable=SC2086
$close -o summary.csv validated.csv
# shellcheck disable=SC2086
$closedoc -o closed.json validated.csv
submit "$work/month-shared.tar.gz" --input parts --out "$work/month-out" \
  --step "ok=0,1 validate-excess $common --gpu gpu.csv --family {key} --rejects {out}/rejects.csv -o {out}/validated.csv {files}" \
  --step "$close --family {key} -o {out}/summary.csv {out}/validated.csv" \
  --step "$closedoc --family {key} -o {out}/closed.json {out}/validated.csv" \
  --combine "closed.json=close-month --merge {parts}"
same "month: validated rows" validated.csv "$work/month-out/validated.csv"
same "month: rejects" rejects.csv "$work/month-out/rejects.csv"
same "month: closed-month summary" summary.csv "$work/month-out/summary.csv"
same "month: closed month (JSON, parts merged)" closed.json "$work/month-out/closed.json"
if grep -q '"family": "OT-2026-040"' closed.json && ! grep -q 'OT-2026-034' closed.json \
  && [ "$(sed 1d parts/OT-2026-040/production-2026-10.csv | wc -l)" -eq 0 ]; then
  echo "test-spark: month: OT-2026-040 (an active OT, no rows) is closed by its header-only part as by the single run"
else
  echo "test-spark: month: the single run should close OT-2026-040 (no rows) and not OT-2026-034, from a header-only part" >&2
  fail=1
fi
# Two families per call (in key order): the same bytes.
submit "$work/month-shared.tar.gz" --input parts --out "$work/month-out2" --keys-per-call 2 \
  --step "ok=0,1 validate-excess $common --gpu gpu.csv --family {key} --rejects {out}/rejects.csv -o {out}/validated.csv {files}" \
  --step "$closedoc --family {key} -o {out}/closed.json {out}/validated.csv" \
  --combine "closed.json=close-month --merge {parts}"
same "month, two families per call: validated rows" validated.csv "$work/month-out2/validated.csv"
same "month, two families per call: rejects" rejects.csv "$work/month-out2/rejects.csv"
same "month, two families per call: closed month (JSON, parts merged)" closed.json "$work/month-out2/closed.json"

# 2. The plan by tree.
t=$work/trees
cp -R "$here/testdata/trees" "$t"
cd "$t"
explode-bom --products products.csv --bom bom.csv --trees > trees.csv
python3 "$here/split.py" trees.csv product parts demand.csv
tar -czf "$work/trees-shared.tar.gz" products.csv bom.csv stock.csv receipts.csv
plan="schedule-mrp --products products.csv --bom bom.csv --stock stock.csv --receipts receipts.csv --as-of 2026-01-01"
$plan -o planned.csv demand.csv 2> /dev/null
submit "$work/trees-shared.tar.gz" --input parts --out "$work/trees-out" --merge "plan:$t/trees.csv" \
  --step "$plan -o {out}/planned.csv {files}"
echo "test-spark: trees: $(ls parts | tr '\n' ' ')"
same "plan: planned orders" planned.csv "$work/trees-out/planned.csv"

# 3. A malformed cell in one family's file fails the job with that family's message
#    (the driver's, on its standard output under spark-submit; on a cluster the
#    executors' logs stay on the worker).
cd "$m"
sed -i 's/^OT-2026-030,7.2.02,2026-10-27,CMA,4$/OT-2026-030,7.2.02,2026-10-27,CMA,cuatro/' parts/OT-2026-030/production-2026-10.csv
status=0
submit "$work/month-shared.tar.gz" --input parts --out "$work/bad-out" \
  --step "ok=0,1 validate-excess $common --gpu gpu.csv --family {key} --rejects {out}/rejects.csv -o {out}/validated.csv {files}" \
  > "$work/bad.err" 2>&1 || status=$?
if [ "$status" -ne 0 ] && grep -q 'part OT-2026-030: validate-excess exited with status 65' "$work/bad.err" \
  && grep -q 'parts/OT-2026-030/production-2026-10.csv:[0-9]*:5:' "$work/bad.err" && [ ! -e "$work/bad-out/validated.csv" ]; then
  echo "test-spark: a malformed family fails the job: $(grep '^validate-excess: parts/OT-2026-030' "$work/bad.err" | tail -n 1 | sed 's/ taller>>$//')"
else
  echo "test-spark: the malformed family did not fail the job as it should (status $status):" >&2
  tail -n 20 "$work/bad.err" >&2
  fail=1
fi
[ "$fail" -eq 0 ] && echo "test-spark: all identical"
exit "$fail"
