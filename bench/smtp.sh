#!/usr/bin/env bash
# bench/smtp.sh — `cadence run --transport smtp` into postfix's smtp-sink, side by side with
# postfix's smtp-source into the same sink on one connection (design §11: cadence >= 50% of
# smtp-source, every touch durably recorded). Reuses the workspace of bench/run.sh (run it
# first): N contacts enrolled in a one-email sequence, a pristine ledger copy per run.
#
#   bench/run.sh && bench/smtp.sh           5,000 messages, 3 runs each
#   RUNS=5 bench/smtp.sh
#   BUSY=1 bench/smtp.sh                    the same with one core kept busy by a shell loop
#
# The reference is `smtp-source -d`: every message over one connection, as design §11 says
# ("on one reused connection"). Until the evening of 2026-11-23 this script ran smtp-source
# without -d, which opens a new connection per message (2-3x slower); that figure is still
# printed, for comparison with older results, but the ratio is against -d.
# The reference is a loopback ping-pong: on a quiet VM every round trip wakes an idle virtual
# CPU, and smtp-source runs two to three times as fast when a core is busy, so the ratio depends
# on the machine's state; BUSY=1 measures the other state on purpose.
#
# Needs postfix's smtp-sink and smtp-source (Debian package postfix; installed if missing, as root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
ws="$here/data/run-ws-${TOUCHES:-5000}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="${JAR:-$root/target/cadence.jar}"                       # JAR=other.jar: another build
# the launcher's JVM flags for `run` (install.sh); JAVA_OPTS= (empty) runs with the JVM's defaults
opts="${JAVA_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
cadence() { "$java" $opts -jar "$jar" "$@"; }   # as bench/run.sh
# LAUNCHER=/prefix/bin/cadence: the installed launcher instead (its AppCDS archive and unpacked
# native library start ~0.4 s faster than java -jar)
if [[ -n "${LAUNCHER:-}" ]]; then
    cadence() { "$LAUNCHER" "$@"; }
    jar="$LAUNCHER"
    opts="(installed launcher)"
fi
trash="$here/data/trash"                                    # moved aside, not deleted (see run.sh)
mkdir -p "$trash"
aside() { local p; for p in "$@"; do [[ -e "$p" ]] && mv "$p" "$trash/$(basename "$p").$(date +%s%N)"; done; return 0; }
runs="${RUNS:-3}"
port="${PORT:-2525}"
[[ -f "$ws/pristine.db" ]] || { echo "smtp.sh: run bench/run.sh first (it builds $ws)" >&2; exit 1; }
if ! command -v smtp-sink >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >&2
    else
        echo "smtp.sh: needs smtp-sink and smtp-source (apt-get install postfix)" >&2; exit 1
    fi
fi
PATH="/usr/sbin:$PATH"
n="$(( $(wc -l < "$ws/contacts.csv") - 1 ))"

# the workspace's config with an smtp transport to the local sink (no TLS, no auth: loopback)
grep -q '^transports:' "$ws/cadence.yaml" || cat >> "$ws/cadence.yaml" <<YAML
transports:
  smtp: { host: 127.0.0.1, port: $port, starttls: false, timeout: 30s }
YAML

# as root smtp-sink must drop its privileges (-u)
sink_user=()
[[ "$(id -u)" == 0 ]] && sink_user=(-u nobody)
smtp-sink "${sink_user[@]}" 127.0.0.1:"$port" 256 >/dev/null 2>&1 &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT   # the trash is deleted by the next bench/run.sh
sleep 1
busy=
if [[ "${BUSY:-0}" == 1 ]]; then
    (while :; do :; done) &
    busy=$!
    trap 'kill $sink $busy 2>/dev/null || true' EXIT
fi

{
    echo "# smtp: cadence run --transport smtp vs smtp-source, $n messages, one connection, $(date -u +%FT%TZ)"
    echo "# nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), cadence: $jar $opts${busy:+, one core kept busy (BUSY=1)}"
} | tee "$out/smtp.txt"
src_rates=()
old_rates=()
cad_rates=()
for i in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    smtp-source -d -s 1 -m "$n" -l 1500 -f sales@example.com -t c@example.com 127.0.0.1:"$port"
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    echo "smtp-source -d $i: $n messages in $ms ms = $(( n * 1000 / ms )) msg/s (one connection: the reference)" | tee -a "$out/smtp.txt"
    src_rates+=("$(( n * 1000 / ms ))")
    start=$(date +%s%N)
    smtp-source -s 1 -m "$n" -l 1500 -f sales@example.com -t c@example.com 127.0.0.1:"$port"
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    echo "smtp-source $i: $n messages in $ms ms = $(( n * 1000 / ms )) msg/s (a connection per message, for older figures)" | tee -a "$out/smtp.txt"
    old_rates+=("$(( n * 1000 / ms ))")

    aside "$ws/outbox" "$ws/cadence.db" "$ws/cadence.db-wal" "$ws/cadence.db-shm"
    cp "$ws/pristine.db" "$ws/cadence.db"
    start=$(date +%s%N)
    line=$(cadence -w "$ws" --as-of 2026-03-02T10:00:00Z run --transport smtp)
    end=$(date +%s%N)
    [[ "$line" == "sent $n, failed 0, in_doubt 0, skipped 0, deferred 0" ]] \
        || { echo "smtp.sh: unexpected result: '$line'" >&2; exit 1; }
    ms=$(( (end - start) / 1000000 ))
    echo "cadence $i: $n touches in $ms ms = $(( n * 1000 / ms )) touches/s (whole process); load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/smtp.txt"
    cad_rates+=("$(( n * 1000 / ms ))")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
src_med=$(median "${src_rates[@]}")
cad_med=$(median "${cad_rates[@]}")
pct=$(( cad_med * 100 / src_med ))
old_med=$(median "${old_rates[@]}")
echo "medians: smtp-source -d $src_med msg/s, cadence $cad_med touches/s = $pct% (target >= 50%): $([[ $pct -ge 50 ]] && echo met || echo NOT met);" \
    "smtp-source without -d $old_med msg/s ($(( cad_med * 100 / old_med ))%)" | tee -a "$out/smtp.txt"
