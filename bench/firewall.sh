#!/usr/bin/env bash
# Builds Release and runs the firewall scenario (as root): in a network lab that drops everything
# from the client, whole-process `telnyxnet firewall` over a catalog of one rule of every probe kind,
# all rules at once against one run per rule in turn. The bench program removes the lab on every path.
# Usage: bench/firewall.sh [--runs N] [--sequential-runs N] [--timeout S] [--results FILE]   (defaults: 5, 2, 3)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
echo "== build (Release)"
dotnet build "$root/src/TelnyxNet.Cli" -c Release -nologo -v quiet
dotnet build "$root/bench/TelnyxNet.Bench" -c Release -nologo -v quiet
echo "== load average before measuring: $(cut -d ' ' -f 1-3 /proc/loadavg) (1/5/15 min, $(nproc) cores)"
exec "$root/bench/TelnyxNet.Bench/bin/Release/net10.0/TelnyxNet.Bench" firewall "$@"
