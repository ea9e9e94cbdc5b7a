#!/usr/bin/env bash
# A local Kafka cluster of KAFKA_NODES (3) KRaft nodes, each broker and controller, on 127.0.0.1: node i
# listens for clients on KAFKA_BASE_PORT + 2(i-1) and for the controller quorum on the port after it.
# Topics get replication factor 3 and min.insync.replicas 2 (so do the internal topics).
#
#   bash deploy/kafka/cluster.sh start|stop|status|brokers|reset
#   bash deploy/kafka/cluster.sh kill N | stop N | start N     (one node: SIGKILL, controlled stop, start)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
NODES="${KAFKA_NODES:-3}"
BASE="${KAFKA_BASE_PORT:-29092}"
DIR="${KAFKA_CLUSTER_DIR:-$REPO/.data/kafka-cluster}"
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac

say() { printf '[kafka-cluster] %s\n' "$*"; }

client_port() { echo $((BASE + 2 * ($1 - 1))); }
controller_port() { echo $((BASE + 2 * ($1 - 1) + 1)); }

voters() {
  local i out=""
  for i in $(seq 1 "$NODES"); do out+="${out:+,}$i@127.0.0.1:$(controller_port "$i")"; done
  echo "$out"
}

brokers() {
  local i out=""
  for i in $(seq 1 "$NODES"); do out+="${out:+,}127.0.0.1:$(client_port "$i")"; done
  echo "$out"
}

cluster_id() { # one id for every node, kept beside the nodes' data
  mkdir -p "$DIR"
  if [[ ! -s "$DIR/cluster.id" ]]; then
    bash "$HERE/kafka.sh" fetch >/dev/null
    java -cp "${KAFKA_CACHE_DIR:-$REPO/.cache/kafka}/libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null >"$DIR/cluster.id"
  fi
  cat "$DIR/cluster.id"
}

node() { # i command...
  local i="$1"; shift
  KAFKA_NODE_ID="$i" KAFKA_PORT="$(client_port "$i")" KAFKA_CONTROLLER_PORT="$(controller_port "$i")" \
    KAFKA_QUORUM_VOTERS="$(voters)" KAFKA_CLUSTER_ID="$(cluster_id)" KAFKA_REPLICATION="${KAFKA_REPLICATION:-3}" \
    KAFKA_DATA_DIR="$DIR/node-$i" KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx384m}" \
    KAFKA_EXTRA_PROPS="${KAFKA_EXTRA_PROPS:-$'broker.heartbeat.interval.ms=1000\nbroker.session.timeout.ms=4000'}" \
    bash "$HERE/kafka.sh" "$@"
}

start_nodes() { # node numbers: launch them all, then wait for each (a node alone has no quorum)
  local i
  for i in "$@"; do KAFKA_START_WAIT=0 node "$i" start; done
  for i in "$@"; do node "$i" ready; done
}

case "${1:-}" in
  start)
    if [[ -n "${2:-}" ]]; then start_nodes "$2"; else start_nodes $(seq 1 "$NODES"); fi
    say "brokers: $(brokers)" ;;
  stop)
    if [[ -n "${2:-}" ]]; then node "$2" stop; else for i in $(seq "$NODES" -1 1); do node "$i" stop; done; fi ;;
  kill) node "${2:?node number}" kill ;;
  status)
    rc=0
    for i in $(seq 1 "$NODES"); do node "$i" status || rc=3; done
    exit "$rc" ;;
  brokers) brokers ;;
  reset)
    for i in $(seq 1 "$NODES"); do node "$i" stop || true; done
    rm -rf "$DIR"; say "removed $DIR" ;;
  *) sed -n '2,8p' "$0" >&2; exit 2 ;;
esac
