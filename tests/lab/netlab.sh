#!/usr/bin/env bash
# The network lab: three network namespaces joined by veth pairs, an office LAN behind a NAT
# router and "the internet" with a server on two addresses.
#
#   PREFIX-cli  10.0.0.2/24 (default route via 10.0.0.1)
#      | veth
#   PREFIX-nat  10.0.0.1/24 | 203.0.113.1/24, forwards, MASQUERADEs out of its public side
#      | veth
#   PREFIX-srv  203.0.113.10/24 and 203.0.113.11/24 (no route to 10.0.0.0/24: replies need the NAT)
#
# Usage (as root):
#   netlab.sh up PREFIX      build the lab (fails if any of its namespaces exists)
#   netlab.sh reset PREFIX   back to the plain NAT: flush the NAT's firewall, MASQUERADE only, no
#                            traffic shaping, no route from the server to the office LAN, forget
#                            conntrack state
#   netlab.sh down PREFIX    kill every process in the lab's namespaces, delete them and the
#                            lab's temporary directory (idempotent: a missing namespace is fine)
#   netlab.sh sweep          run 'down' for every lab left behind by a process that is gone: labs
#                            the harness (tests/lab/TelnyxNet.Lab) makes are named
#                            tnl<pid>-<start time>-<n>, the owner's process id and start time
#                            (field 22 of /proc/<pid>/stat), so a reused pid is no owner
#
# Nothing here touches the machine's own interfaces, routes or firewall: every command runs in
# one of the lab's namespaces.
set -Eeuo pipefail

usage() {
  echo "usage: $0 up|reset|down PREFIX | $0 sweep   (PREFIX: letters, digits, '-', '_'; at most 40 characters)" >&2
  exit 2
}

command=${1:-}
if [ "$command" = sweep ]; then
  [ $# -eq 1 ] || usage
  prefix=sweep
else
  [ $# -eq 2 ] || usage
  prefix=$2
  [[ $prefix =~ ^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$ ]] || usage
fi

cli=$prefix-cli
nat=$prefix-nat
srv=$prefix-srv

exists() {
  # grep reads everything (no -q), so that pipefail never sees a SIGPIPE.
  ip netns list | awk '{print $1}' | grep -xF -- "$1" >/dev/null
}

# Kills what runs in namespace $1 (SIGTERM, then SIGKILL after ~2 s), then deletes it.
remove() {
  local ns=$1 pids i
  exists "$ns" || return 0
  pids=$(ip netns pids "$ns" || true)
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    for i in $(seq 1 40); do
      pids=$(ip netns pids "$ns" || true)
      [ -z "$pids" ] && break
      sleep 0.05
    done
    if [ -n "$pids" ]; then
      # shellcheck disable=SC2086
      kill -KILL $pids 2>/dev/null || true
      for i in $(seq 1 40); do
        [ -z "$(ip netns pids "$ns" || true)" ] && break
        sleep 0.05
      done
    fi
  fi
  ip netns del "$ns"
}

down() {
  remove "$cli"
  remove "$nat"
  remove "$srv"
  rm -rf -- "${TMPDIR:-/tmp}/$prefix"
  # Per-namespace resolver files (TelnyxNet.Lab's LabResolvConf), which ip netns exec bind-mounts.
  rm -rf -- "/etc/netns/$cli" "/etc/netns/$nat" "/etc/netns/$srv"
}

# The start time (clock ticks after boot) of process $1, or nothing when there is no such process.
# Fields after the command name, which may hold spaces, start at field 3: start time is the 20th.
start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  awk '{print $20}' <<<"${stat##*) }"
}

sweep() {
  local name owner pid started seen=" "
  for name in $(ip netns list | awk '{print $1}'); do
    [[ $name =~ ^(tnl([0-9]+)-([0-9]+)-[0-9]+)-(cli|nat|srv)$ ]] || continue
    owner=${BASH_REMATCH[1]}
    pid=${BASH_REMATCH[2]}
    started=${BASH_REMATCH[3]}
    case $seen in *" $owner "*) continue ;; esac
    seen="$seen$owner "
    [ "$(start_time "$pid")" = "$started" ] && continue
    echo "netlab: removing $owner, left behind by process $pid" >&2
    prefix=$owner
    cli=$prefix-cli
    nat=$prefix-nat
    srv=$prefix-srv
    down
  done
}

in_nat() {
  ip netns exec "$nat" "$@"
}

reset() {
  exists "$nat" || { echo "netlab: $nat does not exist; run '$0 up $prefix' first" >&2; exit 1; }
  local table
  for table in filter nat mangle raw; do
    in_nat iptables -w -t "$table" -F
    in_nat iptables -w -t "$table" -X
  done
  in_nat iptables -w -P INPUT ACCEPT
  in_nat iptables -w -P FORWARD ACCEPT
  in_nat iptables -w -P OUTPUT ACCEPT
  in_nat iptables -w -t nat -A POSTROUTING -o v-nat-pub -j MASQUERADE
  # Traffic shaping (a bandwidth cap) and the server's route to the office LAN (no NAT) go too.
  local device
  for device in v-nat-in v-nat-pub; do
    if in_nat tc qdisc show dev "$device" root | grep -F tbf >/dev/null; then
      in_nat tc qdisc del dev "$device" root
    fi
  done
  ip -n "$srv" route flush 10.0.0.0/24
  # Forget NAT mappings and tracked flows. Optional: each client run uses a new ephemeral source
  # port, so no entry of an earlier scenario can match a later one's packets.
  if command -v conntrack >/dev/null 2>&1; then
    in_nat conntrack -F >/dev/null 2>&1 || true
  fi
}

up() {
  local ns
  for ns in "$cli" "$nat" "$srv"; do
    if exists "$ns"; then
      echo "netlab: namespace $ns already exists; run '$0 down $prefix' first" >&2
      exit 1
    fi
  done
  command -v iptables >/dev/null 2>&1 || { echo "netlab: iptables is not installed (apt-get install -y iptables)" >&2; exit 1; }

  # From here on a failure removes whatever was built.
  trap 'down' ERR
  for ns in "$cli" "$nat" "$srv"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done

  # Interface names are per namespace, so fixed short names cannot collide between labs.
  ip -n "$cli" link add v-cli type veth peer name v-nat-in netns "$nat"
  ip -n "$srv" link add v-srv type veth peer name v-nat-pub netns "$nat"
  ip -n "$cli" addr add 10.0.0.2/24 dev v-cli
  ip -n "$nat" addr add 10.0.0.1/24 dev v-nat-in
  ip -n "$nat" addr add 203.0.113.1/24 dev v-nat-pub
  ip -n "$srv" addr add 203.0.113.10/24 dev v-srv
  ip -n "$srv" addr add 203.0.113.11/24 dev v-srv
  ip -n "$cli" link set v-cli up
  ip -n "$nat" link set v-nat-in up
  ip -n "$nat" link set v-nat-pub up
  ip -n "$srv" link set v-srv up
  ip -n "$cli" route add default via 10.0.0.1

  in_nat sysctl -qw net.ipv4.ip_forward=1
  # Every ICMP error the NAT sends is part of a test's expectation: no rate limit.
  in_nat sysctl -qw net.ipv4.icmp_ratelimit=0
  reset
  trap - ERR
}

case $command in
  up) up ;;
  reset) reset ;;
  down) down ;;
  sweep) sweep ;;
  *) usage ;;
esac
