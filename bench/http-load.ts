import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { HttpLoadJob } from './lib';

/**
 * The load generator, in its own process (as a real client would be): argv[2] is a file holding a JSON job
 * { url, token, paths[], method?, body?, connections, durationSeconds }; prints autocannon's result as JSON.
 */
const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as HttpLoadJob;
let n = 0;
const instance = autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.durationSeconds,
  requests: [
    job.method === 'GET'
      ? {
          method: 'GET',
          headers: { authorization: `Bearer ${job.token}` },
          setupRequest: (req) => ({ ...req, path: job.paths[n++ % job.paths.length] }),
        }
      : {
          method: 'POST',
          headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, path: job.paths[n++ % job.paths.length], body: job.body }),
        },
  ],
});
instance.on('done', (result) => {
  process.stdout.write(
    JSON.stringify({
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      total: result.requests.total,
    }),
  );
});
