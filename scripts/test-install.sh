#!/bin/sh
# `make install` and `make uninstall` into a temporary folder, checked file by file.
# Run by `make test` after `swift test`; needs no terminal. It installs the debug
# build (CONFIG=debug), which `make test` has just built, so that it takes seconds
# instead of a release build; the files copied are the same for either build.
set -eu
cd "$(dirname "$0")/.."
MAKE=${MAKE:-make}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/taller-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
log=$tmp/make.log
failures=0

fail() { echo "test-install: FAIL: $*" >&2; failures=$((failures + 1)); }

# run_make ARGS…: make, its output kept in $log and shown when it fails.
run_make() {
  if ! $MAKE --no-print-directory "$@" CONFIG=debug > "$log" 2>&1; then
    cat "$log" >&2
    echo "test-install: FAIL: make $* failed" >&2
    exit 1
  fi
}

commands=$(sh scripts/commands.sh)
[ -n "$commands" ] || { echo "test-install: FAIL: scripts/commands.sh lists no command" >&2; exit 1; }
count=0
for cmd in $commands; do count=$((count + 1)); done

# check ROOT: every command's five files are under ROOT, equal to their sources,
# and nothing else is there (OTHER, when given, is a file that was there before).
check() {
  r=$1
  for cmd in $commands; do
    if [ -x "$r/bin/$cmd" ]; then
      "$r/bin/$cmd" --version > /dev/null 2>&1 || fail "$r/bin/$cmd --version does not run"
      cmp -s ".build/debug/$cmd" "$r/bin/$cmd" || fail "$r/bin/$cmd differs from .build/debug/$cmd"
    else
      fail "$r/bin/$cmd is missing or not executable"
    fi
    cmp -s "man/man1/$cmd.1" "$r/share/man/man1/$cmd.1" || fail "man page $cmd.1 not installed as man/man1/$cmd.1"
    cmp -s "completions/bash/$cmd" "$r/share/bash-completion/completions/$cmd" ||
      fail "bash completion for $cmd not installed"
    cmp -s "completions/zsh/_$cmd" "$r/share/zsh/site-functions/_$cmd" || fail "zsh completion for $cmd not installed"
    cmp -s "completions/fish/$cmd.fish" "$r/share/fish/vendor_completions.d/$cmd.fish" ||
      fail "fish completion for $cmd not installed"
  done
  found=$(find "$r" -type f | wc -l | tr -d ' ')
  wanted=$((5 * count + ${2:-0}))
  [ "$found" = "$wanted" ] || fail "$found files under $r, expected $wanted:
$(find "$r" -type f | sort)"
}

# 1. PREFIX: install, check, uninstall leaves the prefix empty.
prefix=$tmp/prefix
run_make install PREFIX="$prefix"
check "$prefix"
run_make uninstall PREFIX="$prefix"
[ -d "$prefix" ] || fail "uninstall removed PREFIX itself"
left=$(find "$prefix" -mindepth 1 2>/dev/null | sort)
[ -z "$left" ] || fail "uninstall left behind:
$left"

# 2. DESTDIR: a staged install lands under DESTDIR/PREFIX and nowhere else.
stage=$tmp/stage
run_make install DESTDIR="$stage" PREFIX=/usr/local
check "$stage/usr/local"
outside=$(find "$stage" -mindepth 1 | grep -v "^$stage/usr\$" | grep -v "^$stage/usr/local" || true)
[ -z "$outside" ] || fail "DESTDIR install wrote outside DESTDIR/PREFIX:
$outside"
run_make uninstall DESTDIR="$stage" PREFIX=/usr/local
left=$(find "$stage/usr/local" -mindepth 1 2>/dev/null | sort)
[ -z "$left" ] || fail "DESTDIR uninstall left behind:
$left"

# 3. Files that were there before stay, and so do their folders.
shared=$tmp/shared
mkdir -p "$shared/bin" "$shared/share/man/man1"
echo other > "$shared/bin/other-tool"
echo other > "$shared/share/man/man1/other-tool.1"
run_make install PREFIX="$shared"
check "$shared" 2
run_make uninstall PREFIX="$shared"
[ -f "$shared/bin/other-tool" ] && [ -f "$shared/share/man/man1/other-tool.1" ] ||
  fail "uninstall removed files it did not install"
left=$(find "$shared" -type f | sort)
[ "$left" = "$shared/bin/other-tool
$shared/share/man/man1/other-tool.1" ] || fail "after uninstall, expected only the two other files:
$left"

if [ "$failures" -gt 0 ]; then
  echo "test-install: $failures failure(s)" >&2
  exit 1
fi
echo "test-install: make install and make uninstall of $count commands: ok (PREFIX, DESTDIR, other files kept)" >&2
