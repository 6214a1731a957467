#!/usr/bin/env bash
# install.sh — build cadence and install the `cadence` command.
#
#   ./install.sh                  build, then install to /usr/local (or ~/.local if not writable)
#   PREFIX=/opt/cadence ./install.sh
#   ./install.sh --skip-build     install what is already in target/ (CI)
#   ./install.sh --uninstall      remove exactly what a previous install put there
#
# Layout: $PREFIX/lib/cadence/{cadence.jar,lib/*.jar,cadence.jsa} and the launcher
# $PREFIX/bin/cadence. Running it again replaces the installation (idempotent).
set -euo pipefail

readonly SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly MARKER="cadence-launcher: installed by cadence install.sh"
readonly MIN_JAVA=17
# The JVM flags the launcher passes before $JAVA_OPTS (measured in bench/startup.sh):
# SerialGC starts faster than G1 for a short CLI; C1-only skips C2 compiler start-up, which
# helps the short commands but slows the bulk ones (import, export: 1M-row import 28.5 s with
# C1 only against 18.8 s with the full JIT), so the launcher leaves it out for those. `run`
# keeps C1 only: it waits on the disk and the network, and C2's compilations cost more than
# they bring (bench/README.md, Run: 5,000 touches ~1.5-2x faster, 20,000 ~1.5x). A later flag
# in JAVA_OPTS wins.
readonly JVM_FLAGS="-XX:+UseSerialGC"
readonly SHORT_FLAGS="-XX:TieredStopAtLevel=1"

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

usage() {
    cat <<'EOF'
Usage: ./install.sh [--skip-build] [--no-cds] [--uninstall] [--help]

Builds cadence with Maven and installs the `cadence` command.

  --skip-build   reuse target/cadence.jar and target/lib/ (no Maven run)
  --no-cds       do not generate the class-data-sharing archive
  --uninstall    remove what install.sh installed under PREFIX
  -h, --help     this help

Environment:
  PREFIX         install root (default: /usr/local when writable, else ~/.local)
  JAVA_HOME      the JDK to check, build with and bake into the launcher
  CADENCE_FORCE_USER_INSTALL=1   behave as if /usr/local were not writable

On Debian/Ubuntu as root, a missing Java 17 or Maven is installed with apt-get.
EOF
}

skip_build=0 uninstall=0 cds=1
for arg in "$@"; do
    case "$arg" in
        --skip-build) skip_build=1 ;;
        --uninstall) uninstall=1 ;;
        --no-cds) cds=0 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$arg'" ;;
    esac
done

# ---------------------------------------------------------------- destination
system_prefix_writable() {
    [[ "${CADENCE_FORCE_USER_INSTALL:-0}" != 1 ]] || return 1
    [[ -d /usr/local && -w /usr/local ]] || return 1
    local d
    for d in /usr/local/bin /usr/local/lib; do
        [[ ! -e "$d" || -w "$d" ]] || return 1
    done
}

if [[ -n "${PREFIX:-}" ]]; then
    prefix="$PREFIX"
elif system_prefix_writable; then
    prefix=/usr/local
else
    [[ -n "${HOME:-}" ]] || die "/usr/local is not writable and HOME is not set; give PREFIX=DIR"
    prefix="$HOME/.local"
fi
# absolute, without a trailing slash (the launcher and the CDS archive record absolute paths)
[[ "$prefix" == /* ]] || prefix="$PWD/$prefix"
prefix="${prefix%/}"
[[ -n "$prefix" ]] || die "PREFIX=/ is not supported; use /usr/local or a folder of its own"
readonly prefix
readonly bin_dir="$prefix/bin" lib_root="$prefix/lib"
readonly home_dir="$lib_root/cadence"
readonly launcher="$bin_dir/cadence"
readonly manifest="$home_dir/.installed-by-cadence"

is_our_launcher() { [[ -f "$1" ]] && grep -qF "$MARKER" "$1"; }

# ---------------------------------------------------------------- uninstall
do_uninstall() {
    local removed=0
    if [[ -e "$launcher" || -L "$launcher" ]]; then
        is_our_launcher "$launcher" || die "$launcher was not installed by cadence's install.sh; left alone"
        rm -f -- "$launcher"; say "removed $launcher"; removed=1
    fi
    local created=()
    if [[ -d "$home_dir" ]]; then
        [[ -f "$manifest" ]] || die "$home_dir was not installed by cadence's install.sh; left alone"
        mapfile -t created < <(sed -n 's/^created-dir //p' "$manifest")
        rm -rf -- "$home_dir"; say "removed $home_dir"; removed=1
    fi
    # folders the install created (deepest first), only if nothing else lives there now
    local i
    for (( i=${#created[@]}-1; i>=0; i-- )); do
        rmdir -- "${created[$i]}" 2>/dev/null && say "removed empty ${created[$i]}" || true
    done
    if (( removed )); then
        echo "uninstalled cadence from $prefix"
    else
        echo "cadence is not installed under $prefix (nothing to do)"
    fi
}

if (( uninstall )); then
    do_uninstall
    exit 0
fi

# ---------------------------------------------------------------- prerequisites
java_cmd() {
    if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else command -v java || true; fi
}

# prints the feature version (17, 21, ...) of a java binary, or nothing
java_feature() {
    local v
    v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')" || true
    v="${v#1.}"
    [[ "$v" =~ ^[0-9]+$ ]] && echo "$v"
}

# what is missing, one line each: "jdk: ..." or "maven: ..."
missing_prereqs() {
    local j v
    j="$(java_cmd)"
    if [[ -z "$j" || ! -x "$j" ]]; then
        echo "jdk: Java $MIN_JAVA or newer (no 'java' on PATH)"
    else
        v="$(java_feature "$j")"
        if [[ -z "$v" || "$v" -lt $MIN_JAVA ]]; then
            echo "jdk: Java $MIN_JAVA or newer ($j is Java ${v:-of unknown version})"
        elif (( ! skip_build )); then
            local jc
            if [[ -n "${JAVA_HOME:-}" ]]; then jc="$JAVA_HOME/bin/javac"; else jc="$(command -v javac || true)"; fi
            [[ -n "$jc" && -x "$jc" ]] || echo "jdk: a Java $MIN_JAVA JDK with javac (only a runtime was found)"
        fi
    fi
    if (( ! skip_build )) && ! command -v mvn >/dev/null 2>&1; then
        echo "maven: Maven 3.6 or newer (no 'mvn' on PATH)"
    fi
    return 0
}

# installs only the packages for what is missing (never upgrades what is already there)
apt_install_prereqs() {
    local pkgs=() m
    for m in "$@"; do
        case "$m" in
            jdk:*)
                if apt-cache show openjdk-17-jdk-headless >/dev/null 2>&1; then pkgs+=(openjdk-17-jdk-headless)
                else pkgs+=(default-jdk-headless); fi ;;
            maven:*) pkgs+=(maven) ;;
        esac
    done
    say "installing ${pkgs[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    # apt-cache may not have known the package before the update
    if [[ " ${pkgs[*]} " == *" default-jdk-headless "* ]] && apt-cache show openjdk-17-jdk-headless >/dev/null 2>&1; then
        pkgs=("${pkgs[@]/default-jdk-headless/openjdk-17-jdk-headless}")
    fi
    apt-get install -y -q --no-install-recommends "${pkgs[@]}" >&2
    # an older default 'java' may hide the one just installed
    local v d
    v="$(java_feature "$(java_cmd)" 2>/dev/null || true)"
    if [[ -z "$v" || "$v" -lt $MIN_JAVA ]]; then
        for d in /usr/lib/jvm/java-17-openjdk-*; do
            [[ -x "$d/bin/java" ]] && export JAVA_HOME="$d" && break
        done
    fi
}

if [[ -n "${JAVA_HOME:-}" && ! -x "$JAVA_HOME/bin/java" ]]; then
    die "JAVA_HOME=$JAVA_HOME has no bin/java; point it at a JDK $MIN_JAVA+ or unset it"
fi
mapfile -t missing < <(missing_prereqs)
if (( ${#missing[@]} )); then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1 && [[ -f /etc/debian_version ]]; then
        say "missing: $(printf '%s; ' "${missing[@]#*: }")"
        apt_install_prereqs "${missing[@]}"
        mapfile -t missing < <(missing_prereqs)
    fi
fi
if (( ${#missing[@]} )); then
    {
        echo "install.sh: cannot continue, missing:"
        printf '  - %s\n' "${missing[@]#*: }"
        echo "Install them and run ./install.sh again, e.g. on Debian/Ubuntu:"
        echo "  sudo apt-get install openjdk-17-jdk-headless maven"
        echo "or set JAVA_HOME to a JDK $MIN_JAVA+."
    } >&2
    exit 1
fi
java="$(java_cmd)"
java="$(cd "$(dirname "$java")" && pwd -P)/$(basename "$java")"   # absolute, for the launcher
readonly java

# ---------------------------------------------------------------- build
cd "$SRC_DIR"
if (( ! skip_build )); then
    say "building with Maven (mvn -B -q -DskipTests package)"
    # quiet build; its output (without the colour codes Maven 3.8 prints even with -q) only on failure
    build_log="$(mktemp)"
    if ! mvn -B -q -Dstyle.color=never -DskipTests package >"$build_log" 2>&1; then
        sed 's/\x1b\[[0-9;]*m//g' "$build_log" >&2
        rm -f -- "$build_log"
        die "the Maven build failed (see above)"
    fi
    rm -f -- "$build_log"
fi
[[ -f target/cadence.jar && -d target/lib ]] \
    || die "no build in $SRC_DIR/target (cadence.jar and lib/); run ./install.sh without --skip-build"

# ---------------------------------------------------------------- install
if [[ -e "$launcher" || -L "$launcher" ]] && ! is_our_launcher "$launcher"; then
    die "$launcher exists and was not installed by cadence; remove it or choose another PREFIX"
fi
if [[ -d "$home_dir" && ! -f "$manifest" ]]; then
    die "$home_dir exists and was not installed by cadence; remove it or choose another PREFIX"
fi

# remember which folders this install creates, across re-installs, so --uninstall can remove them
created_dirs=()
if [[ -f "$manifest" ]]; then
    mapfile -t created_dirs < <(sed -n 's/^created-dir //p' "$manifest")
fi
make_dir() {
    local d="$1" parent
    [[ -d "$d" ]] && return 0
    parent="$(dirname "$d")"
    make_dir "$parent"
    mkdir -- "$d" || die "cannot create $d"
    created_dirs+=("$d")
}
make_dir "$bin_dir"
make_dir "$lib_root"

# stage next to the destination, then swap, so a failed copy never leaves half an install
stage="$(mktemp -d "$lib_root/.cadence-install.XXXXXX")"
work="$(mktemp -d)"
cleanup() { rm -rf -- "$stage" "$work"; }
trap cleanup EXIT
cp -- target/cadence.jar "$stage/cadence.jar"
mkdir -- "$stage/lib"
cp -- target/lib/*.jar "$stage/lib/"
{
    echo "# written by cadence install.sh; used by ./install.sh --uninstall"
    echo "prefix $prefix"
    for d in "${created_dirs[@]}"; do echo "created-dir $d"; done
} > "$stage/.installed-by-cadence"
chmod -R a+rX -- "$stage"
rm -rf -- "$home_dir"
mv -- "$stage" "$home_dir"

# sqlite-jdbc unpacks its native library into /tmp at every start; unpack it once here instead
native_flags=""
case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) native_dir="Linux/x86_64" ;;
    Linux/aarch64) native_dir="Linux/aarch64" ;;
    *) native_dir="" ;;
esac
if [[ -n "$native_dir" ]]; then
    sqlite_jar="$(ls "$home_dir"/lib/sqlite-jdbc-*.jar 2>/dev/null | head -1)"
    if [[ -n "$sqlite_jar" ]] && mkdir -p "$home_dir/native" \
        && unzip -o -q -j "$sqlite_jar" "org/sqlite/native/$native_dir/libsqlitejdbc.so" -d "$home_dir/native" 2>/dev/null \
        && [[ -s "$home_dir/native/libsqlitejdbc.so" ]]; then
        native_flags="-Dorg.sqlite.lib.path=$(printf '%q' "$home_dir/native") -Dorg.sqlite.lib.name=libsqlitejdbc.so"
    else
        rm -rf -- "$home_dir/native"
    fi
fi

# the launcher: works from any folder and with spaces in paths; honours JAVA_HOME and JAVA_OPTS
tmp_launcher="$(mktemp "$bin_dir/.cadence.XXXXXX")"
cat > "$tmp_launcher" <<EOF
#!/usr/bin/env bash
# $MARKER (do not edit; re-run install.sh)
CADENCE_HOME=$(printf '%q' "$home_dir")
if [ -n "\${JAVA_HOME:-}" ]; then
    java="\$JAVA_HOME/bin/java"
    if [ ! -x "\$java" ]; then
        echo "cadence: JAVA_HOME=\$JAVA_HOME has no bin/java; point it at a Java 17+ or unset it" >&2
        exit 1
    fi
elif [ -x $(printf '%q' "$java") ]; then
    java=$(printf '%q' "$java")
else
    java=java
fi
cds=()
if [ -f "\$CADENCE_HOME/cadence.jsa" ]; then
    # -Xshare:auto: a stale or foreign archive is ignored silently
    cds=(-XX:SharedArchiveFile="\$CADENCE_HOME/cadence.jsa" -Xshare:auto)
fi
# the command is the first word that is not an option or an option's value
jit=$SHORT_FLAGS
skip=
for a in "\$@"; do
    if [ -n "\$skip" ]; then skip=; continue; fi
    case "\$a" in
        -w|--workspace|--ledger|--as-of|--log-file) skip=1 ;;
        -*) ;;
        import|export) jit=; break ;;
        *) break ;;
    esac
done
# shellcheck disable=SC2086 # JAVA_OPTS is a list of words by convention
exec "\$java" "\${cds[@]}" $JVM_FLAGS \$jit $native_flags \${JAVA_OPTS:-} -jar "\$CADENCE_HOME/cadence.jar" "\$@"
EOF
chmod 755 "$tmp_launcher"
mv -f -- "$tmp_launcher" "$launcher"

# ---------------------------------------------------------------- class-data sharing
# A static AppCDS archive built from the classes that typical commands load (merged class
# lists of several runs), dumped against the installed jar's absolute path. If anything here
# fails, cadence still works, only its start-up is slower.
make_cds() {
    local jar="$home_dir/cadence.jar" ws="$work/ws" list="$work/classes.lst" n=0
    train() {
        n=$((n + 1))
        # shellcheck disable=SC2086
        (cd "$work" && "$java" -Xshare:off $JVM_FLAGS -XX:DumpLoadedClassList="$work/run$n.lst" \
            -jar "$jar" "$@" </dev/null >/dev/null 2>&1) || true
    }
    train --version
    train --help
    train init --example "$ws"
    train -w "$ws" validate
    train -w "$ws" sequences list
    train -w "$ws" sequences show cold-outbound
    train -w "$ws" due
    train -w "$ws" due --format json
    train -w "$ws" contacts show dana.whitfield@harborline.example
    # `run`: render and MIME (dry run), then a real run into an SMTP port nothing listens on
    # (claim, connect refused, mark): the classes on the path to the first send
    train -w "$ws" run --dry-run
    # (a transport added after the example's outbox line; POSIX awk, no in-place edit, no backup left)
    awk '{ print } $0 == "  outbox: { dir: outbox }" {
        print "  train: { type: smtp, host: 127.0.0.1, port: 9, starttls: false, timeout: 2s }" }' \
        "$ws/cadence.yaml" > "$ws/cadence.yaml.new" && mv "$ws/cadence.yaml.new" "$ws/cadence.yaml"
    train -w "$ws" run --transport train
    # merge, dropping dynamic proxies (generated at run time, never archivable)
    cat "$work"/run*.lst 2>/dev/null | grep -v -e '^jdk/proxy' -e '^com/sun/proxy' | awk '!seen[$0]++' > "$list"
    [[ -s "$list" ]] || return 1
    # shellcheck disable=SC2086
    "$java" -Xshare:dump $JVM_FLAGS -XX:SharedClassListFile="$list" \
        -XX:SharedArchiveFile="$home_dir/cadence.jsa" -cp "$jar" >"$work/cds.log" 2>&1 || return 1
    [[ -s "$home_dir/cadence.jsa" ]]
}
if [[ "$home_dir" == *[:\;]* ]]; then
    say "no class-data-sharing archive: the install path contains ':' or ';'"
elif (( cds )); then
    if make_cds; then
        say "class-data-sharing archive: $home_dir/cadence.jsa ($(wc -l < "$work/classes.lst") classes listed)"
    else
        rm -f -- "$home_dir/cadence.jsa"
        say "warning: could not create the class-data-sharing archive; cadence works, start-up is slower"
        [[ -f "$work/cds.log" ]] && tail -n 5 "$work/cds.log" >&2
    fi
fi

# ---------------------------------------------------------------- check and report
version_line="$("$launcher" --version </dev/null 2>&1)" || die "the installed launcher does not run: $version_line"
version="$(awk '{print $2; exit}' <<< "$version_line")"
case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *)
        say "$bin_dir is not on your PATH; add it, e.g.:"
        # shellcheck disable=SC2016
        say "  echo 'export PATH=\"$bin_dir:\$PATH\"' >> ~/.profile && export PATH=\"$bin_dir:\$PATH\""
        ;;
esac
echo "installed cadence $version to $launcher"
