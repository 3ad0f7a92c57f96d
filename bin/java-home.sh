# Sourced by bin/run and bin/test: finds a JDK 25 and exports JAVA_HOME, or explains what to install.
# Order: $JAVA_HOME, then `java` on PATH, then the system JVM directories.
bazaar_java_version() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
bazaar_find_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" \
                   "$(command -v javac >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v javac)")")")" \
                   /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(bazaar_java_version "$candidate")" = "25" ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  cat >&2 <<'MSG'
Bazaar needs a JDK 25 and none was found (looked at $JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt/java).
Install one, for example Eclipse Temurin 25 (https://adoptium.net) or your distribution's openjdk-25-jdk package,
then run this command again (or point JAVA_HOME at it).
MSG
  return 1
}
