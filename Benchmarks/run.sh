#!/bin/sh
# Benchmarks/run.sh BIN — the `make bench` runner.
#
# Generates the data (Benchmarks/gen.py, into bench-data/, reused when the same
# sizes and seed exist), then for every measurement runs taller's command and
# its peers one after the other in this same run: first once under
# /usr/bin/time -v (peak RSS, exit status, output size; it also warms the file
# cache), then `hyperfine --export-json` for the timed runs. BENCHMARKS.md is
# written from the JSON results by Benchmarks/report.py (medians, ratios
# ours/peer from this run, peak RSS, targets met or not).
#
# A taller command that is not built yet ([ -x "$BIN/cmd" ] fails) gets a
# "not built" row; a command that fails or times out gets that row; the run
# goes on either way.
#
# Environment (defaults are the stated sizes; BENCH_QUICK=1 gives small ones
# for a smoke check and writes bench-data/BENCHMARKS-quick.md instead):
#   BENCH_SEED=1               seed of every generated data set
#   BENCH_TABLE_ROWS=1000000   big.csv rows (convert-table, export-xlsx)
#   BENCH_PROD_ROWS=1000000    production rows      BENCH_OTS=500
#   BENCH_FAMILIES=200         OT families          BENCH_CONCEPTS=3000
#   BENCH_CLOSE_ROWS=1000000   close-month: production rows (every one accepted),
#   BENCH_CLOSE_CONCEPTS=60    concepts per family (OTs, families as above)
#   BENCH_ANNEX_ROWS=100000    annex rows (validate-excess)
#   BENCH_IMPORT_ROWS=100000   annex sheet rows (import-annex)
#   BENCH_PRODUCTS=100000  BENCH_BOM_LINES=1000000  BENCH_ORDERS=10000
#   BENCH_BOM_DEPTH=12         generated catalogues (explode-bom b, c)
#   BENCH_RUNS=5               timed runs per command (median reported)
#   BENCH_SLOW_RUNS=3          timed runs for the slow Python peers
#   BENCH_TIMEOUT=900          seconds any one command may take
#   BENCH_CTE_TIMEOUT=120      seconds for DuckDB's CTE on catalogue (c)
#   BENCH_ONLY=id,id           only these measurements: convert-table,
#                              export-xlsx, validate-excess, close-month, billing,
#                              import-annex, explode-willems, explode-layered,
#                              explode-shared,
#                              schedule-mrp, schedule-mrp-growth, track-operations,
#                              post-documents (runs (a) and (b)), spark-month
#   BENCH_SPARK_RUNS=3         timed runs of spark-month (Spark starts a JVM each)
#   BENCH_SPARK_VENV=DIR       the virtual environment with pyspark (default
#                              .venv-spark/, as make test-spark installs it; outside
#                              the repository, the commands show it as
#                              "$BENCH_SPARK_VENV", never as this machine's path)
#   BENCH_MRP_PRODUCTS=100000 BENCH_MRP_LINES=1000000 BENCH_MRP_DEMANDS=50000
#   BENCH_MRP_WORKCENTERS=200  schedule-mrp's catalogue (12 levels); the growth
#                              measurement runs 1/4, 1/2, 1 and 2 times these sizes
#   BENCH_DOC_LINES=1000000    post-documents: document lines   BENCH_DOCS=100000
#   BENCH_DOC_PRODUCTS=10000   products                         BENCH_JOURNEYS=1000
#   BENCH_SHOP_ORDERS=100000 BENCH_SHOP_EVENTS=1000000  track-operations' shop floor
#                              (200 workcenters: BENCH_MRP_WORKCENTERS)
#   BENCH_DATA=DIR             data and results (default bench-data/)
#   BENCH_OUT=FILE             the report (default BENCHMARKS.md)
set -eu

die() { echo "bench: $*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: Benchmarks/run.sh BIN_DIR (e.g. .build/release)"
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BENCH=$ROOT/Benchmarks
PEERS=$BENCH/peers

QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
  d_table=20000 d_prod=20000 d_ots=50 d_fam=20 d_conc=300 d_annex=2000 d_close=20000
  d_import=2000 d_products=2000 d_lines=20000 d_orders=200
  d_doc_lines=20000 d_docs=2000 d_doc_products=500 d_journeys=40
  d_mrp_products=2000 d_mrp_lines=20000 d_mrp_demands=1000
  d_shop_orders=2000 d_shop_events=20000
  d_runs=3 d_slow=2 d_cte=30
  d_out=${BENCH_DATA:-$ROOT/bench-data}/BENCHMARKS-quick.md
else
  d_table=1000000 d_prod=1000000 d_ots=500 d_fam=200 d_conc=3000 d_annex=100000 d_close=1000000
  d_import=100000 d_products=100000 d_lines=1000000 d_orders=10000
  d_doc_lines=1000000 d_docs=100000 d_doc_products=10000 d_journeys=1000
  d_mrp_products=100000 d_mrp_lines=1000000 d_mrp_demands=50000
  d_shop_orders=100000 d_shop_events=1000000
  d_runs=5 d_slow=3 d_cte=120
  d_out=$ROOT/BENCHMARKS.md
fi
SEED=${BENCH_SEED:-1}
TABLE_ROWS=${BENCH_TABLE_ROWS:-$d_table}
PROD_ROWS=${BENCH_PROD_ROWS:-$d_prod}
OTS=${BENCH_OTS:-$d_ots}
FAMILIES=${BENCH_FAMILIES:-$d_fam}
CONCEPTS=${BENCH_CONCEPTS:-$d_conc}
ANNEX_ROWS=${BENCH_ANNEX_ROWS:-$d_annex}
CLOSE_ROWS=${BENCH_CLOSE_ROWS:-$d_close}
CLOSE_CONCEPTS=${BENCH_CLOSE_CONCEPTS:-60}
IMPORT_ROWS=${BENCH_IMPORT_ROWS:-$d_import}
PRODUCTS=${BENCH_PRODUCTS:-$d_products}
BOM_LINES=${BENCH_BOM_LINES:-$d_lines}
ORDERS=${BENCH_ORDERS:-$d_orders}
BOM_DEPTH=${BENCH_BOM_DEPTH:-12}
DOC_LINES=${BENCH_DOC_LINES:-$d_doc_lines}
DOCS=${BENCH_DOCS:-$d_docs}
DOC_PRODUCTS=${BENCH_DOC_PRODUCTS:-$d_doc_products}
JOURNEYS=${BENCH_JOURNEYS:-$d_journeys}
MRP_PRODUCTS=${BENCH_MRP_PRODUCTS:-$d_mrp_products}
MRP_LINES=${BENCH_MRP_LINES:-$d_mrp_lines}
MRP_DEMANDS=${BENCH_MRP_DEMANDS:-$d_mrp_demands}
MRP_WORKCENTERS=${BENCH_MRP_WORKCENTERS:-200}
SHOP_ORDERS=${BENCH_SHOP_ORDERS:-$d_shop_orders}
SHOP_EVENTS=${BENCH_SHOP_EVENTS:-$d_shop_events}
RUNS=${BENCH_RUNS:-$d_runs}
SLOW_RUNS=${BENCH_SLOW_RUNS:-$d_slow}
TIMEOUT=${BENCH_TIMEOUT:-900}
CTE_TIMEOUT=${BENCH_CTE_TIMEOUT:-$d_cte}
ONLY=${BENCH_ONLY:-}
DATA=${BENCH_DATA:-$ROOT/bench-data}
OUT_MD=${BENCH_OUT:-$d_out}
# The Willems (2008) chains: the repository's copy (Tests/Data/willems2008, see its
# README for the citation), or BENCH_WILLEMS=DIR.
WILLEMS=${BENCH_WILLEMS:-$ROOT/Tests/Data/willems2008}

# ------------------------------------------------------------ tools
command -v hyperfine >/dev/null 2>&1 || die "hyperfine is missing (make bench installs it)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v python3 >/dev/null 2>&1 || die "python3 is missing"
command -v timeout >/dev/null 2>&1 || die "timeout (coreutils) is missing"
have_duckdb=0; python3 -c 'import duckdb' 2>/dev/null && have_duckdb=1
have_xlsxwriter=0; python3 -c 'import xlsxwriter' 2>/dev/null && have_xlsxwriter=1

RES=$DATA/results
OUT=$DATA/out
rm -rf "$RES" "$OUT"
mkdir -p "$RES" "$OUT" "$DATA/bin"

# Single-quotes $1 for sh.
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

wanted() {
  [ -z "$ONLY" ] && return 0
  case ",$ONLY," in *",$1,"*) return 0 ;; esac
  return 1
}

gen() {
  python3 "$BENCH/gen.py" "$@" --root "$DATA" --seed "$SEED" ||
    die "data generation failed: gen.py $*"
}

# ------------------------------------------------------------ machine
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'nproc\t%s\n' "$(nproc)"
  printf 'cpu\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
  printf 'memory\t%s\n' "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)"
  printf 'load\t%s\n' "$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null)"
  printf 'os\t%s\n' "$(uname -sr)"
  printf 'hyperfine\t%s\n' "$(hyperfine --version)"
  printf 'python\t%s\n' "$(python3 --version 2>&1)"
  [ $have_duckdb = 1 ] && printf 'duckdb\t%s\n' "$(python3 -c 'import duckdb; print(duckdb.__version__)')"
  [ $have_xlsxwriter = 1 ] && printf 'xlsxwriter\t%s\n' "$(python3 -c 'import xlsxwriter; print(xlsxwriter.__version__)')"
  lxw=$(sed -n 's/^#define LXW_VERSION "\(.*\)"/\1/p' /usr/include/xlsxwriter.h 2>/dev/null || true)
  [ -n "$lxw" ] && printf 'libxlsxwriter\t%s\n' "$lxw"
  printf 'bin\t%s\n' "$BIN"
  printf 'quick\t%s\n' "$QUICK"
  printf 'runs\t%s\n' "$RUNS"
  printf 'slow_runs\t%s\n' "$SLOW_RUNS"
  printf 'root\t%s\n' "$ROOT"
} > "$RES/machine.tsv"

# ------------------------------------------------------------ measurements
# begin ID TITLE COMMAND-LINE DATA-DIRS TARGETS NOTE
#   TARGETS: ';'-separated: time<S, rss<MiB, ratio<=X@LABEL (ours/peer),
#   speedup>=X@LABEL (peer/ours).
M=""
begin() {
  M=$1
  mkdir -p "$RES/$M" "$OUT/$M"
  printf '%s\n' "$M" >> "$RES/order"
  {
    printf 'title\t%s\n' "$2"
    printf 'command\t%s\n' "$3"
    printf 'data\t%s\n' "$4"
    printf 'targets\t%s\n' "$5"
    printf 'note\t%s\n' "${6:-}"
  } > "$RES/$M/meta.tsv"
  echo "== $M: $2" >&2
}

# row LABEL ROLE STATUS RSS_KB OUT_FILE RUNS COMMAND
row() {
  lines="" bytes=""
  if [ -n "$5" ] && [ -f "$5" ]; then
    bytes=$(wc -c < "$5" | tr -d ' ')
    case $5 in *.csv) lines=$(wc -l < "$5" | tr -d ' ') ;; esac
  fi
  shown=$(printf '%s' "$7" | sed "s|$ROOT/||g")
  # A virtual environment outside the repository (BENCH_SPARK_VENV) is shown as
  # the variable, not as this machine's path.
  case ${VENV:-$ROOT/} in
    "$ROOT"/*) ;;
    *) shown=$(printf '%s' "$shown" | sed -e "s|'$VENV/|\"\$BENCH_SPARK_VENV\"'/|g" -e "s|$VENV|\$BENCH_SPARK_VENV|g") ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$lines" "$bytes" "$6" "$shown" \
    >> "$RES/$M/commands.tsv"
}

# run LABEL ROLE RUNS OK_EXITS OUT_FILE COMMAND
#   COMMAND is a shell string; OK_EXITS like "0" or "0 1".
run() {
  label=$1 role=$2 runs=$3 ok=$4 outf=$5 cmd=$6
  slug=$(printf '%s' "$label" | tr -c 'A-Za-z0-9\n' '_')
  base=$RES/$M/$slug
  echo "   $label" >&2
  tmo=${RUN_TIMEOUT:-$TIMEOUT}
  set +e
  /usr/bin/time -v -o "$base.time" timeout -k 10 "$tmo" sh -c "$cmd" > /dev/null 2> "$base.stderr"
  rc=$?
  set -e
  rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$base.time" 2>/dev/null | head -n 1)
  case " $ok " in
    *" $rc "*) ;;
    *)
      if [ $rc = 124 ] || [ $rc = 137 ]; then status="timeout (over $tmo s)"
      else status="failed (exit $rc)"; fi
      echo "   $label: $status; stderr in $base.stderr" >&2
      row "$label" "$role" "$status" "" "" "$runs" "$cmd"
      return 0
      ;;
  esac
  ignore=""
  [ "$ok" = 0 ] || ignore="--ignore-failure"
  if hyperfine --runs "$runs" --warmup 0 --style basic $ignore \
      --export-json "$base.json" --command-name "$label" "$cmd" > "$base.hyperfine" 2>&1; then
    row "$label" "$role" "ok" "$rss" "$outf" "$runs" "$cmd"
  else
    echo "   $label: hyperfine failed; see $base.hyperfine" >&2
    row "$label" "$role" "failed under hyperfine" "$rss" "$outf" "$runs" "$cmd"
  fi
}

# ours LABEL EXECUTABLE OK_EXITS OUT_FILE COMMAND (COMMAND starts with the executable)
ours() {
  if [ -x "$BIN/$2" ]; then
    run "$1" ours "$RUNS" "$3" "$4" "$5"
  else
    echo "   $1: not built ($BIN/$2)" >&2
    row "$1" ours "not built" "" "" "" "$5"
  fi
}

# peer LABEL NEEDS RUNS OUT_FILE COMMAND; NEEDS: duckdb, xlsxwriter, cpeer or -
peer() {
  case $2 in
    duckdb) [ $have_duckdb = 1 ] || { row "$1" peer "unavailable (python3 -m pip install duckdb)" "" "" "" "$5"; return 0; } ;;
    xlsxwriter) [ $have_xlsxwriter = 1 ] || { row "$1" peer "unavailable (python3 -m pip install xlsxwriter)" "" "" "" "$5"; return 0; } ;;
    cpeer) [ -x "$DATA/bin/xlsx_peer" ] || { row "$1" peer "failed to compile (see $RES/xlsx_peer.cc.log)" "" "" "" "$5"; return 0; } ;;
  esac
  run "$1" peer "$3" 0 "$4" "$5"
}

RUN_TIMEOUT=""
PY=python3
SQL="$PY $(q "$PEERS/run_sql.py")"
TYPES=text,text,dec2,dec4,date,int

# --- 1, 2: big.csv
if wanted convert-table || wanted export-xlsx; then
  T=$(gen table --rows "$TABLE_ROWS")
  BIG=$T/big.csv
fi

if wanted convert-table; then
  o=$OUT/convert-table
  begin convert-table "convert-table: CSV into typed rows and back" \
    "convert-table big.csv > out.csv" "$T" \
    "ratio<=1.0@DuckDB (typed columns);ratio<=1.0@DuckDB (sniffed types);speedup>=5@Python csv + Decimal" \
    "DuckDB (typed columns) reads the decimals as DECIMAL(18,2)/DECIMAL(18,4) and the date as DATE, so it parses exactly like convert-table; DuckDB (sniffed types) is the plain COPY (SELECT * FROM read_csv('big.csv')) TO 'out.csv', which reads the decimals as DOUBLE. DuckDB uses every core; the Python peer parses decimal.Decimal and datetime.date."
  ours "taller convert-table" convert-table 0 "$o/ours.csv" \
    "$(q "$BIN/convert-table") $(q "$BIG") > $(q "$o/ours.csv")"
  peer "DuckDB (typed columns)" duckdb "$RUNS" "$o/duckdb-typed.csv" \
    "$PY $(q "$PEERS/convert_duckdb.py") $TYPES $(q "$BIG") $(q "$o/duckdb-typed.csv")"
  peer "DuckDB (sniffed types)" duckdb "$RUNS" "$o/duckdb-sniffed.csv" \
    "$PY $(q "$PEERS/convert_duckdb.py") auto $(q "$BIG") $(q "$o/duckdb-sniffed.csv")"
  peer "Python csv + Decimal" - "$SLOW_RUNS" "$o/python.csv" \
    "$PY $(q "$PEERS/convert_table.py") $TYPES $(q "$BIG") $(q "$o/python.csv")"
fi

# The C reference of the workbook measurements (export-xlsx, billing).
cpeer_built=0
build_cpeer() {
  [ $cpeer_built = 1 ] && return 0
  cpeer_built=1
  cc -O2 -o "$DATA/bin/xlsx_peer" "$PEERS/xlsx_peer.c" \
    $(pkg-config --cflags --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter) \
    > "$RES/xlsx_peer.cc.log" 2>&1 || rm -f "$DATA/bin/xlsx_peer"
}

if wanted export-xlsx; then
  o=$OUT/export-xlsx
  build_cpeer
  begin export-xlsx "export-xlsx: one CSV into a typed worksheet" \
    "export-xlsx --sheet Datos=big.csv -o out.xlsx --created 2026-01-01" "$T" \
    "ratio<=1.25@C libxlsxwriter;speedup>=4@Python XlsxWriter;rss<64" \
    "Both peers use constant_memory mode, split the (never quoted) CSV lines on commas and write text, numbers and dates with a yyyy-mm-dd format; the C peer is Benchmarks/peers/xlsx_peer.c built with cc -O2."
  ours "taller export-xlsx" export-xlsx 0 "$o/ours.xlsx" \
    "$(q "$BIN/export-xlsx") --sheet Datos=$(q "$BIG") -o $(q "$o/ours.xlsx") --created 2026-01-01"
  # The issue's must-show: every value read back exact and of the right type.
  if [ -f "$o/ours.xlsx" ]; then
    echo "   checking ours.xlsx against big.csv with openpyxl" >&2
    check=$($PY "$BENCH/check_export.py" "$BIG" "$o/ours.xlsx" 2>&1 | tail -n 1) || true
    printf 'check\t%s\n' "$check" >> "$RES/$M/meta.tsv"
  fi
  peer "C libxlsxwriter" cpeer "$RUNS" "$o/c.xlsx" \
    "$(q "$DATA/bin/xlsx_peer") $TYPES Datos $(q "$BIG") $(q "$o/c.xlsx")"
  peer "Python XlsxWriter" xlsxwriter "$SLOW_RUNS" "$o/python.xlsx" \
    "$PY $(q "$PEERS/xlsx_python.py") $TYPES Datos $(q "$BIG") $(q "$o/python.xlsx")"
fi

# --- 3: the month of contract production
if wanted validate-excess; then
  E=$(gen excess --prod-rows "$PROD_ROWS" --ots "$OTS" --families "$FAMILIES" \
        --concepts "$CONCEPTS" --annex-rows "$ANNEX_ROWS")
  o=$OUT/validate-excess
  begin validate-excess "validate-excess: a month of production against the annexes" \
    "validate-excess --annex annex.csv --work-orders ots.csv --daily daily.csv production.csv > validated.csv" "$E" \
    "ratio<=1.0@DuckDB SQL;rss<500" \
    "Peer: Benchmarks/peers/validate_excess.sql (consolidated authorization by joins, latest active import per family and code; running sum per family and code by date, CMA before TE, OT, input order; flags, levels, amounts; COPY to CSV), exact DECIMAL(38,10). Rejected rows are left out of its output; taller may exit 1 for them (accepted)."
  ours "taller validate-excess" validate-excess "0 1" "$o/ours.csv" \
    "$(q "$BIN/validate-excess") --annex $(q "$E/annex.csv") --work-orders $(q "$E/work_orders.csv") --daily $(q "$E/daily.csv") $(q "$E/production.csv") > $(q "$o/ours.csv")"
  peer "DuckDB SQL" duckdb "$RUNS" "$o/duckdb.csv" \
    "$SQL $(q "$PEERS/validate_excess.sql") work_orders=$(q "$E/work_orders.csv") annex=$(q "$E/annex.csv") daily=$(q "$E/daily.csv") production=$(q "$E/production.csv") out=$(q "$o/duckdb.csv")"
fi

# --- 3b: closing that month
if wanted close-month; then
  C=$(gen close --prod-rows "$CLOSE_ROWS" --ots "$OTS" --families "$FAMILIES" --concepts "$CLOSE_CONCEPTS")
  o=$OUT/close-month
  mkdir -p "$o"
  # Data step, not timed: the validated month (every row accepted).
  if [ -x "$BIN/validate-excess" ]; then
    echo "   validate-excess of the month (data step, not timed)" >&2
    "$BIN/validate-excess" --annex "$C/annex.csv" --work-orders "$C/work_orders.csv" \
      --daily "$C/daily.csv" "$C/production.csv" > "$o/validated.csv" 2> "$o/validate.stderr" ||
      echo "   validate-excess failed (exit $?); see $o/validate.stderr" >&2
  fi
  V=$o/validated.csv
  close="$(q "$BIN/close-month") --month 2026-10 --annex $(q "$C/annex.csv") --work-orders $(q "$C/work_orders.csv") --daily $(q "$C/daily.csv") --gpu $(q "$C/gpu.csv") --evidence https://evidence.example.com/2026-10.pdf"
  begin close-month "close-month: closing that month (per family and concept)" \
    "close-month --month 2026-10 --annex annex.csv --work-orders ots.csv --daily daily.csv --gpu gpu.csv --evidence URL validated.csv > closed.json" "$C" \
    "time<3;ratio<=1.0@DuckDB SQL" \
    "The month of issue 9: $OTS OTs in $FAMILIES families, $CLOSE_CONCEPTS concepts per family, every row accepted by validate-excess (run in the data step, not timed, into validated.csv), every required voucher VALIDADO with evidence in gpu.csv, a daily status for every OT and day. Targets apply to the closed-month document (JSON, the default); the per-concept summary (--output-format csv) is shown below it. Peer: Benchmarks/peers/close_month.sql, the same per-family-and-concept month totals (month, accumulated, remaining, excess; the amounts rounded per concept line) from the same validated file, exact DECIMAL(38,10)."
  ours "taller close-month" close-month 0 "$o/ours.json" \
    "$close $(q "$V") > $(q "$o/ours.json")"
  ours "taller close-month --output-format csv" close-month 0 "$o/ours.csv" \
    "$close --output-format csv $(q "$V") > $(q "$o/ours.csv")"
  peer "DuckDB SQL" duckdb "$RUNS" "$o/duckdb.csv" \
    "$SQL $(q "$PEERS/close_month.sql") validated=$(q "$V") out=$(q "$o/duckdb.csv")"
  if [ -s "$o/ours.csv" ] && [ -s "$o/duckdb.csv" ]; then
    echo "   checking close-month's summary against DuckDB's totals" >&2
    check=$($PY "$BENCH/check_close.py" "$o/ours.csv" "$o/duckdb.csv" 2>&1 | tail -n 1) || true
    printf 'check\t%s\n' "$check" >> "$RES/$M/meta.tsv"
  fi
fi

# --- 3c: the billing workbook of that month
if wanted billing; then
  C=$(gen close --prod-rows "$CLOSE_ROWS" --ots "$OTS" --families "$FAMILIES" --concepts "$CLOSE_CONCEPTS")
  o=$OUT/billing
  mkdir -p "$o"
  # Data step, not timed: the closed month (close-month's document of this run, or
  # validate-excess and close-month run here).
  CL=$OUT/close-month/ours.json
  if [ ! -s "$CL" ] && [ -x "$BIN/validate-excess" ] && [ -x "$BIN/close-month" ]; then
    echo "   validate-excess and close-month of the month (data step, not timed)" >&2
    CL=$o/closed.json
    { "$BIN/validate-excess" --annex "$C/annex.csv" --work-orders "$C/work_orders.csv" \
        --daily "$C/daily.csv" "$C/production.csv" > "$o/validated.csv" &&
      "$BIN/close-month" --month 2026-10 --annex "$C/annex.csv" --work-orders "$C/work_orders.csv" \
        --daily "$C/daily.csv" --gpu "$C/gpu.csv" --evidence https://evidence.example.com/2026-10.pdf \
        "$o/validated.csv" > "$CL"; } 2> "$o/data.stderr" ||
      echo "   the data step failed; see $o/data.stderr" >&2
  fi
  build_cpeer
  begin billing "export-xlsx --billing: the billing workbook of that month" \
    "export-xlsx --billing closed.json -o billing.xlsx --created 2026-11-05" "$C" \
    "ratio<=1.5@C libxlsxwriter (same cells)" \
    "The closed-month document of section close-month (the month of issue 9: $FAMILIES families, $CLOSE_CONCEPTS concepts each) into the billing workbook: cover, Resumen, one daily-detail sheet per family, GPU counts, Excedentes, chart; totals and amounts as formulas with their values stored. Peer: the foundation's C reference (Benchmarks/peers/xlsx_peer.c, libxlsxwriter in constant_memory mode, as in export-xlsx) writing a generated table (gen.py table, the columns of big.csv) with at least as many cells as our workbook holds (every <c> of every sheet, counted by Benchmarks/check_billing.py)."
  ours "taller export-xlsx --billing" export-xlsx 0 "$o/ours.xlsx" \
    "$(q "$BIN/export-xlsx") --billing $(q "$CL") -o $(q "$o/ours.xlsx") --created 2026-11-05"
  if [ -s "$o/ours.xlsx" ]; then
    cells=$($PY "$BENCH/check_billing.py" cells "$o/ours.xlsx" 2>/dev/null) || cells=0
    case $cells in '' | *[!0-9]*) cells=0 ;; esac
    [ "$cells" -gt 6 ] || cells=12
    # big.csv has 6 columns and a header row: rows + 1 lines of 6 cells.
    P=$(gen table --rows $(( (cells + 5) / 6 - 1 )))
    peer "C libxlsxwriter (same cells)" cpeer "$RUNS" "$o/c.xlsx" \
      "$(q "$DATA/bin/xlsx_peer") $TYPES Datos $(q "$P/big.csv") $(q "$o/c.xlsx")"
    echo "   checking the workbook's cover against the closed month" >&2
    check=$($PY "$BENCH/check_billing.py" check "$o/ours.xlsx" "$CL" 2>&1 | tail -n 1) || true
    printf 'check\t%s\n' "$check" >> "$RES/$M/meta.tsv"
  fi
fi

# --- 3c: the month on Spark (contrib/spark), against one run
if wanted spark-month; then
  E=$(gen excess --prod-rows "$PROD_ROWS" --ots "$OTS" --families "$FAMILIES" \
        --concepts "$CONCEPTS" --annex-rows "$ANNEX_ROWS")
  o=$OUT/spark-month
  mkdir -p "$o"
  VENV=${BENCH_SPARK_VENV:-$ROOT/.venv-spark}
  VENV=$(cd "$VENV" 2> /dev/null && pwd || printf '%s' "$VENV")  # absolute: the commands run elsewhere
  # Data step, not timed: the month split by family (split.py, the family of each
  # OT from the work orders), the executables and the whole files packed for
  # --archives.
  echo "   splitting the month by family, packing (data step, not timed)" >&2
  rm -rf "$o/parts" "$o/spark-out" "$o/spark-out-25"
  (cd "$o" && python3 "$ROOT/contrib/spark/split.py" "$E/work_orders.csv" ot parts "$E/production.csv")
  sh "$ROOT/contrib/spark/pack.sh" "$BIN" "$o/taller-bin.tar.gz" validate-excess 2> /dev/null
  (cd "$E" && tar -czf "$o/shared.tar.gz" annex.csv work_orders.csv daily.csv)
  parts=$(ls "$o/parts" | wc -l | tr -d ' ')
  begin spark-month "spark-month: the month per family on Spark (local mode) against one run" \
    "spark-submit --master local[2] contrib/spark/taller_spark.py --input parts --step 'validate-excess --family {key} ...'" "$E" \
    "" \
    "The month of validate-excess ($PROD_ROWS rows, $FAMILIES families; split into $parts parts, one folder per family, in the data step). taller on Spark: spark-submit --master local[2] (pyspark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null || echo missing)), groupBy(family).applyInPandas, validate-excess --family in a subprocess per call (one family per call, or 25 consecutive families per call with --keys-per-call 25), the validated rows and rejects merged into one CSV each on the driver; JVM start included. Peer: one validate-excess over the same parts (every file, in family order) on this machine: the ratio ours/peer is Spark's overhead on one machine. The two outputs are compared byte for byte."
  if [ -x "$VENV/bin/spark-submit" ]; then
    RUN_TIMEOUT=$TIMEOUT
    ours_runs=$RUNS
    RUNS=${BENCH_SPARK_RUNS:-3}
    spark() {  # spark OUT-DIR KEYS-PER-CALL
      printf '%s' "cd $(q "$o") && rm -rf $1 && SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$(q "$VENV/bin/python") PYSPARK_DRIVER_PYTHON=$(q "$VENV/bin/python") $(q "$VENV/bin/spark-submit") --master 'local[2]' --conf spark.ui.enabled=false --driver-memory 2g --driver-java-options '-Dlog4j.configurationFile=$ROOT/contrib/spark/log4j2.properties' --archives taller-bin.tar.gz#taller-bin,shared.tar.gz#shared $(q "$ROOT/contrib/spark/taller_spark.py") --shared shared --input parts --out $1 --keys-per-call $2 --step 'ok=0,1 validate-excess --annex annex.csv --work-orders work_orders.csv --daily daily.csv --family {key} --rejects {out}/rejects.csv -o {out}/validated.csv {files}'"
    }
    ours "taller on Spark, local[2], one family per call" validate-excess "0" "$o/spark-out/validated.csv" \
      "$(spark spark-out 1)"
    ours "taller on Spark, local[2], 25 families per call" validate-excess "0" "$o/spark-out-25/validated.csv" \
      "$(spark spark-out-25 25)"
    RUNS=$ours_runs
    RUN_TIMEOUT=""
  else
    row "taller on Spark, local[2]" ours "unavailable (make test-spark installs pyspark into .venv-spark)" "" "" "" ""
  fi
  peer "one validate-excess (no Spark)" - "$RUNS" "$o/single/validated.csv" \
    "cd $(q "$o") && mkdir -p single && export LC_ALL=C && $(q "$BIN/validate-excess") --annex $(q "$E/annex.csv") --work-orders $(q "$E/work_orders.csv") --daily $(q "$E/daily.csv") --rejects single/rejects.csv -o single/validated.csv parts/*/* || [ \$? -eq 1 ]"
  if [ -s "$o/spark-out/validated.csv" ] && [ -s "$o/single/validated.csv" ]; then
    if cmp -s "$o/spark-out/validated.csv" "$o/single/validated.csv" && cmp -s "$o/spark-out/rejects.csv" "$o/single/rejects.csv" \
      && cmp -s "$o/spark-out-25/validated.csv" "$o/single/validated.csv" && cmp -s "$o/spark-out-25/rejects.csv" "$o/single/rejects.csv"; then
      check="validated rows and rejects byte-identical to the single run"
    else
      check="DIFFERENT from the single run"
    fi
    printf 'check\t%s\n' "$check" >> "$RES/$M/meta.tsv"
  fi
fi

if wanted import-annex; then
  A=$(gen annex-source --rows "$IMPORT_ROWS")
  o=$OUT/import-annex
  begin import-annex "import-annex: one annex sheet" \
    "import-annex --ot OT-1 --import 1 annex-source.csv > out.csv" "$A" \
    "time<1.0" "No peer: an absolute time. The sheet has the source system's Spanish headers (anexo, codigo, concepto, unidad, volumen_proyectado, pu_mn, pu_usd)."
  ours "taller import-annex" import-annex 0 "$o/ours.csv" \
    "$(q "$BIN/import-annex") --ot OT-1 --import 1 $(q "$A/annex-source.csv") > $(q "$o/ours.csv")"
fi

# --- 4: recipes
explode() { # ID TITLE DATA TARGETS NOTE CTE_TIMEOUT
  o=$OUT/$1
  begin "$1" "$2" \
    "explode-bom --products products.csv --bom bom.csv --summary orders.csv > out.csv" "$3" "$4" "$5"
  ours "taller explode-bom" explode-bom 0 "$o/ours.csv" \
    "$(q "$BIN/explode-bom") --products $(q "$3/products.csv") --bom $(q "$3/bom.csv") --summary $(q "$3/orders.csv") > $(q "$o/ours.csv")"
  # With a cap, the timed runs carry it too (timeout's exit 124 fails them).
  lim=""
  [ -z "$6" ] || lim="timeout -k 5 $6 "
  RUN_TIMEOUT=$6
  peer "DuckDB recursive CTE" duckdb "$RUNS" "$o/duckdb.csv" \
    "$lim$SQL $(q "$PEERS/explode.sql") products=$(q "$3/products.csv") bom=$(q "$3/bom.csv") orders=$(q "$3/orders.csv") out=$(q "$o/duckdb.csv")"
  RUN_TIMEOUT=""
}

if wanted explode-willems && ! ls "${WILLEMS:-/nonexistent}"/*_SD.csv >/dev/null 2>&1; then
  begin explode-willems "explode-bom (a): the largest Willems (2008) chain" \
    "explode-bom --products products.csv --bom bom.csv --summary orders.csv > out.csv" "" \
    "time<0.2" "Not run: the Willems (2008) CSV files (NN_SD.csv, NN_LL.csv) were not found; set BENCH_WILLEMS=DIR."
  row "taller explode-bom" ours "no data (set BENCH_WILLEMS)" "" "" "" ""
elif wanted explode-willems; then
  W=$(python3 "$BENCH/gen.py" willems --src "$WILLEMS" --root "$DATA") || die "cannot convert the Willems data in $WILLEMS"
  explode explode-willems "explode-bom (a): the largest Willems (2008) chain" "$W" "time<0.2" \
    "Chain 38 of Willems (2008): 2,025 stages (products; 1,205 with incoming links are produced, 820 raw), 16,225 links (recipe lines, qty 1), one order of 1 for each of the 559 end items. DuckDB shown for reference (no stated target against it)." ""
fi
if wanted explode-layered; then
  B=$(gen bom --products "$PRODUCTS" --lines "$BOM_LINES" --orders "$ORDERS" --depth "$BOM_DEPTH" --layout layered)
  explode explode-layered "explode-bom (b): generated catalogue, layered" "$B" \
    "time<1.0;rss<1024;ratio<=1.0@DuckDB recursive CTE" \
    "$BOM_DEPTH levels below the end items; every component of a product at depth d sits at depth d+1; shared sub-assemblies and raw materials. Peer: Benchmarks/peers/explode.sql (exact HUGEINT quantities, one aggregated row per level and product; summary of every requirement row by component)." ""
fi
if wanted explode-shared; then
  B=$(gen bom --products "$PRODUCTS" --lines "$BOM_LINES" --orders "$ORDERS" --depth "$BOM_DEPTH" --layout shared)
  explode explode-shared "explode-bom (c): generated catalogue, shared across levels" "$B" "" \
    "Same sizes as (b), but a component's parents sit at different depths, so it is required at several levels. No stated target; DuckDB's CTE is capped at $CTE_TIMEOUT s." "$CTE_TIMEOUT"
fi

# --- 5: the nightly MRP
# mrp_line DATA OUT_DIR: schedule-mrp over a generated night (all its outputs).
mrp_line() {
  printf '%s' "$(q "$BIN/schedule-mrp") --products $(q "$1/products.csv") --bom $(q "$1/bom.csv") --stock $(q "$1/stock.csv") --receipts $(q "$1/receipts.csv") --workcenters $(q "$1/workcenters.csv") --routings $(q "$1/routings.csv") --as-of 2026-01-01 --exceptions $(q "$2/exceptions.csv") --load $(q "$2/load.csv") $(q "$1/demand.csv") > $(q "$2/ours.csv")"
}
mrp_data() { # PRODUCTS LINES DEMANDS
  gen mrp --products "$1" --lines "$2" --demands "$3" --workcenters "$MRP_WORKCENTERS" --depth "$BOM_DEPTH"
}
if wanted schedule-mrp; then
  R=$(mrp_data "$MRP_PRODUCTS" "$MRP_LINES" "$MRP_DEMANDS")
  o=$OUT/schedule-mrp
  begin schedule-mrp "schedule-mrp: a night of MRP over the generated catalogue" \
    "schedule-mrp --products products.csv --bom bom.csv --stock stock.csv --receipts receipts.csv --workcenters wc.csv --routings routings.csv --as-of 2026-01-01 --exceptions exceptions.csv --load load.csv demand.csv > planned.csv" "$R" \
    "time<5;rss<1536" \
    "$MRP_PRODUCTS products in $BOM_DEPTH levels (the explode-bom (c) catalogue, shared layout: a component's parents at several depths), about $MRP_LINES recipe lines, $MRP_DEMANDS demands for the end items due over the first quarter of 2026, stock and a min/max rule for every product (sized from its quarter's gross requirement: a few orders each), $MRP_WORKCENTERS workcenters, a routing of 1–3 operations for every produced product. Every output is written (planned orders, exceptions, load per week). No tool of the issue plans this way on these files: explode-bom --summary over the same catalogue and demand is shown beside it (it explodes, without dates, netting or pegging). Check: Benchmarks/check_mrp.py."
  ours "taller schedule-mrp" schedule-mrp 0 "$o/ours.csv" "$(mrp_line "$R" "$o")"
  peer "taller explode-bom --summary (same catalogue and demand)" - "$RUNS" "$o/summary.csv" \
    "$(q "$BIN/explode-bom") --products $(q "$R/products.csv") --bom $(q "$R/bom.csv") --summary $(q "$R/orders.csv") > $(q "$o/summary.csv")"
  if [ -s "$o/ours.csv" ] && [ -s "$o/summary.csv" ]; then
    echo "   checking the plan (pegging, arithmetic, requirements)" >&2
    check=$(python3 "$BENCH/check_mrp.py" "$o/ours.csv" "$R/demand.csv" "$o/summary.csv" 2>&1 | tail -n 1) || true
    printf 'check\t%s\n' "$check" >> "$RES/$M/meta.tsv"
  fi
fi
if wanted schedule-mrp-growth; then
  o=$OUT/schedule-mrp-growth
  begin schedule-mrp-growth "schedule-mrp: time against catalogue size" \
    "schedule-mrp … (as in schedule-mrp) at 1/4, 1/2, 1 and 2 times the sizes" "" \
    "growth<=5@taller schedule-mrp x0.25@taller schedule-mrp x1;growth<=5@taller schedule-mrp x0.5@taller schedule-mrp x2" \
    "The same generator at $((MRP_PRODUCTS / 4)), $((MRP_PRODUCTS / 2)), $MRP_PRODUCTS and $((MRP_PRODUCTS * 2)) products (recipe lines and demands in proportion). Linear growth: 4× the products costs at most 5× the time."
  # (Labels in ASCII: run.sh and report.py name result files after them.)
  for f in 0.25 0.5 1 2; do
    case $f in 0.25) n=4 m=1 ;; 0.5) n=2 m=1 ;; 1) n=1 m=1 ;; 2) n=1 m=2 ;; esac
    R=$(mrp_data $((MRP_PRODUCTS * m / n)) $((MRP_LINES * m / n)) $((MRP_DEMANDS * m / n)))
    mkdir -p "$o/$n-$m"
    ours "taller schedule-mrp x$f" schedule-mrp 0 "$o/$n-$m/ours.csv" "$(mrp_line "$R" "$o/$n-$m")"
  done
fi

# --- 6: production documents
if wanted post-documents; then
  P=$(gen documents --doc-lines "$DOC_LINES" --docs "$DOCS" --doc-products "$DOC_PRODUCTS" --journeys "$JOURNEYS")
  o=$OUT/post-documents
  dates="--period-start 2026-07-01 --last-control 2026-09-30"
  catalogue="--products $(q "$P/products.csv") --bom $(q "$P/bom.csv") --journeys $(q "$P/journeys.csv")"
  begin post-documents "post-documents (a): a year of production documents" \
    "post-documents --products products.csv --bom bom.csv --journeys journeys.csv $dates --stock-out stock.csv documents.csv > ledger.csv" "$P" \
    "time<3;rss<1024" \
    "$DOC_LINES document lines over $DOCS documents (cycles of PP → PD → PR → PI a day apart: the PD draws its PP down and moves the PP's folio lines out in proportion, the PR enters the products and settles the PD, the PI returns raw inputs), $DOC_PRODUCTS products (a fifth produced: recipes of 3 to 6 shown components and a hidden labour line), $JOURNEYS journeys, five warehouses. Everything is posted (folios, draws, four stocks) and the ledger and the stock are written. No peer: an absolute target; (b) compares the four stocks with DuckDB."
  ours "taller post-documents" post-documents "0 1" "$o/ledger.csv" \
    "$(q "$BIN/post-documents") $catalogue $dates --stock-out $(q "$o/stock.csv") $(q "$P/documents.csv") > $(q "$o/ledger.csv")"

  # (b) The four stocks of that ledger: ours reads it back with --ledger (no new
  # documents), DuckDB aggregates the same file.
  printf 'doc,type,date,journey,related,line,product,qty,warehouse\n' > "$o/none.csv"
  begin post-documents-stock "post-documents (b): the four stocks of the resulting ledger" \
    "post-documents --products products.csv --bom bom.csv --journeys journeys.csv $dates --ledger ledger.csv --stock-out stock.csv none.csv" "$P" \
    "ratio<=1.0@DuckDB SQL" \
    "The ledger (a) wrote (one row per movement; none.csv holds only a header), read back and summed into the four stocks per product and warehouse (physical, documented, prior period, last control). Peer: Benchmarks/peers/documents_stock.sql, the same four stocks by DuckDB from the same ledger file (exact DECIMAL(38,10) sums, FILTER on the dates). The check compares DuckDB's stocks with both of ours: those of (a) and these."
  if [ -s "$o/ledger.csv" ]; then
    ours "taller post-documents --ledger" post-documents 0 "$o/stock-from-ledger.csv" \
      "$(q "$BIN/post-documents") $catalogue $dates --ledger $(q "$o/ledger.csv") --stock-out $(q "$o/stock-from-ledger.csv") $(q "$o/none.csv") > /dev/null"
    peer "DuckDB SQL" duckdb "$RUNS" "$o/duckdb.csv" \
      "$SQL $(q "$PEERS/documents_stock.sql") ledger=$(q "$o/ledger.csv") period_start=2026-07-01 last_control=2026-09-30 out=$(q "$o/duckdb.csv")"
  else
    row "taller post-documents --ledger" ours "no ledger from (a)" "" "" "" ""
  fi
  if [ -s "$o/stock.csv" ] && [ -s "$o/duckdb.csv" ]; then
    echo "   checking post-documents' stocks against DuckDB's" >&2
    a=$($PY "$BENCH/check_documents.py" "$o/stock.csv" "$o/duckdb.csv" 2>&1 | tail -n 1) || true
    b=$($PY "$BENCH/check_documents.py" "$o/stock-from-ledger.csv" "$o/duckdb.csv" 2>&1 | tail -n 1) || true
    printf 'check\t(a) %s; (b) %s\n' "$a" "$b" >> "$RES/$M/meta.tsv"
  fi
fi

if wanted track-operations; then
  S=$(gen shop --orders "$SHOP_ORDERS" --events "$SHOP_EVENTS" --workcenters "$MRP_WORKCENTERS")
  o=$OUT/track-operations
  begin track-operations "track-operations: a shop floor's scans timed per operation" \
    "track-operations --orders orders.csv --routings routings.csv --workcenters workcenters.csv --workcenters-out days.csv --orders-out orders-out.csv --rejects rejects.csv events.csv > operations.csv" "$S" \
    "time<2;rss<1024" \
    "$SHOP_ORDERS production orders, each on a 3-step routing (one of 100) over $MRP_WORKCENTERS workcenters, and $SHOP_EVENTS scanned events (start, close and pause/restart pairs; shuffled in the file, so the command orders them; one order in 1,000 has an impossible restart, rejected: exit 1 expected). Every output is written (operations, workcenter days, orders, rejects). Peer: DuckDB computing only the real hours per operation with a window (no state machine, planned hours, rejects or workcenter days). Check: Benchmarks/check_shop.py."
  ours "taller track-operations" track-operations "0 1" "$o/ours.csv" \
    "$(q "$BIN/track-operations") --orders $(q "$S/orders.csv") --routings $(q "$S/routings.csv") --workcenters $(q "$S/workcenters.csv") --workcenters-out $(q "$o/days.csv") --orders-out $(q "$o/orders-out.csv") --rejects $(q "$o/rejects.csv") $(q "$S/events.csv") > $(q "$o/ours.csv")"
  peer "DuckDB real hours (window over the events)" duckdb "$RUNS" "$o/peer.csv" \
    "$SQL $(q "$PEERS/shop_hours.sql") events=$(q "$S/events.csv") out=$(q "$o/peer.csv")"
  if [ -s "$o/ours.csv" ] && [ -s "$o/peer.csv" ]; then
    echo "   checking real hours against DuckDB" >&2
    check=$(python3 "$BENCH/check_shop.py" "$o/ours.csv" "$o/peer.csv" "$o/rejects.csv" 2>&1 | tail -n 1) || true
    printf 'check\t%s\n' "$check" >> "$RES/$M/meta.tsv"
  fi
fi

python3 "$BENCH/report.py" "$RES" "$OUT_MD"
echo "bench: wrote $OUT_MD" >&2
