#!/usr/bin/env bash
# bench/startup.sh — start-up of `cadence --version` against a bare JVM, side by side.
#
#   bench/startup.sh              install into bench/out/prefix (no build if target/ exists) and measure
#   CADENCE=/usr/local/bin/cadence bench/startup.sh    measure an existing installation
#   RUNS=50 bench/startup.sh
#
# Compares, with hyperfine (--warmup 3 --runs $RUNS, whole processes):
#   bare-jvm       java <launcher flags> -cp TMP Hello     (a trivial class compiled on the fly)
#   cadence        the installed launcher: cadence --version (AppCDS archive, launcher flags)
#   cadence-nocds  the same java, flags and jar without the AppCDS archive (JDK's default CDS only)
# and prints the medians and the ratios to the bare JVM. Results: bench/out/startup.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
runs="${RUNS:-20}"
mkdir -p "$out"

name=startup.sh
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_hyperfine
read_launcher
for p in "$home" "$cadence" "$java"; do
    [[ "$p" != *" "* ]] || { echo "startup.sh: hyperfine -N cannot run paths with spaces: $p" >&2; exit 1; }
done

hello="$(mktemp -d)"
trap 'rm -rf "$hello"' EXIT
compile_hello "$hello"

json="$out/startup.json"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" \
    -n bare-jvm "$java $flags -cp $hello Hello" \
    -n cadence "$cadence --version" \
    -n cadence-nocds "$java $flags -jar $home/cadence.jar --version" >&2

echo
echo "machine: $(nproc) cores, $(free -m | awk '/^Mem:/{print $2}') MB RAM, $("$java" -version 2>&1 | head -1)"
echo "launcher flags: $flags (+ -XX:SharedArchiveFile=cadence.jsa -Xshare:auto)"
python3 - "$json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base = r["bare-jvm"]["median"]
print(f"{'variant':<15}{'median ms':>10}{'min ms':>9}{'max ms':>9}{'x bare':>8}")
for name in ("bare-jvm", "cadence", "cadence-nocds"):
    x = r[name]
    print(f"{name:<15}{x['median']*1000:>10.1f}{x['min']*1000:>9.1f}{x['max']*1000:>9.1f}{x['median']/base:>8.2f}")
ratio = r["cadence"]["median"] / base
print(f"cadence --version = {ratio:.2f}x a bare JVM start (target <= 3x): {'met' if ratio <= 3 else 'NOT met'}")
PY
