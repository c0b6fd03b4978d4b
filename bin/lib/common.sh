# Shared by the launchers in bin/ (sourced, not run): finds Java, builds fraudstream with Maven on
# first use and whenever its sources changed, and assembles a module's runtime classpath.

# Only shell builtins until Java is found, so a missing tool cannot hide the real problem.
FS_HOME="$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)"
FS_NAME="${0##*/}"

fs_die() {
    echo "$FS_NAME: $*" >&2
    exit 1
}

# Sets JAVA to a Java 17+ binary: $JAVA_HOME/bin/java, else the java on PATH.
fs_require_java() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        JAVA="$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        JAVA="$(command -v java)"
    else
        fs_die "no Java found: install Java 17 or newer, or set JAVA_HOME to one"
    fi
    local version major
    version="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')"
    major="${version%%.*}"
    if [ "$major" = "1" ]; then
        major="$(echo "$version" | cut -d. -f2)"
    fi
    if ! [ "$major" -ge 17 ] 2>/dev/null; then
        fs_die "Java 17 or newer is needed, but $JAVA is version ${version:-unknown}; set JAVA_HOME"
    fi
}

# What a launcher needs from the build; a missing one forces a build.
FS_OUTPUTS=(
    stack/launcher/target/classpath.txt
    stack/kafka-runtime/target/classpath.txt
    stack/flink-runtime/target/classpath.txt
    stack/zookeeper-runtime/target/classpath.txt
    transaction-generator/target/classpath.txt
    fraud-job/target/fraudstream-fraud-job.jar
    alert-sink/target/classpath.txt
)

fs_needs_build() {
    local stamp="$FS_HOME/var/build/stamp" output
    [ -f "$stamp" ] || return 0
    for output in "${FS_OUTPUTS[@]}"; do
        [ -e "$FS_HOME/$output" ] || return 0
    done
    # Any POM or main source newer than the last successful build.
    [ -n "$(cd "$FS_HOME" && find . \( -name .git -o -name var -o -name target -o -name node_modules \) -prune \
        -o -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$stamp" -print -quit)" ]
}

# Builds (skipping tests) when fs_needs_build says so; one build at a time across launchers.
fs_build() {
    fs_needs_build || return 0
    command -v mvn >/dev/null 2>&1 || fs_die "Maven (mvn) is needed to build fraudstream on first use"
    mkdir -p "$FS_HOME/var/build" "$FS_HOME/var/log"
    exec 9>"$FS_HOME/var/build/lock"
    flock 9
    if ! fs_needs_build; then # another launcher built it while we waited
        flock -u 9
        return 0
    fi
    local log="$FS_HOME/var/log/build.log" started="$FS_HOME/var/build/stamp.next" offline=()
    # After one online build every dependency is in the local repository: build offline.
    [ -f "$FS_HOME/var/build/stamp" ] && offline=(-o)
    touch "$started"
    echo "$FS_NAME: building fraudstream (first use or changed sources; log: var/log/build.log)" >&2
    local begin=$SECONDS
    if ! fs_mvn_package "${offline[@]}" && ! { [ ${#offline[@]} -gt 0 ] && grep -q 'offline mode' "$log" && fs_mvn_package; }; then
        echo "$FS_NAME: the build failed; the end of var/log/build.log:" >&2
        grep -E '^\[(ERROR|WARNING)\]' "$log" | head -40 >&2
        exit 1
    fi
    mv "$started" "$FS_HOME/var/build/stamp"
    echo "$FS_NAME: built in $((SECONDS - begin)) s" >&2
    flock -u 9
}

fs_mvn_package() {
    (cd "$FS_HOME" && mvn -B "$@" -DskipTests -Dspotless.check.skip=true package) >"$FS_HOME/var/log/build.log" 2>&1 &
    local pid=$!
    # Progress: one line per module as Maven reaches it.
    tail -n +1 -f --pid=$pid "$FS_HOME/var/log/build.log" 2>/dev/null |
        sed -un 's/^\[INFO\] Building \(fraudstream[^[]*\)\(\[[0-9]*\/[0-9]*\]\).*/  \2 \1/p' >&2
    wait $pid
}

# The runtime classpath of a module: its jar and the jars its build recorded in classpath.txt.
fs_classpath() {
    local module="$FS_HOME/$1" jar
    jar="$(ls "$module"/target/*.jar 2>/dev/null | grep -vE -- '-(tests|sources|javadoc)\.jar$|original-' | head -1)"
    [ -n "$jar" ] || fs_die "$1 is not built (no jar in $1/target); remove var/build/stamp and retry"
    echo "$jar:$(cat "$module/target/classpath.txt")"
}
