#!/bin/sh
# examples/recipes/run.sh [BIN_DIR] — explode-bom over the cabinet (seed 003) and
# the oven empanada (seed 002): the summary of orders.csv, the unit costs, and the
# component sheet with its printed summary. BIN_DIR holds the built commands
# (e.g. .build/release); without it they are taken from PATH. The figures are
# worked out by hand in README.md.
set -eu
if [ $# -ge 1 ]; then
  case $1 in /*) bin=$1 ;; *) bin=$(pwd)/$1 ;; esac
  PATH=$bin:$PATH
fi
cd "$(dirname "$0")"
catalogue="--products products.csv --bom bom.csv"

echo "== explode-bom $catalogue --summary orders.csv"
explode-bom $catalogue --summary orders.csv
echo
echo "== explode-bom $catalogue --costs"
explode-bom $catalogue --costs
echo
echo "== explode-bom $catalogue --where-used BOIS002 SAL"
explode-bom $catalogue --where-used BOIS002 SAL
echo
echo "== explode-bom $catalogue --document orders.csv"
explode-bom $catalogue --document orders.csv
echo
echo "== explode-bom $catalogue --document --summary orders.csv"
explode-bom $catalogue --document --summary orders.csv
