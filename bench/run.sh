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
#
# The previous run's outbox and ledger are MOVED aside (bench/data/trash), not deleted: on this
# ext4 (mounted with online `discard`), deleting thousands of files makes the file creations of
# the next 30-40 seconds 5-10x slower (measured: 5,000 durable files in 5.3-6.1 s for 15 s after
# deleting 20,000, 1.1 s after 30 s), which would measure the harness's cleanup, not cadence.
# The trash of an earlier invocation is deleted at the start, then the script waits SETTLE
# seconds (default 60) before measuring; the trash of this one is left for the next.
#
# Reference, side by side after each run: `floor`, a bare Java program that makes N files of
# the same size durable the way the outbox does (temp file written and fdatasync'ed on 8
# threads, renamed, the folder forced every 100): what this disk allows, nothing recorded.
#
#   JAR=/path/to/other/cadence.jar bench/run.sh     measure another build (e.g. before/after)
# Results: bench/out/run-outbox.txt.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
data="$here/data"
n="${TOUCHES:-5000}"
runs="${RUNS:-3}"
mkdir -p "$out" "$data"
jar="${JAR:-$root/target/cadence.jar}"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q package -DskipTests)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# the launcher's JVM flags for `run` (install.sh); JAVA_OPTS= (empty) runs with the JVM's defaults
opts="${JAVA_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
cadence() { "$java" $opts -jar "$jar" "$@"; }
# LAUNCHER=/prefix/bin/cadence: the installed launcher instead (its AppCDS archive and unpacked
# native library start ~0.4 s faster than java -jar)
if [[ -n "${LAUNCHER:-}" ]]; then
    cadence() { "$LAUNCHER" "$@"; }
    jar="$LAUNCHER"
    opts="(installed launcher)"
fi
trash="$data/trash"
if [[ -d "$trash" ]]; then
    rm -rf "$trash" "$data/floor"
    sync
    echo "run.sh: deleted the previous trash; waiting ${SETTLE:-60} s for the disk to settle" >&2
    sleep "${SETTLE:-60}"
fi
mkdir -p "$trash"
aside() { local p; for p in "$@"; do [[ -e "$p" ]] && mv "$p" "$trash/$(basename "$p").$(date +%s%N)"; done; return 0; }

# the floor: N files made durable as the outbox makes them, in a bare JVM (args: N SIZE FOLDER)
floor_dir="$(mktemp -d)"
trap 'rm -rf "$floor_dir"' EXIT
cat > "$floor_dir/Floor.java" <<'JAVA'
import java.io.FileOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

public class Floor {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        byte[] content = new byte[Integer.parseInt(a[1])];
        Arrays.fill(content, (byte) 'x');
        Path dir = Files.createDirectories(Paths.get(a[2]));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int b = 0; b < n; b += 100) {
            List<Future<?>> written = new ArrayList<>();
            List<Path[]> names = new ArrayList<>();
            for (int k = b; k < Math.min(n, b + 100); k++) {
                Path temp = dir.resolve(".f" + k + ".eml.tmp"), target = dir.resolve("f" + k + ".eml");
                names.add(new Path[] {temp, target});
                written.add(pool.submit(() -> {
                    try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                        out.write(content);
                        out.getChannel().force(false);
                    }
                    return null;
                }));
            }
            for (Future<?> f : written) f.get();
            for (Path[] p : names) Files.move(p[0], p[1], StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
        pool.shutdown();
    }
}
JAVA
javac="$(dirname "$(readlink -f "$(command -v "$java")")")/javac"
[[ -x "$javac" ]] || javac=javac
"$javac" -d "$floor_dir" "$floor_dir/Floor.java"

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
echo "# cadence: $jar $opts" | tee -a "$out/run-outbox.txt"
for i in $(seq 1 "$runs"); do
    aside "$ws/outbox" "$ws/cadence.db" "$ws/cadence.db-wal" "$ws/cadence.db-shm"
    cp "$ws/pristine.db" "$ws/cadence.db"
    start=$(date +%s%N)
    line=$(cadence -w "$ws" --as-of 2026-03-02T10:00:00Z run)
    end=$(date +%s%N)
    files=$(find "$ws/outbox" -name '*.eml' | wc -l)
    [[ "$line" == "sent $n, failed 0, in_doubt 0, skipped 0, deferred 0" && "$files" == "$n" ]] \
        || { echo "run.sh: unexpected result: '$line', $files files" >&2; exit 1; }
    ms=$(( (end - start) / 1000000 ))
    size=$(( $(find "$ws/outbox" -name '*.eml' -print0 | du -cb --files0-from=- | tail -1 | cut -f1) / n ))
    aside "$data/floor"
    start=$(date +%s%N)
    "$java" -cp "$floor_dir" Floor "$n" "$size" "$data/floor"
    end=$(date +%s%N)
    fms=$(( (end - start) / 1000000 ))
    echo "run $i: $n touches in $ms ms = $(( n * 1000 / ms )) touches/s (whole process); floor $n files of $size B in $fms ms = $(( n * 1000 / fms )) files/s; load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/run-outbox.txt"
done
echo "run.sh: the runs' outboxes and ledgers are in $trash (deleted by the next run.sh)" >&2
