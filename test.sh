#!/usr/bin/env bash
# Runs every HallBoard test. Installs what the tests need (Debian's Chromium and CJK fonts for the
# browser tests, redis-server for the two-instance live test, which starts its own on a free port,
# PostgreSQL, whose binaries the tests use to start a throwaway cluster) when it is missing, so it
# works on a fresh Debian machine with the .NET 10 SDK.
# Two passes, side by side, on the Release build: everything but the PostgreSQL-only tests (trait Provider=Postgres) on
# SQLite, and the provider-neutral tests (all but those with the trait Provider=Sqlite: most browser tests, component
# and SQLite-specific tests) again on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
# Chromium recommends it; named because recommendations are not installed (below).
dpkg -s fonts-liberation >/dev/null 2>&1 || need+=(fonts-liberation)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)

# On a fresh machine the install runs beside the build, which needs none of it: it is mostly download and unpacking
# while the build is mostly compiling. Chromium's other recommendations (a GL driver, printer and power tools) were about
# half of what it brought in, and headless Chromium uses none of them.
install_log=$(mktemp)
install_pid=""
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test dependencies beside the build: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  ( $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" ) \
    > "$install_log" 2>&1 &
  install_pid=$!
fi

results=$(mktemp -d)
# Built once; then the two passes run side by side: each spends part of its time waiting on browsers, timers and
# servers, which the other fills.
dotnet build HallBoard.sln -c Release -nologo -v q

if [ -n "$install_pid" ] && ! wait "$install_pid"; then
  cat "$install_log"
  echo "Installing the test dependencies (${need[*]}) failed." >&2
  exit 1
fi
rm -f "$install_log"

# Test databases, attachments and the throwaway PostgreSQL cluster go to RAM when it has room: SQLite's durable commits
# (synchronous=FULL, one fsync each) on disk were a good part of every app start and command in the run.
if [ -z "${HALLBOARD_TEST_KEEP_TMPDIR:-}" ] && [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR==2 {print $4}')" -gt 4194304 ]; then
  TMPDIR=$(mktemp -d /dev/shm/hallboard-tests.XXXXXX)
  chmod 1777 "$TMPDIR" # like /tmp: the PostgreSQL cluster runs as its own user
  export TMPDIR
  trap 'rm -rf "$TMPDIR"' EXIT
fi

# Most test code runs a few times in a short-lived process: the JIT's profile-guided tier (instrumented code, then a
# second compilation) cost more than it won back, about 15% of the test processes' CPU.
export DOTNET_TieredPGO=0

set +e
dotnet test HallBoard.Tests -c Release --no-build --filter "Provider!=Postgres" --logger "trx;LogFileName=tests.trx" \
  --results-directory "$results/sqlite" "$@" \
  > "$results/sqlite.log" 2>&1 &
sqlite_pid=$!
HALLBOARD_TEST_PROVIDER=Postgres dotnet test HallBoard.Tests -c Release --no-build --filter "Provider!=Sqlite" \
  --logger "trx;LogFileName=tests.trx" --results-directory "$results/postgres" > "$results/postgres.log" 2>&1 &
pg_pid=$!
echo "Running the SQLite and PostgreSQL passes side by side…"
wait $sqlite_pid; code=$?
wait $pg_pid; pg_code=$?
set -e
echo "=== SQLite pass ==="; cat "$results/sqlite.log"
echo "=== PostgreSQL pass ==="; cat "$results/postgres.log"

# One plain closing line with the counts of both passes, read from the test results.
count() {
  local trx counters
  trx=$(find "$1" -name '*.trx' 2>/dev/null | head -n 1)
  if [ -z "$trx" ]; then echo "0 0"; return; fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  echo "$(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/') $(echo "$counters" | sed -E 's/.* failed="([0-9]+)".*/\1/')"
}
read -r sqlite_passed sqlite_failed < <(count "$results/sqlite")
read -r pg_passed pg_failed < <(count "$results/postgres")
echo "SQLite pass: ${sqlite_passed} passed, ${sqlite_failed} failed; PostgreSQL pass: ${pg_passed} passed, ${pg_failed} failed"
echo "tests: $((sqlite_passed + pg_passed)) passed, $((sqlite_failed + pg_failed)) failed"
rm -rf "$results"
[ $code -eq 0 ] && [ $pg_code -eq 0 ]
