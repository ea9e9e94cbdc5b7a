#!/usr/bin/env bash
# Local single-node Apache Kafka 4.x (KRaft broker+controller) without Docker.
# Jars come from Maven Central via deploy/kafka/pom.xml; see deploy/kafka/README.md.
#
#   bash deploy/kafka/kafka.sh fetch|start|stop|kill|status|reset|logs
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_PARTITIONS="${KAFKA_PARTITIONS:-3}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m}"
KAFKA_EXTRA_PROPS="${KAFKA_EXTRA_PROPS:-}" # extra server.properties lines (newline-separated)
# Cluster members (deploy/kafka/cluster.sh sets these): node id, the static controller quorum
# ("1@host:port,2@host:port,..."; empty: a standalone single node), a shared cluster id, and the
# replication factor of topics and internal topics (min.insync.replicas is 2 from RF 3 on).
KAFKA_NODE_ID="${KAFKA_NODE_ID:-1}"
KAFKA_QUORUM_VOTERS="${KAFKA_QUORUM_VOTERS:-}"
KAFKA_CLUSTER_ID="${KAFKA_CLUSTER_ID:-}"
KAFKA_REPLICATION="${KAFKA_REPLICATION:-1}"
KAFKA_START_WAIT="${KAFKA_START_WAIT:-1}" # 0: start returns once the JVM is launched (cluster.sh waits for the quorum)

abspath() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
CACHE="$(abspath "${KAFKA_CACHE_DIR:-$REPO/.cache/kafka}")"
DATA="$(abspath "${KAFKA_DATA_DIR:-$REPO/.data/kafka}")"
LIBS="$CACHE/libs"
PROPS="$DATA/server.properties"
PIDFILE="$DATA/kafka.pid"
LOG="$DATA/server.log"     # log4j2 output (see log4j2.properties)
OUT="$DATA/kafka.out"      # JVM stdout/stderr (normally empty; crashes land here)
CLIENT_PROPS="$DATA/client.properties"

say() { printf '[kafka] %s\n' "$*"; }
die() { printf '[kafka] ERROR: %s\n' "$*" >&2; exit 1; }

need_java() {
  command -v java >/dev/null 2>&1 || die "java not found (Kafka 4 needs Java 17+)"
  local v
  v="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  [[ -n "$v" && "$v" -ge 17 ]] || die "Java 17+ required (found: ${v:-unknown})"
}

# Marker keyed by Kafka version + pom content, so a pom change triggers a re-fetch.
marker() {
  local h
  h="$(sha256sum "$HERE/pom.xml" | cut -c1-12)"
  printf '%s/.fetched-%s-%s\n' "$CACHE" "$KAFKA_VERSION" "$h"
}

cmd_fetch() {
  local m; m="$(marker)"
  if [[ -f "$m" && -f "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]]; then
    say "jars for Kafka $KAFKA_VERSION already in $LIBS"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to download Kafka jars)"
  mkdir -p "$CACHE"
  exec 8>"$CACHE/.fetch.lock"
  flock 8
  if [[ -f "$m" && -f "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]]; then # fetched meanwhile
    say "jars for Kafka $KAFKA_VERSION already in $LIBS"; exec 8>&-; return 0
  fi
  say "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS ..."
  local t0=$SECONDS tmp="$CACHE/libs.tmp.$$"
  rm -rf "$tmp"
  # -f with a pom under deploy/kafka: copy-dependencies on a pom-packaged project writes nothing else
  if ! mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
        >"$CACHE/mvn.log" 2>&1; then
    tail -n 30 "$CACHE/mvn.log" >&2
    rm -rf "$tmp"; die "maven download failed (full log: $CACHE/mvn.log)"
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || { rm -rf "$tmp"; die "kafka_2.13-$KAFKA_VERSION.jar missing after download"; }
  rm -rf "$LIBS" "$CACHE"/.fetched-*
  mv "$tmp" "$LIBS"
  printf 'kafka %s\n' "$KAFKA_VERSION" >"$m"
  exec 8>&-
  say "fetched $(find "$LIBS" -name '*.jar' | wc -l) jars ($(du -sh "$LIBS" | cut -f1)) in $((SECONDS - t0))s"
}

# Run a Kafka CLI class with the cached jars and quiet logging.
tool() {
  local cls="$1"; shift
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$HERE/log4j2-tools.properties" \
    -cp "$LIBS/*" "$cls" "$@"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_our_kafka() { # pid -> true if it is the broker for this data dir
  local pid="$1"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline" | grep -qxF "$PROPS"
}

find_pid() { # prints pid of the broker for this data dir, if any
  local pid=""
  [[ -f "$PIDFILE" ]] && pid="$(tr -dc '0-9' <"$PIDFILE")"
  if is_our_kafka "$pid"; then echo "$pid"; return 0; fi
  # pid file lost/stale: look for a java process started with exactly our server.properties
  local p
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    if grep -qsaF -- "kafka.Kafka" "/proc/$p/cmdline" && is_our_kafka "$p"; then
      echo "$p"; return 0
    fi
  done
  return 1
}

write_client_props() {
  cat >"$CLIENT_PROPS" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=8000
EOF
}

STARTED="$DATA/started"   # "<pid> <byte offset of server.log at launch>", written by cmd_start

started_since_launch() { # the broker launched by cmd_start logged, after its launch, that it serves clients
  local pid offset size
  [[ -f "$STARTED" && -f "$LOG" ]] || return 2
  read -r pid offset <"$STARTED" || return 2
  [[ "$pid" == "$(tr -dc '0-9' <"$PIDFILE" 2>/dev/null)" ]] || return 2
  size="$(stat -c %s "$LOG")"
  ((size >= offset)) || offset=0 # rolled over since the launch
  # Logged once the broker is unfenced and its acceptors are up: what a client needs. grep reads to the
  # end (no -q): with pipefail, a grep that quits at the first match would fail the pipeline by SIGPIPE.
  if tail -c +"$((offset + 1))" "$LOG" | grep -F 'Kafka Server started' >/dev/null; then return 0; fi
  return 1
}

healthy() { # the broker's own "started" line when this script launched it, else a real client round-trip
  port_open "$KAFKA_PORT" || return 1
  # A JVM per probe is seconds of CPU on a busy machine (three at once for a cluster): read the log instead.
  local rc=0
  started_since_launch || rc=$?
  ((rc == 2)) || return "$rc"
  [[ -f "$CLIENT_PROPS" ]] || write_client_props
  timeout 20 java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$HERE/log4j2-tools.properties" -cp "$LIBS/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
    --command-config "$CLIENT_PROPS" --list >/dev/null 2>&1
}

write_props() {
  mkdir -p "$DATA/logs"
  local quorum="controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT"
  [[ -n "$KAFKA_QUORUM_VOTERS" ]] && quorum="controller.quorum.voters=$KAFKA_QUORUM_VOTERS"
  local min_isr=1
  ((KAFKA_REPLICATION >= 3)) && min_isr=2
  cat >"$PROPS" <<EOF
# generated by deploy/kafka/kafka.sh -- rewritten on every start, edit the script instead
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
$quorum
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA/logs

num.partitions=$KAFKA_PARTITIONS
default.replication.factor=$KAFKA_REPLICATION
min.insync.replicas=$min_isr
auto.create.topics.enable=true
# internal topics as replicated as the cluster allows (a single broker needs RF 1, or group
# coordinators never appear)
offsets.topic.replication.factor=$KAFKA_REPLICATION
transaction.state.log.replication.factor=$KAFKA_REPLICATION
transaction.state.log.min.isr=$min_isr
share.coordinator.state.topic.replication.factor=$KAFKA_REPLICATION
share.coordinator.state.topic.min.isr=$min_isr
group.initial.rebalance.delay.ms=0
log.retention.hours=24
EOF
  if [[ -n "$KAFKA_EXTRA_PROPS" ]]; then
    printf '# KAFKA_EXTRA_PROPS\n%s\n' "$KAFKA_EXTRA_PROPS" >>"$PROPS"
  fi
}

format_once() {
  local fmt="$DATA/formatted.env"
  if [[ -f "$DATA/logs/meta.properties" ]]; then
    if [[ -f "$fmt" ]] && ! grep -qx "controller_port=$KAFKA_CONTROLLER_PORT" "$fmt"; then
      die "storage in $DATA was formatted for another controller port ($(grep controller_port "$fmt")); run: $0 reset"
    fi
    return 0
  fi
  local id="$KAFKA_CLUSTER_ID"
  [[ -n "$id" ]] || id="$(tool kafka.tools.StorageTool random-uuid)"
  say "formatting storage (cluster id $id) in $DATA/logs"
  local mode=(--standalone)
  [[ -n "$KAFKA_QUORUM_VOTERS" ]] && mode=() # a static quorum: every voter is named in the properties
  tool kafka.tools.StorageTool format "${mode[@]}" -t "$id" -c "$PROPS" >/dev/null \
    || die "kafka-storage format failed"
  printf 'cluster_id=%s\ncontroller_port=%s\nkafka_version=%s\n' "$id" "$KAFKA_CONTROLLER_PORT" "$KAFKA_VERSION" >"$fmt"
}

fail_start() {
  printf '[kafka] ERROR: %s\n' "$1" >&2
  if [[ -s "$OUT" ]]; then printf -- '--- last lines of %s ---\n' "$OUT" >&2; tail -n 20 "$OUT" >&2; fi
  if [[ -f "$LOG" ]]; then
    printf -- '--- last ERROR/FATAL lines of %s ---\n' "$LOG" >&2
    grep -E '^\[[^]]*\] (ERROR|FATAL) ' "$LOG" | tail -n 10 >&2 || true
    printf -- '--- last lines of %s ---\n' "$LOG" >&2; tail -n 25 "$LOG" >&2
  fi
  exit 1
}

wait_ready() { # pid
  # KAFKA_START_TIMEOUT bounds a start that makes no progress, not a slow one: while the broker keeps
  # writing its log (recovering partitions, loading the group coordinator, joining the quorum) on a busy
  # machine, the wait goes on. A broker that died or stopped logging fails the start.
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT)) size last=-1
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; fail_start "broker process $pid exited during startup"; }
    if healthy; then return 0; fi
    size="$(stat -c %s "$LOG" 2>/dev/null || echo 0)"
    if ((size != last)); then last="$size"; deadline=$((SECONDS + KAFKA_START_TIMEOUT)); fi
    sleep 1
  done
  fail_start "broker did not accept clients on 127.0.0.1:$KAFKA_PORT and logged nothing for ${KAFKA_START_TIMEOUT}s (pid $pid still running; '$0 stop' to stop it)"
}

cmd_start() {
  need_java
  mkdir -p "$DATA"
  exec 9>"$DATA/.kafka.lock"
  flock 9
  local pid t0=$SECONDS
  if pid="$(find_pid)"; then
    echo "$pid" >"$PIDFILE"
    if healthy; then
      say "already running and healthy (pid $pid) on 127.0.0.1:$KAFKA_PORT"
      return 0
    fi
    say "already running (pid $pid) but not answering yet; waiting..."
    wait_ready "$pid"
    say "ready on 127.0.0.1:$KAFKA_PORT (pid $pid)"
    return 0
  fi
  rm -f "$PIDFILE"
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open "$p" && die "port $p on 127.0.0.1 is already in use by another process"
  done
  cmd_fetch
  write_props
  write_client_props
  format_once
  say "starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT, data $DATA)"
  : >"$OUT"
  local offset=0
  [[ -f "$LOG" ]] && offset="$(stat -c %s "$LOG")"
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is intentionally word-split
  nohup java $KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
    -Dkafka.logs.dir="$DATA" \
    -cp "$LIBS/*" kafka.Kafka "$PROPS" >>"$OUT" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PIDFILE"
  echo "$pid $offset" >"$STARTED"
  if [[ "$KAFKA_START_WAIT" == 0 ]]; then
    say "launched node $KAFKA_NODE_ID (pid $pid)"
    return 0
  fi
  wait_ready "$pid"
  say "ready on 127.0.0.1:$KAFKA_PORT (pid $pid) in $((SECONDS - t0))s"
}

wait_gone() { # pid seconds
  local pid="$1" n=$(($2 * 10))
  while ((n-- > 0)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  ! kill -0 "$pid" 2>/dev/null
}

cmd_stop() {
  mkdir -p "$DATA"
  exec 9>"$DATA/.kafka.lock"
  flock 9
  local pid
  if ! pid="$(find_pid)"; then
    rm -f "$PIDFILE"
    say "not running"
    return 0
  fi
  say "stopping (pid $pid, SIGTERM)..."
  kill -TERM "$pid" 2>/dev/null || true
  if wait_gone "$pid" "$KAFKA_STOP_TIMEOUT"; then
    say "stopped"
  else
    say "still alive after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || die "pid $pid did not die"
    say "killed"
  fi
  rm -f "$PIDFILE"
}

cmd_kill() {
  mkdir -p "$DATA"
  local pid
  if ! pid="$(find_pid)"; then
    rm -f "$PIDFILE"
    say "not running"
    return 0
  fi
  kill -KILL "$pid" 2>/dev/null || true
  wait_gone "$pid" 10 || die "pid $pid did not die"
  rm -f "$PIDFILE"
  say "killed (pid $pid, SIGKILL)"
}

cmd_status() {
  local pid
  if pid="$(find_pid)"; then
    if port_open "$KAFKA_PORT"; then
      say "running (pid $pid) on 127.0.0.1:$KAFKA_PORT, data $DATA"
    else
      say "process running (pid $pid) but 127.0.0.1:$KAFKA_PORT is not open (starting or wedged)"
    fi
    return 0
  fi
  say "not running (data $DATA)"
  return 3
}

cmd_reset() {
  cmd_stop
  rm -rf "$DATA"
  say "deleted $DATA"
}

usage() {
  cat <<EOF
usage: $0 {fetch|start|stop|kill|status|reset|logs}
  fetch   download Kafka $KAFKA_VERSION jars into \$KAFKA_CACHE_DIR (once)
  start   fetch if needed, format storage once, start broker, wait until clients work
  stop    SIGTERM, wait up to ${KAFKA_STOP_TIMEOUT}s, then SIGKILL
  kill    SIGKILL immediately
  status  exit 0 if running, 3 if not
  reset   stop and delete \$KAFKA_DATA_DIR
  logs    print the last 50 lines of server.log
EOF
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  kill) cmd_kill ;;
  status) cmd_status ;;
  ready) pid="$(find_pid)" || die "not running"; wait_ready "$pid"; say "ready on 127.0.0.1:$KAFKA_PORT (pid $pid)" ;;
  reset) cmd_reset ;;
  logs) tail -n 50 "$LOG" 2>/dev/null || say "no log at $LOG" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
