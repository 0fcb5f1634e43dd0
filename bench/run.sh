#!/usr/bin/env bash
# Builds Release, starts a private coturn on 127.0.0.1, runs the in-process and whole-process
# benchmarks against it, then (as root) the RTT accuracy bench in the network lab, and prints one
# summary table. coturn, the lab and the temp dir are always removed.
# Usage: bench/run.sh [--runs N] [--iterations N]   (defaults: 30 process runs, 20000 round trips)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=30
iterations=20000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--iterations N]" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/telnyxnet-bench.XXXXXX")
turn_pid=""
step_pid=""

# Runs one bench step as the leader of its own process group and waits for it, so that a signal
# to this script is handled at once and ends the step with every process it started.
step() {
  setsid "$@" &
  step_pid=$!
  local rc=0
  wait "$step_pid" || rc=$?
  step_pid=""
  return "$rc"
}

cleanup() {
  if [ -n "$step_pid" ]; then
    kill -TERM -- "-$step_pid" 2>/dev/null || true
  fi
  if [ -n "$turn_pid" ] && kill -0 "$turn_pid" 2>/dev/null; then
    kill "$turn_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$turn_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$turn_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A UDP and TCP port (and the next one) that nothing on this machine listens on.
port_is_free() {
  [ -z "$(ss -Hlntu "( sport = :$1 or sport = :$(($1 + 1)) )")" ]
}

pick_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if port_is_free "$p"; then
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

echo "== build (Release; telnyxnet native, out/cli)"
dotnet publish "$root/src/TelnyxNet.Cli" -c Release -nologo -v quiet
dotnet build "$root/bench/TelnyxNet.Bench" -c Release -nologo -v quiet
bench="$root/bench/TelnyxNet.Bench/bin/Release/net10.0/TelnyxNet.Bench"

port=$(pick_port)
relay=$((40000 + (RANDOM % 200) * 40))
echo "== coturn $(turnserver --version 2>/dev/null | head -n 1) on 127.0.0.1:$port (temp dir $work)"
turnserver -n --no-cli --log-file=stdout --simple-log --pidfile="$work/turn.pid" \
  --userdb="$work/turndb.sqlite" -L 127.0.0.1 -E 127.0.0.1 --listening-port="$port" \
  --no-tls --no-dtls --min-port="$relay" --max-port="$((relay + 39))" \
  >"$work/turn.log" 2>&1 </dev/null &
turn_pid=$!

for _ in $(seq 1 50); do
  [ -n "$(ss -Hlun "sport = :$port")" ] && break
  kill -0 "$turn_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$(ss -Hlun "sport = :$port")" ]; then
  echo "coturn did not start listening on UDP $port:" >&2
  cat "$work/turn.log" >&2
  exit 1
fi

results="$work/results.tsv"
echo "== load average before measuring: $(cut -d ' ' -f 1-3 /proc/loadavg) (1/5/15 min, $(nproc) cores)"
echo "== inprocess"
step "$bench" inprocess --port "$port" --iterations "$iterations" --results "$results"
echo "== scenario"
step "$bench" scenario --port "$port" --runs "$runs" --results "$results"
if [ "$(id -u)" -eq 0 ] && command -v iptables >/dev/null 2>&1; then
  echo "== lab"
  step "$bench" lab --results "$results"
else
  echo "== lab: skipped (the network lab needs root, iproute2 and iptables)"
fi
echo "== fanout"
step "$bench" fanout --port "$port" --results "$results"
echo "== junk"
step "$bench" junk --results "$results"
echo "== summary"
step "$bench" summary --results "$results" --server "coturn $(turnserver --version 2>/dev/null | head -n 1) on 127.0.0.1:$port"
