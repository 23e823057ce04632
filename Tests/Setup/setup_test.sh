#!/usr/bin/env bash
# The set-up a user runs, checked: Scripts/shell (a release build) runs the seed script with
# no warning before its output and prints what the debug build prints; Scripts/install puts
# a working cbsh and its completion scripts under a temporary prefix, and says where.
#   Tests/Setup/setup_test.sh DEBUG-CBSH
set -euo pipefail
cd "$(dirname "$0")/../.."
debug="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
check() { # NAME, then a command that must succeed
  local name="$1"
  shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failures=$((failures + 1)); fi
}

seed=Scripts/01-seed-example.cbsh
Scripts/shell "$seed" >"$work/shell.out" 2>"$work/shell.err"
"$debug" "$seed" >"$work/debug.out"
check "Scripts/shell prints nothing on stderr (build chatter is in .build-static/build.log)" \
  test ! -s "$work/shell.err"
check "Scripts/shell prints no line containing \"warning\"" \
  bash -c '! grep -i warning "$0" "$1"' "$work/shell.out" "$work/shell.err"
check "Scripts/shell's release cbsh prints what the debug build prints" \
  cmp -s "$work/shell.out" "$work/debug.out"
check "the build log is kept in .build-static/build.log" test -s .build-static/build.log

prefix="$work/prefix"
Scripts/install "$prefix" >"$work/install.out" 2>&1 || { cat "$work/install.out"; exit 1; }
cat "$work/install.out"
check "Scripts/install PREFIX installs PREFIX/bin/cbsh, and it runs" \
  bash -c '"$0/bin/cbsh" -c status | grep -q "^clock 2026-01-01T09:00:00Z"' "$prefix"
check "the installed cbsh runs the seed script as the debug build does" \
  bash -c 'cmp -s <("$0/bin/cbsh" "$1") "$2"' "$prefix" "$seed" "$work/debug.out"
bash_completion="$prefix/share/bash-completion/completions/cbsh"
check "bash completion: installed, and sourcing it registers a completion for cbsh" \
  bash -c 'source "$0" && complete -p cbsh >/dev/null' "$bash_completion"
check "zsh completion: installed as _cbsh" \
  grep -q '^#compdef cbsh' "$prefix/share/zsh/site-functions/_cbsh"
check "fish completion: installed" \
  grep -qE "^complete -c '?cbsh'? " "$prefix/share/fish/vendor_completions.d/cbsh.fish"
check "Scripts/install says where each file went" \
  bash -c '[[ $(grep -c "^installed $0/" "$1") == 4 ]]' "$prefix" "$work/install.out"
Scripts/install "$prefix/bin" >"$work/install-bin.out" 2>&1
check "Scripts/install PREFIX/bin means PREFIX" \
  bash -c '! test -e "$0/bin/bin" && grep -q "^installed $0/bin/cbsh$" "$1"' \
  "$prefix" "$work/install-bin.out"

[[ $failures == 0 ]] || { echo "$failures set-up check(s) failed"; exit 1; }
