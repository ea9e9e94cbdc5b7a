#!/usr/bin/env bash
# The whole test suite against real components: PostgreSQL (DATABASE_URL, else an embedded one
# started by Jest's global setup) and a real Kafka broker (KAFKA_BROKERS, else the test brokers of
# deploy/kafka on 127.0.0.1:19092 and, for the fault tests, :19192 — TEST_KAFKA_PORT and +100 when set — and
# the three-broker cluster of the cluster drills on :19300-19305 (TEST_KAFKA_CLUSTER_PORT), stopped afterwards).
# The multi-process drill's APIs and workers listen on :19400, :19401, :19410, :19411 (TEST_MULTI_PROCESS_PORT).
# Extra arguments go to Jest.
set -euo pipefail
cd "$(dirname "$0")/.."

KAFKA_DATA="$(realpath -m "${TEST_KAFKA_DATA_DIR:-.data/test-kafka}")"
stop_test_brokers() {
  for d in "$KAFKA_DATA" "$KAFKA_DATA-faults"; do
    [ -d "$d" ] && KAFKA_DATA_DIR="$d" bash deploy/kafka/kafka.sh stop >/dev/null 2>&1 || true
  done
  [ -d .data/test-kafka-cluster ] && KAFKA_BASE_PORT="${TEST_KAFKA_CLUSTER_PORT:-19300}" KAFKA_CLUSTER_DIR="$PWD/.data/test-kafka-cluster" \
    bash deploy/kafka/cluster.sh stop >/dev/null 2>&1 || true
}

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium and CJK fonts for the browser tests"
  (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) || echo "could not install chromium; the browser tests will say so"
fi

if [ -z "${KAFKA_BROKERS:-}" ]; then
  trap stop_test_brokers EXIT
  # Fetch and start the shared test broker up front, so the first download is not inside a test's timeout.
  # The same port and data directory as test/kafka/broker.ts, so the tests find this broker running.
  port="${TEST_KAFKA_PORT:-19092}"
  KAFKA_PORT="$port" KAFKA_CONTROLLER_PORT="$((port + 1))" KAFKA_DATA_DIR="$KAFKA_DATA" bash deploy/kafka/kafka.sh start
fi

# Jest requires the ESM-only packages natively (see jest.config.js). Through `npm test` the `node` on
# PATH is node_modules/.bin/node, the devDependency; npx puts it first as well when this is run by hand.
export NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}"
npx jest --ci "$@"
