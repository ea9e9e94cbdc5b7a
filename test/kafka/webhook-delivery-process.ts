import 'reflect-metadata';
import { Pool } from 'pg';
import type { AppConfig } from '@app/platform';
import { WebhookDeliveryWorker } from '../../apps/api/src/webhooks/webhook-delivery.worker';

/** A webhook delivery worker in its own process, for the SIGKILL drill; prints its status as JSON lines. */
const env = process.env as Record<string, string>;
const pool = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
const config = {
  RUN_WORKER: true,
  WEBHOOKS_ENABLED: true,
  WEBHOOK_POLL_MS: 20,
  WEBHOOK_RETRY_SCHEDULE_MS: '20,20,20,20,20',
  WEBHOOK_TIMEOUT_MS: 30_000,
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: true,
  WEBHOOK_LEASE_TTL_MS: 2000,
} as unknown as AppConfig;
const worker = new WebhookDeliveryWorker(pool, config);
worker.start();
const report = setInterval(() => console.log(JSON.stringify({ active: worker.isActive })), 20);
process.on('SIGTERM', () => {
  clearInterval(report);
  void worker
    .stop()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
