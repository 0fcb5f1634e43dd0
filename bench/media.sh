#!/usr/bin/env bash
# Builds Release and runs the media fidelity bench in the network lab (as root): Measure-TelnyxMediaPath's
# RTT, jitter and loss against the impairment relay's record of every packet, on Impaired(delay, jitter,
# loss) paths, and turnutils_uclient's on the same paths. The bench program builds and removes the labs.
# Usage: bench/media.sh [--paths D/J/L,...] [--duration S] [--runs N] [--seed N] [--results FILE]
#        (defaults: 80/10/1,200/40/3,150/20/5; 5 s; 3 runs; seed 1)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "bench/media.sh needs root: the network lab builds namespaces and firewall rules." >&2
  exit 2
fi
echo "== build (Release)"
dotnet build "$root/bench/TelnyxNet.Bench" -c Release -nologo -v quiet
echo "== coturn $(turnserver --version 2>/dev/null | head -n 1); load average before measuring: $(cut -d ' ' -f 1-3 /proc/loadavg) (1/5/15 min, $(nproc) cores)"
exec "$root/bench/TelnyxNet.Bench/bin/Release/net10.0/TelnyxNet.Bench" media "$@"
