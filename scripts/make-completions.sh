#!/bin/sh
# Writes bash, zsh and fish completion scripts for every command into completions/.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-.build/release}
mkdir -p completions/bash completions/zsh completions/fish
for cmd in $(sh scripts/commands.sh); do
  "$bin/$cmd" --generate-completion-script bash > "completions/bash/$cmd"
  "$bin/$cmd" --generate-completion-script zsh > "completions/zsh/_$cmd"
  "$bin/$cmd" --generate-completion-script fish > "completions/fish/$cmd.fish"
done
echo "completions written to completions/" >&2
