#!/usr/bin/env bash
# Runs every HallBoard test. Installs what the tests need (Debian's Chromium and CJK fonts for the
# browser tests, redis-server for the two-instance live test, which starts its own on a free port)
# when it is missing, so it works on a fresh Debian machine with the .NET 10 SDK.
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

results=$(mktemp -d)
set +e
dotnet test HallBoard.sln --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@"
code=$?
set -e

# One plain closing line with the counts, read from the test results.
trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/')
  failed=$(echo "$counters" | sed -E 's/.* failed="([0-9]+)".*/\1/')
  echo "tests: ${passed} passed, ${failed} failed"
fi
rm -rf "$results"
exit $code
