#!/usr/bin/env bash
# bench/import.sh — `cadence import` of a generated contacts CSV against `sqlite3 .import` of
# the same file into an equivalent table with a UNIQUE email index, side by side (design §11:
# within 2x, heap <= 256 MB).
#
#   bench/import.sh                 1M rows, 3 runs each
#   ROWS=100000 RUNS=5 bench/import.sh
#   BEFORE=/tmp/old/cadence.jar bench/import.sh   also an older build (its lib/ next to it), same minutes
#   C1=1 bench/import.sh            also the C1-only variant (what the launcher ran imports with before)
#   RSS=0 bench/import.sh           skip the peak-RSS runs
#
# Every run starts from a fresh ledger / database (hyperfine --prepare removes it). Variants:
#   sqlite3      sqlite3 .import into contacts(14 TEXT columns) + UNIQUE INDEX on email,
#                WAL and synchronous=FULL like the ledger, one transaction (what .import does)
#   cadence         java with the installed launcher's flags for import (SerialGC, full JIT) and -Xmx256m
#   cadence-before  (BEFORE=jar) the same flags with an older build
#   cadence-c1      (C1=1) the same with -XX:TieredStopAtLevel=1 (C1 only, the launcher's flag for short commands)
# Then one more run of each under /usr/bin/time -v for the peak RSS. Results: bench/out/import*.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
data="$here/data"
rows="${ROWS:-1000000}"
runs="${RUNS:-3}"
mkdir -p "$out" "$data"

command -v hyperfine >/dev/null || { echo "import.sh: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
sqlite="${SQLITE3:-/usr/bin/sqlite3}"
[[ -x "$sqlite" ]] || { echo "import.sh: $sqlite not found (apt-get install sqlite3)" >&2; exit 1; }

csv="$data/contacts-$rows.csv"
if [[ ! -f "$csv" ]]; then
    echo "import.sh: generating $rows rows into $csv" >&2
    python3 "$here/gen_contacts.py" "$rows" -o "$csv"
fi
if [[ ! -f "$root/target/cadence.jar" ]]; then
    (cd "$root" && mvn -B -q package -DskipTests)
fi
jar="$root/target/cadence.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
launcher_flags="-XX:+UseSerialGC"   # as install.sh's launcher runs import (full JIT)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ws="$work/ws"
"$java" -jar "$jar" init "$ws" >/dev/null 2>&1

cat > "$work/ref.sql" <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE contacts (email TEXT, first_name TEXT, last_name TEXT, company TEXT, title TEXT, phone TEXT,
    timezone TEXT, linkedin TEXT, owner TEXT, stage TEXT, industry TEXT, revenue TEXT, lead_source TEXT, notes TEXT);
CREATE UNIQUE INDEX contacts_email ON contacts (email);
.mode csv
.import --skip 1 $csv contacts
SQL

cadence_cmd="$java $launcher_flags -Xmx256m -jar $jar -q -w $ws import $csv"
variants=(-n sqlite3 "$sqlite $work/ref.db '.read $work/ref.sql'" -n cadence "$cadence_cmd")
names=(sqlite3 cadence)
if [[ -n "${BEFORE:-}" ]]; then
    before_cmd="$java $launcher_flags -Xmx256m -jar $BEFORE -q -w $ws import $csv"
    variants+=(-n cadence-before "$before_cmd"); names+=(cadence-before)
fi
if [[ "${C1:-0}" == 1 ]]; then
    c1_cmd="$java $launcher_flags -XX:TieredStopAtLevel=1 -Xmx256m -jar $jar -q -w $ws import $csv"
    variants+=(-n cadence-c1 "$c1_cmd"); names+=(cadence-c1)
fi

{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  nproc: $(nproc)  mem: $(free -g | awk '/Mem:/{print $2}') GB  load: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$java" -version 2>&1 | head -1
    echo "sqlite3 $("$sqlite" --version | cut -d' ' -f1)  file: $csv ($(du -m "$csv" | cut -f1) MB, $rows rows)"
} | tee "$out/import-machine.txt" >&2

hyperfine -N --runs "$runs" --export-json "$out/import.json" \
    --prepare "rm -f $work/ref.db $work/ref.db-wal $work/ref.db-shm $ws/cadence.db $ws/cadence.db-wal $ws/cadence.db-shm" \
    "${variants[@]}" >&2

# peak RSS, one run each
rss() { # name, command...
    local name="$1"; shift
    rm -f "$work"/ref.db* "$ws"/cadence.db*
    /usr/bin/time -f "%M %e" -o "$work/time.txt" "$@" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt" >&2; true; }
    read -r kb secs < "$work/time.txt"
    printf '%s %s %s\n' "$name" "$kb" "$secs"
}
: > "$out/import-rss.txt"
if [[ "${RSS:-1}" != 0 ]]; then
    rss sqlite3 "$sqlite" "$work/ref.db" ".read $work/ref.sql" >> "$out/import-rss.txt"
    # shellcheck disable=SC2086
    rss cadence $cadence_cmd >> "$out/import-rss.txt"
    # shellcheck disable=SC2086
    [[ -z "${before_cmd:-}" ]] || rss cadence-before $before_cmd >> "$out/import-rss.txt"
    # shellcheck disable=SC2086
    [[ -z "${c1_cmd:-}" ]] || rss cadence-c1 $c1_cmd >> "$out/import-rss.txt"
fi
echo "rows in the ledger after the last run: $("$sqlite" "$ws/cadence.db" 'SELECT COUNT(*) FROM contacts')" >&2

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out/import.json" "$out/import-rss.txt" "$rows" "${names[@]}" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
rss = {l.split()[0]: (int(l.split()[1]), float(l.split()[2])) for l in open(sys.argv[2])}
rows = int(sys.argv[3])
ref = res["sqlite3"]["median"]
print(f"| variant | median | min | max | rows/s | ratio to sqlite3 | peak RSS |")
print(f"|---|---|---|---|---|---|---|")
for name in sys.argv[4:]:
    r = res[name]
    kb = rss.get(name, (0, 0))[0]
    print(f"| {name} | {r['median']:.2f} s | {r['min']:.2f} s | {r['max']:.2f} s | {rows / r['median']:,.0f} "
          f"| {r['median'] / ref:.2f}x | {f'{kb / 1024:.0f} MB' if kb else '-'} |")
PY
