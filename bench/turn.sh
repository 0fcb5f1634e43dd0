#!/usr/bin/env bash
# Builds Release and runs the TURN scenario: whole-process `telnyxnet turn` (allocate + relay check)
# against turnutils_uclient (allocate + a few relayed packets) on a private coturn on 127.0.0.1 that
# the bench program starts with turnutils_peer and always stops, also on Ctrl+C or SIGTERM.
# Usage: bench/turn.sh [--runs N] [--warmup N] [--packets N] [--results FILE]   (defaults: 10, 1, 3)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
echo "== build (Release)"
dotnet publish "$root/src/TelnyxNet.Cli" -c Release -nologo -v quiet
dotnet build "$root/bench/TelnyxNet.Bench" -c Release -nologo -v quiet
echo "== coturn $(turnserver --version 2>/dev/null | head -n 1); load average before measuring: $(cut -d ' ' -f 1-3 /proc/loadavg) (1/5/15 min, $(nproc) cores)"
exec "$root/bench/TelnyxNet.Bench/bin/Release/net10.0/TelnyxNet.Bench" turn "$@"
