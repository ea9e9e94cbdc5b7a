#!/usr/bin/env bash
# The whole test suite against real components: PostgreSQL (DATABASE_URL, else an embedded one
# started by Jest's global setup) and a real Kafka broker (KAFKA_BROKERS, else one started here from
# deploy/kafka on a test port and stopped afterwards). Extra arguments go to Jest.
set -euo pipefail
cd "$(dirname "$0")/.."

started_kafka=no
if [ -z "${KAFKA_BROKERS:-}" ]; then
  export KAFKA_PORT="${TEST_KAFKA_PORT:-19092}" KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-19093}"
  export KAFKA_DATA_DIR="${TEST_KAFKA_DATA_DIR:-$PWD/.data/test-kafka}"
  bash deploy/kafka/kafka.sh start
  started_kafka=yes
  export TEST_KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT}"
else
  export TEST_KAFKA_BROKERS="$KAFKA_BROKERS"
fi
stop_kafka() { [ "$started_kafka" = yes ] && bash deploy/kafka/kafka.sh stop || true; }
trap stop_kafka EXIT

# The app under test reads KAFKA_BROKERS only where a test opts in (TEST_KAFKA_BROKERS).
unset KAFKA_BROKERS
npx jest --ci "$@"
