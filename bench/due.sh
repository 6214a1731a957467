#!/usr/bin/env bash
# bench/due.sh — `cadence due` (the table, as a rep runs it each morning) and `cadence due --format
# json` (every item with subject and body) on 1M active enrollments with 10k due, against the same
# 10k due in a 10k-enrollment ledger, a bare JVM start and the indexed query in sqlite3.
#
#   bench/due.sh                 install into bench/out/prefix (no build if target/ exists) and measure
#   CADENCE=/usr/local/bin/cadence bench/due.sh
#   RUNS=10 TOTAL=1000000 DUE=10000 bench/due.sh
#
# The ledgers are made by cadence itself (schema, migrations) then filled with SQL in the
# sqlite3 shell (seconds for 1M rows): contacts in New York with a phone; DUE enrollments of
# cold-outbound due on Tuesday 10 March 2026 — 80% at day 1 (intro email), 20% at day 5 (the
# call, a manual step, after intro and value were sent) — and TOTAL-DUE enrollments whose next
# step is due on a later day. next_due_at is set and needs_schedule cleared, as a ledger looks
# after `due` or `run` has computed it. Both ledgers hold the same DUE rows.
#
# hyperfine -N --warmup 2 --runs $RUNS, whole processes (cpu ms = mean user + system time, steadier
# than wall time on a shared machine), --as-of 2026-03-10T12:00:00Z (08:00 in
# New York), stdout written to a file (bench/out/due/stdout.txt, as `cadence due > today.txt`):
# prints medians and the ratios for both formats. Results: bench/out/due.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
runs="${RUNS:-10}"
total="${TOTAL:-1000000}"
due="${DUE:-10000}"
asof="2026-03-10T12:00:00Z"
mkdir -p "$out"

command -v sqlite3 >/dev/null || { echo "due.sh: sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }
name=due.sh
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_hyperfine
read_launcher

work="$out/due"
rm -rf "$work"
mkdir -p "$work"
hello="$work/hello"
mkdir -p "$hello"
compile_hello "$hello"

# a ledger with cadence's own schema: Ledger.open creates and migrates it
cat > "$work/MakeLedger.java" <<'JAVA'
public class MakeLedger {
    public static void main(String[] args) {
        try (var l = dev.cadence.ledger.Ledger.open("jdbc:sqlite:" + args[0], java.time.Clock.systemUTC())) {
            System.err.println("ledger " + args[0] + " at schema " + l.schemaVersion());
        }
    }
}
JAVA

# ms since the epoch of a UTC time
ms() { echo $(( $(date -u -d "$1" +%s) * 1000 )); }
now_ms=$(ms "2026-03-10T12:00:00Z")
intro_due=$(ms "2026-03-10T13:00:00Z")      # 09:00 EDT, window opening (after the 8 March DST change)
call_due=$(ms "2026-03-10T13:00:00Z")
intro_sent=$(ms "2026-03-06T14:00:05Z")      # Fri 6 March 09:00 EST
value_sent=$(ms "2026-03-09T13:00:05Z")      # day 3 = Sun 8 March -> Mon 9 March 09:00 EDT
later_due=$(ms "2026-03-20T13:00:00Z")

make_ws() {  # make_ws DIR ENROLLMENTS
    local ws="$1" n="$2" calls=$(( due / 5 ))
    "$cadence" init "$ws" >/dev/null
    "$java" -cp "$home/cadence.jar:$home/lib/*" "$work/MakeLedger.java" "$ws/cadence.db"
    local t0=$SECONDS
    sqlite3 "$ws/cadence.db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
INSERT INTO contacts (id, email, email_norm, first_name, last_name, company, title, phone, phone_e164, linkedin,
                      timezone, owner, stage, custom, created_at, updated_at)
SELECT i, 'c' || i || '@bench.example', 'c' || i || '@bench.example', 'First' || i, 'Last' || i, 'Company ' || (i % 5000),
       'Head of Sales', '+1 212 555 ' || printf('%04d', i % 10000), '+1212555' || printf('%04d', i % 10000),
       'https://www.linkedin.com/in/c' || i, 'America/New_York', 'rep' || (i % 7), 'new', '{}', $now_ms, $now_ms
FROM n;
-- due today: DUE enrollments; the first DUE/5 at the call (day 5), the rest at intro (day 1)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
INSERT INTO enrollments (id, contact_id, sequence, state, start_date, current_step, occurrence, next_due_at,
                         created_at, updated_at, needs_schedule)
SELECT i, i, 'cold-outbound', 'active',
       CASE WHEN i <= $calls THEN '2026-03-06' WHEN i <= $due THEN '2026-03-10' ELSE '2026-03-20' END,
       CASE WHEN i <= $calls THEN 'call' ELSE 'intro' END, 1,
       CASE WHEN i <= $calls THEN $call_due WHEN i <= $due THEN $intro_due ELSE $later_due + (i % 30) * 86400000 END,
       $now_ms - 864000000, $now_ms - 864000000, 0
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $calls)
INSERT INTO touches (enrollment_id, contact_id, sequence, step_id, occurrence, channel, kind, status, subject, body,
                     message_id, attempts, due_at, at, created_at)
SELECT i, i, 'cold-outbound', s.step, 1, 'email', 'auto', 'sent', s.subject, 'body', '<' || s.step || i || '@bench>', 1,
       s.at, s.at, s.at
FROM n, (SELECT 'intro' AS step, 'A question for you' AS subject, $intro_sent AS at
         UNION ALL SELECT 'value', 'Re: A question for you', $value_sent) s;
COMMIT;
ANALYZE;
SQL
    echo "ledger $ws: $n enrollments, $due due, filled in $((SECONDS - t0)) s" >&2
}

make_ws "$work/w10k" "$due"
make_ws "$work/w1m" "$total"

# the same rows due in both, computed by cadence (sanity check, not timed)
count() { "$cadence" -w "$1" --as-of "$asof" due --format json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
echo "items listed: 10k ledger $(count "$work/w10k"), 1M ledger $(count "$work/w1m")" >&2
# where the time goes inside the process (-vv prints the phases of the due computation)
"$cadence" -w "$work/w1m" --as-of "$asof" -vv due --format json 2>&1 >/dev/null | grep 'due:' >&2 || true

upto=$(ms "2026-03-11T04:59:59Z")
query="SELECT * FROM enrollments WHERE state = 'active' AND next_due_at <= $upto ORDER BY next_due_at, id"

json="$out/due.json"
hyperfine -N --warmup 2 --runs "$runs" --export-json "$json" --output "$work/stdout.txt" \
    -n bare-jvm "$java $flags -cp $hello Hello" \
    -n sqlite3-query-1m "sqlite3 $work/w1m/cadence.db \"$query\"" \
    -n due-10k "$cadence -w $work/w10k --as-of $asof due" \
    -n due-1m "$cadence -w $work/w1m --as-of $asof due" \
    -n due-10k-json "$cadence -w $work/w10k --as-of $asof due --format json" \
    -n due-1m-json "$cadence -w $work/w1m --as-of $asof due --format json" >&2
rm -f "$work/stdout.txt"

echo
echo "machine: $(nproc) cores, $(free -m | awk '/^Mem:/{print $2}') MB RAM, $("$java" -version 2>&1 | head -1)"
echo "launcher flags: $flags"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base = r["bare-jvm"]["median"]
print(f"{'variant':<18}{'median ms':>10}{'min ms':>9}{'max ms':>9}{'- bare ms':>10}{'cpu ms':>8}")
for name in ("bare-jvm", "sqlite3-query-1m", "due-10k", "due-1m", "due-10k-json", "due-1m-json"):
    x = r[name]
    cpu = (x['user'] + x['system']) * 1000
    print(f"{name:<18}{x['median']*1000:>10.1f}{x['min']*1000:>9.1f}{x['max']*1000:>9.1f}{(x['median']-base)*1000:>10.1f}{cpu:>8.0f}")
for fmt, suffix in (("table", ""), ("json", "-json")):
    over = r["due-1m" + suffix]["median"] - base
    flat = r["due-1m" + suffix]["median"] / r["due-10k" + suffix]["median"]
    print(f"{fmt}: due on 1M = bare JVM + {over*1000:.0f} ms (target <= 500 ms): {'met' if over <= 0.5 else 'NOT met'};"
          f" 1M / 10k = {flat:.2f}x (target <= 1.3x): {'met' if flat <= 1.3 else 'NOT met'}")
PY
