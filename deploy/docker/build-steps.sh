#!/usr/bin/env bash
# The Dockerfile's steps without a container engine, in a clean copy of the committed tree: install,
# build, prune to production dependencies, assemble the image's /app, and start it far enough to
# prove the files are all there (the API answers /health/live on an embedded PostgreSQL).
# Usage: bash deploy/docker/build-steps.sh [work dir]   (CI runs it; nothing is left behind)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-$(mktemp -d)}"
trap 'rm -rf "$WORK"' EXIT
say() { printf '[image] %s\n' "$*"; }

say "clean copy of HEAD in $WORK/src"
mkdir -p "$WORK/src" "$WORK/app"
git -C "$REPO" archive HEAD | tar -x -C "$WORK/src"
cd "$WORK/src"
say "npm ci"; npm ci --no-audit --no-fund --loglevel=error >/dev/null
say "npm run build"; npm run build --silent >/dev/null
say "npm prune --omit=dev"; npm prune --omit=dev --no-audit --no-fund --loglevel=error >/dev/null

say "assemble /app as the runtime stage does"
cp package.json "$WORK/app/"
cp -r node_modules dist "$WORK/app/"
mkdir -p "$WORK/app/apps/web" "$WORK/app/libs/messaging"
cp -r apps/web/dist "$WORK/app/apps/web/dist"
cp -r libs/messaging/asyncapi "$WORK/app/libs/messaging/asyncapi"
mkdir -p "$WORK/app/apps/api"
cp -r apps/api/openapi "$WORK/app/apps/api/openapi"
du -sh "$WORK/app" | sed 's/^/[image] size of \/app: /'

say "start the API from /app (production dependencies only)"
cd "$WORK/app"
port="${IMAGE_CHECK_PORT:-3098}"
NODE_ENV=production API_PORT="$port" EMBEDDED_PG_DIR="$WORK/pg" EMBEDDED_PG_PORT="${IMAGE_CHECK_PG_PORT:-54398}" \
  SEED_SAMPLES=false node dist/apps/api/src/main.js >"$WORK/api.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then break; fi
  kill -0 "$pid" 2>/dev/null || { tail -n 40 "$WORK/api.log"; exit 1; }
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health/ready" && echo
metrics="$(curl -fsS "http://127.0.0.1:$port/metrics")"
grep -q '^mdj_oldest_writer_age_seconds' <<<"$metrics" || { echo "no pipeline metrics" >&2; kill "$pid"; exit 1; }
asyncapi="$(curl -fsS "http://127.0.0.1:$port/api/asyncapi.json")"
grep -q '"asyncapi"' <<<"$asyncapi" || { echo "no AsyncAPI document" >&2; kill "$pid"; exit 1; }
kill -TERM "$pid"; wait "$pid" || true
say "the image's build steps work"
