#!/usr/bin/env bash
# Runs the live-path benchmark (docs/benchmarks.md): hub latency against a bare-hub floor, wall DOM latency in
# Chromium, server memory per idle circuit. Everything runs on 127.0.0.1; about 6 minutes on a 2-core machine.
# Options go to the benchmark, e.g. ./bench.sh --quick, ./bench.sh --only floor,hub --clients 500 (--help lists them).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  echo "Installing Chromium and CJK fonts for the wall pages"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
# dotnet-gcdump reads the app's live heap for the memory figure; without it only resident memory is reported.
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v dotnet-gcdump >/dev/null 2>&1; then
  dotnet tool install -g dotnet-gcdump >/dev/null 2>&1 || echo "dotnet-gcdump could not be installed: memory as VmRSS only"
fi

# Builds HallBoard in Release too (the benchmark starts HallBoard/bin/Release/net10.0/HallBoard.dll as its own process).
if ! built=$(dotnet build HallBoard.Benchmarks -c Release -nologo 2>&1); then
  echo "$built" | grep -E "error|Error" | sort -u
  exit 1
fi
exec dotnet HallBoard.Benchmarks/bin/Release/net10.0/HallBoard.Benchmarks.dll "$@"
