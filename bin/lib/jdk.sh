# Finds a JDK >= 21 for Baton's launchers. Sourced by bin/baton and samples/run.
# Looks at $JAVA_HOME, java on PATH, /usr/lib/jvm/*, ~/.sdkman, ~/.jdks; picks the newest.
baton_min_java=21

java_major() {
  # Prints the major version of the java binary $1 (e.g. 17, 21, 25), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local dir
  for dir in /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$dir/bin/java" ] && candidates+=("$dir/bin/java")
  done
  local best="" best_version=0 c v
  for c in "${candidates[@]}"; do
    v="$(java_major "$c" 2>/dev/null || true)"
    if [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -ge "$baton_min_java" ] && [ "$v" -gt "$best_version" ]; then
      best="$c"; best_version="$v"
    fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}

require_java() {
  find_java || {
    echo "baton: no JDK >= $baton_min_java found (looked at JAVA_HOME, PATH, /usr/lib/jvm, ~/.sdkman, ~/.jdks)." >&2
    echo "baton: install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, then try again." >&2
    return 1
  }
}
