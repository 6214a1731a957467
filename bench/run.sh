#!/usr/bin/env bash
# bench/run.sh — `cadence run` with the outbox transport: N due email touches, each claimed,
# rendered, written as an .eml (fsync + rename) and marked sent in the ledger (WAL,
# synchronous=FULL), then the enrollment advanced (design §11: >= 2,000 touches/s).
#
#   bench/run.sh                   5,000 touches, 3 runs
#   TOUCHES=20000 RUNS=5 bench/run.sh
#
# Each run starts from the same pristine ledger copy (contacts imported and enrolled, nothing
# sent) and an empty outbox; the whole process is timed (JVM start included), as cron runs it.
# Checks after every run: the summary says "sent N", N .eml files exist, N touches are 'sent'.
# Results: bench/out/run-outbox.txt.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
data="$here/data"
n="${TOUCHES:-5000}"
runs="${RUNS:-3}"
mkdir -p "$out" "$data"
[[ -f "$root/target/cadence.jar" ]] || (cd "$root" && mvn -B -q package -DskipTests)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cadence() { "$java" ${JAVA_OPTS:-} -jar "$root/target/cadence.jar" "$@"; }

ws="$data/run-ws-$n"
if [[ ! -f "$ws/pristine.db" ]]; then
    rm -rf "$ws" && mkdir -p "$ws/sequences" "$ws/templates"
    cat > "$ws/cadence.yaml" <<'YAML'
timezone: UTC
business_days: [mon, tue, wed, thu, fri, sat, sun]
window: "00:00-23:59"
sender: { name: Bench Sales, email: sales@example.com, company: Bench, address: "1 Main St" }
unsubscribe: { mailto: unsubscribe@example.com, url: "https://example.com/u/{{token}}" }
YAML
    cat > "$ws/sequences/b.yaml" <<'YAML'
name: b
description: One email.
steps:
  - id: intro
    day: 1
    channel: email
    purpose: First email.
    template: intro.mustache
YAML
    cat > "$ws/templates/intro.mustache" <<'TPL'
subject: A question for {{company}}
---
Hi {{first_name}},

A short note for {{company}}: one specific observation, one question.

{{sender.name}}
TPL
    python3 - "$n" > "$ws/contacts.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("email,first_name,company,timezone")
for i in range(n):
    print(f"c{i}@example.com,Name{i},Company {i},UTC")
PY
    cadence -w "$ws" -q import "$ws/contacts.csv" --enroll b --start 2026-03-02 >/dev/null
    cp "$ws/cadence.db" "$ws/pristine.db"
fi

{
    echo "# cadence run, outbox, $n touches, $(date -u +%FT%TZ)"
    echo "# nproc $(nproc), $(free -g | awk '/Mem:/ {print $2}') GB, $("$java" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/run-outbox.txt"
for i in $(seq 1 "$runs"); do
    rm -rf "$ws/outbox" "$ws/cadence.db-wal" "$ws/cadence.db-shm"
    cp "$ws/pristine.db" "$ws/cadence.db"
    start=$(date +%s%N)
    line=$(cadence -w "$ws" --as-of 2026-03-02T10:00:00Z run)
    end=$(date +%s%N)
    files=$(find "$ws/outbox" -name '*.eml' | wc -l)
    [[ "$line" == "sent $n, failed 0, in_doubt 0, skipped 0, deferred 0" && "$files" == "$n" ]] \
        || { echo "run.sh: unexpected result: '$line', $files files" >&2; exit 1; }
    ms=$(( (end - start) / 1000000 ))
    echo "run $i: $n touches in $ms ms = $(( n * 1000 / ms )) touches/s (whole process)" | tee -a "$out/run-outbox.txt"
done
