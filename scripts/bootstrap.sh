#!/bin/sh
# Installs what taller needs and is missing: the C libraries (Debian's -dev
# packages) and the Python checkers the tests and benchmarks use.
# Called by every make target; does nothing when everything is present.
set -eu

need_apt=""
[ -f /usr/include/csv.h ] || need_apt="$need_apt libcsv-dev"
[ -f /usr/include/xlsxwriter.h ] || need_apt="$need_apt libxlsxwriter-dev"
command -v pkg-config >/dev/null 2>&1 || need_apt="$need_apt pkg-config"
# make test renders the billing workbook to PDF (scripts/test-billing-render.sh).
if [ "${TALLER_RENDER:-0}" = 1 ]; then
  command -v soffice >/dev/null 2>&1 || need_apt="$need_apt libreoffice-calc-nogui"
  command -v pdftotext >/dev/null 2>&1 || need_apt="$need_apt poppler-utils"
fi
if [ "${TALLER_BENCH:-0}" = 1 ]; then
  command -v hyperfine >/dev/null 2>&1 || need_apt="$need_apt hyperfine"
  [ -x /usr/bin/time ] || need_apt="$need_apt time"
fi

# `make test-sanitizers` and `make fuzz` need nothing more: the Swift toolchain
# brings the sanitizer and libFuzzer runtimes (usr/lib/clang/*/lib/linux) and lld.
# `make test-spark` installs its own: pyspark, pandas and pyarrow from PyPI into
# .venv-spark/ (contrib/spark/test.sh); it checks for Java 17 and says how to get it.

if [ -n "$need_apt" ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "bootstrap: installing$need_apt" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need_apt >&2
fi

py_need=""
python3 -c 'import openpyxl' 2>/dev/null || py_need="$py_need openpyxl"
if [ "${TALLER_BENCH:-0}" = 1 ]; then
  python3 -c 'import duckdb' 2>/dev/null || py_need="$py_need duckdb"
  python3 -c 'import xlsxwriter' 2>/dev/null || py_need="$py_need xlsxwriter"
fi
if [ -n "$py_need" ]; then
  echo "bootstrap: pip installing$py_need" >&2
  python3 -m pip install -q $py_need >&2
fi
