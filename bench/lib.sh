# bench/lib.sh — sourced by the benchmark scripts: hyperfine, and the installed launcher read
# back (java, JVM flags, install folder) so that every variant runs the same JVM the same way.
# Needs: $root (the repository), $out (bench/out), $name (the script's name, for messages).

need_hyperfine() {
    command -v hyperfine >/dev/null 2>&1 && return 0
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine >&2 \
            || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine >&2; }
    else
        echo "$name: hyperfine is needed (apt-get install hyperfine)" >&2
        exit 1
    fi
}

# Sets cadence (the launcher: $CADENCE, else installed into bench/out/prefix), home, java and
# flags (the launcher's JVM flags for a short command, without the AppCDS archive).
read_launcher() {
    cadence="${CADENCE:-}"
    if [[ -z "$cadence" ]]; then
        local prefix="$out/prefix" skip=()
        [[ -f "$root/target/cadence.jar" ]] && skip=(--skip-build)
        PREFIX="$prefix" "$root/install.sh" "${skip[@]}" >&2
        cadence="$prefix/bin/cadence"
    fi
    [[ -x "$cadence" ]] || { echo "$name: $cadence is not an executable launcher" >&2; exit 1; }
    launcher_var() { sed -n "s/^$1=//p" "$cadence" | head -1; }
    home="$(eval "printf '%s' $(launcher_var CADENCE_HOME)")"
    if [[ -n "${JAVA_HOME:-}" ]]; then
        java="$JAVA_HOME/bin/java"
    else
        java="$(eval "printf '%s' $(sed -n 's/^    java=\(\/.*\)$/\1/p' "$cadence" | head -1)")"
    fi
    [[ -x "$java" ]] || java="$(command -v java)"
    flags="$(sed -n 's/^exec .*"\${cds\[@\]}" \(.*\) \${JAVA_OPTS.*/\1/p' "$cadence")"
    [[ -n "$flags" ]] || { echo "$name: cannot read the JVM flags from $cadence" >&2; exit 1; }
    # the launcher adds its short-command flags ($jit) for everything but import/run/export
    flags="${flags//\$jit/$(launcher_var jit)}"
}

# Compiles a trivial Hello class into folder $1 with the launcher's JDK: the bare JVM reference.
compile_hello() {
    mkdir -p "$1"
    cat > "$1/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
JAVA
    local javac
    javac="$(dirname "$(readlink -f "$java")")/javac"
    [[ -x "$javac" ]] || javac=javac
    "$javac" -d "$1" "$1/Hello.java"
}
