#!/bin/sh
# What `make install` and `make uninstall` do.
#   sh scripts/install.sh install BIN_DIR     (PREFIX and DESTDIR from the environment)
#   sh scripts/install.sh uninstall
#
# For every command scripts/commands.sh lists (the executables declared in
# Package.swift, so a new command is installed without touching this file):
#   BIN_DIR/CMD                -> $DESTDIR$PREFIX/bin/CMD
#   man/man1/CMD.1             -> $DESTDIR$PREFIX/share/man/man1/CMD.1
#   completions/bash/CMD       -> $DESTDIR$PREFIX/share/bash-completion/completions/CMD
#   completions/zsh/_CMD       -> $DESTDIR$PREFIX/share/zsh/site-functions/_CMD
#   completions/fish/CMD.fish  -> $DESTDIR$PREFIX/share/fish/vendor_completions.d/CMD.fish
#
# install checks that every source file is there before it copies anything (a
# command without its man page or completions is refused, naming the make target
# that writes them). uninstall removes exactly those files, then each of those
# folders and its parents below PREFIX that it leaves empty; other files are left
# alone, and so is PREFIX itself.
set -eu
cd "$(dirname "$0")/.."

die() { echo "install.sh: $*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: install.sh install BIN_DIR | uninstall"
action=$1
PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
case $PREFIX in /*) ;; *) die "PREFIX must be an absolute path, not '$PREFIX'" ;; esac
case $DESTDIR in "" | /*) ;; *) DESTDIR=$(pwd)/$DESTDIR ;; esac
# Without trailing slashes, so that uninstall knows where to stop ("/" becomes "").
while [ "${PREFIX%/}" != "$PREFIX" ]; do PREFIX=${PREFIX%/}; done
while [ "${DESTDIR%/}" != "$DESTDIR" ]; do DESTDIR=${DESTDIR%/}; done
root=$DESTDIR$PREFIX

bindir=$root/bin
mandir=$root/share/man/man1
bashdir=$root/share/bash-completion/completions
zshdir=$root/share/zsh/site-functions
fishdir=$root/share/fish/vendor_completions.d

commands=$(sh scripts/commands.sh)
[ -n "$commands" ] || die "scripts/commands.sh lists no command (is Package.swift there?)"

# Prints "MODE SOURCE DESTINATION" for every file, one a line.
files() {
  for cmd in $commands; do
    echo "755 $1/$cmd $bindir/$cmd"
    echo "644 man/man1/$cmd.1 $mandir/$cmd.1"
    echo "644 completions/bash/$cmd $bashdir/$cmd"
    echo "644 completions/zsh/_$cmd $zshdir/_$cmd"
    echo "644 completions/fish/$cmd.fish $fishdir/$cmd.fish"
  done
}

case $action in
  install)
    [ $# -eq 2 ] || die "usage: install.sh install BIN_DIR"
    bin=$2
    missing=""
    for cmd in $commands; do
      [ -x "$bin/$cmd" ] || missing="$missing
  $bin/$cmd (make release builds it)"
      [ -f "man/man1/$cmd.1" ] || missing="$missing
  man/man1/$cmd.1 (make man writes it)"
      for f in "completions/bash/$cmd" "completions/zsh/_$cmd" "completions/fish/$cmd.fish"; do
        [ -f "$f" ] || missing="$missing
  $f (make completions writes it)"
      done
    done
    [ -z "$missing" ] || die "nothing installed; missing:$missing"
    mkdir -p "$bindir" "$mandir" "$bashdir" "$zshdir" "$fishdir"
    files "$bin" | while read -r mode src dst; do
      install -m "$mode" "$src" "$dst"
      echo "installed $dst" >&2
    done
    ;;
  uninstall)
    [ $# -eq 1 ] || die "usage: install.sh uninstall"
    files "" | while read -r mode src dst; do
      if [ -e "$dst" ] || [ -L "$dst" ]; then
        rm -f "$dst"
        echo "removed $dst" >&2
      fi
    done
    for dir in "$bindir" "$mandir" "$bashdir" "$zshdir" "$fishdir"; do
      while [ "$dir" != "$root" ] && [ -d "$dir" ] && rmdir "$dir" 2>/dev/null; do
        dir=$(dirname "$dir")
      done
    done
    ;;
  *) die "unknown action '$action' (install or uninstall)" ;;
esac
