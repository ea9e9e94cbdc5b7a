import { createServer, type Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig } from '@app/platform';
import { Metrics } from './metrics';
import { PipelineStatus } from './pipeline-status';

/**
 * The standalone worker serves no API, but its probes and metrics need HTTP: /metrics, /health/live,
 * /health/ready (database reachable, pipeline within READY_MAX_LAG_SECONDS), on WORKER_HTTP_PORT.
 */
export function serveWorkerEndpoints(app: INestApplicationContext, port: number): Server {
  const metrics = app.get(Metrics);
  const pipeline = app.get(PipelineStatus);
  const pool = app.get<PgPool>(PG_POOL);
  const limit = app.get(AppConfig).READY_MAX_LAG_SECONDS;
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => res.writeHead(status, { 'content-type': type }).end(body);
    const json = (status: number, body: unknown) => send(status, 'application/json; charset=utf-8', JSON.stringify(body));
    void (async () => {
      switch (req.url) {
        case '/metrics':
          return send(200, metrics.registry.contentType, await metrics.registry.metrics());
        case '/health/live':
          return json(200, { status: 'ok' });
        case '/health/ready': {
          await pool.query('SELECT 1');
          const snapshot = await pipeline.snapshot();
          const behind = [snapshot.relay, ...snapshot.subscriptions].some((l) => l && (l.seconds ?? 0) > limit);
          return json(behind ? 503 : 200, { status: behind ? 'behind' : 'ok', maxLagSeconds: limit, ...snapshot });
        }
        default:
          return json(404, { status: 'not found' });
      }
    })().catch((error: unknown) => json(503, { status: 'unavailable', error: String(error) }));
  });
  return server.listen(port, '0.0.0.0');
}
