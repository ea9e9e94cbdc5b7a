import { request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { createTestApp, type TestApp } from '../../support/app';

/**
 * The API's edge: security headers, rate limits, bodies over the limit, malformed input that once gave
 * 500 or Fastify's raw errors, a database connection lost under a request, and the public AsyncAPI
 * document. Each answer is problem+json with a Chinese detail.
 */
let t: TestApp;
let port: number;

beforeAll(async () => {
  // No worker: the lost-connection probe needs the only backends on the read model to be the API's.
  t = await createTestApp({
    RUN_WORKER: 'false',
    KAFKA_BROKERS: 'kafka-internal-1.city.lan:9092',
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.getHttpServer().address() as { port: number }).port;
});
afterAll(() => t?.close());

const problemJson = expect.stringMatching(/^application\/problem\+json/);

interface RawAnswer {
  status?: number;
  contentType?: string;
  body?: string;
  error?: string;
}

/**
 * POSTs `size` bytes in 64 KiB writes, as a client that sends its whole body before it reads the
 * answer. Settles when the body is written and the answer read; any socket error on the way (EPIPE,
 * ECONNRESET: the server closed while the client was still sending) is the answer instead.
 */
function postLargeBody(path: string, size: number, headers: Record<string, string>, chunked = false): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      agent: false,
      headers: chunked ? headers : { ...headers, 'content-length': String(size) },
    });
    let error: string | undefined;
    let answer: RawAnswer | undefined;
    let written = false;
    const settle = () => {
      if (error) resolve({ error });
      else if (answer && written) resolve(answer);
    };
    req.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
      settle();
    });
    req.on('finish', () => {
      written = true;
      settle();
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        answer = { status: res.statusCode, contentType: res.headers['content-type'], body };
        settle();
      });
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const writeMore = () => {
      while (sent < size && !error) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', writeMore);
          return;
        }
      }
      if (!error) req.end();
    };
    writeMore();
  });
}

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and the other protective headers on the app, the API and the docs', async () => {
    for (const path of ['/', '/projects/some-route', '/api/v1/ledger/orders', '/api/docs', '/health']) {
      const res = await t.http().get(path);
      const csp = res.headers['content-security-policy'] as string;
      expect({ path, csp }).toEqual({ path, csp: expect.stringContaining("script-src 'self'") });
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('malformed input', () => {
  it('answers a path that cannot be decoded with 400 problem+json', async () => {
    for (const path of ['/api/v1/rectification-orders/%zz', '/api/v1/key-projects/%E0%A4%A']) {
      const res = await t.http().get(path);
      expect({ path, status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({
        path,
        status: 400,
        type: problemJson,
        code: 'BAD_URL',
      });
      expect(res.body.detail).toMatch(/无法解码/);
    }
  });

  it('answers lone surrogates, NUL and deep nesting with 400 problem+json, and stores nothing', async () => {
    const office = await t.token('supervision-office', 'supervision-office');
    const before = Number((await t.db.pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
    const bodies: Record<string, [string, string]> = {
      loneSurrogate: ['{"code":"X-1","finding":"\\ud800"}', 'INVALID_CHARACTERS'],
      loneLowSurrogateKey: ['{"\\udc00":"x"}', 'INVALID_CHARACTERS'],
      nul: ['{"code":"X-1","finding":"a\\u0000b"}', 'INVALID_CHARACTERS'],
      deep: [`${'['.repeat(3000)}${']'.repeat(3000)}`, 'JSON_TOO_DEEP'],
      deepObject: [`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`, 'JSON_TOO_DEEP'],
    };
    for (const [name, [body, code]] of Object.entries(bodies)) {
      const res = await t
        .http()
        .post('/api/v1/rectification-orders')
        .set('authorization', `Bearer ${office}`)
        .set('content-type', 'application/json')
        .send(body);
      expect({ name, status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({
        name,
        status: 400,
        type: problemJson,
        code,
      });
    }
    // A surrogate pair (an emoji) is fine text and reaches validation as usual.
    const pair = await t
      .http()
      .post('/api/v1/rectification-orders')
      .set('authorization', `Bearer ${office}`)
      .set('content-type', 'application/json')
      .send('{"finding":"\\ud83c\\udf32"}');
    expect(pair.status).toBe(400);
    expect(pair.body.code).toBe('VALIDATION_FAILED');
    expect(Number((await t.db.pool.query('SELECT count(*) FROM event_store.events')).rows[0].count)).toBe(before);
  });
});

describe('bodies over the limit', () => {
  it('always answers 413 problem+json, never a reset, whether the client declares the length or streams it', async () => {
    const office = await t.token('supervision-office', 'supervision-office');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${office}` };
    const answers: RawAnswer[] = [];
    // Larger than what the kernel's socket buffers hold, so the client is still sending when it is answered.
    const size = 24 * 1024 * 1024;
    for (let i = 0; i < 3; i++) {
      answers.push(await postLargeBody('/api/v1/rectification-orders', size, headers));
      answers.push(await postLargeBody('/api/v1/rectification-orders', size, headers, true));
      answers.push(await postLargeBody('/api/v1/rectification-orders', size, { ...headers, connection: 'close' }));
      answers.push(await postLargeBody('/api/v1/rectification-orders', 300 * 1024, { ...headers, connection: 'close' }, true));
    }
    const summary = answers.map((a) => a.error ?? `${a.status} ${a.contentType?.split(';')[0]}`);
    expect(summary).toEqual(summary.map(() => '413 application/problem+json'));
    expect(JSON.parse(answers[0].body as string)).toMatchObject({ status: 413, detail: expect.stringMatching(/过大/) });
  });

  it('refuses a binary body on any route but the import with 415, also without a reset', async () => {
    const office = await t.token('supervision-office', 'supervision-office');
    const answer = await postLargeBody('/api/v1/rectification-orders', 24 * 1024 * 1024, {
      'content-type': 'application/octet-stream',
      authorization: `Bearer ${office}`,
    });
    expect({ status: answer.status, type: answer.contentType }).toEqual({ status: 415, type: problemJson });
  });
});

describe('a database connection lost under a request', () => {
  it('answers 503 problem+json with Retry-After, and the next request succeeds', async () => {
    const leader = await t.token('leadership');
    const locker = new Client({ connectionString: t.db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE read_models.rectification_orders IN ACCESS EXCLUSIVE MODE');
      const pending = t
        .http()
        .get('/api/v1/ledger/orders')
        .set('authorization', `Bearer ${leader}`)
        .then((r) => r);
      // The request's backend waits on the lock: end it as a failover or an operator would.
      let terminated = 0;
      for (let attempt = 0; attempt < 200 && terminated === 0; attempt++) {
        const { rows } = await locker.query(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
        );
        terminated = rows.length;
        if (terminated === 0) await new Promise((r) => setImmediate(r));
      }
      expect(terminated).toBeGreaterThan(0);
      const res = await pending;
      expect({ status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({
        status: 503,
        type: problemJson,
        code: 'DATABASE_UNAVAILABLE',
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body.detail).toMatch(/Idempotency-Key/);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
    await t.http().get('/api/v1/ledger/orders').set('authorization', `Bearer ${leader}`).expect(200);
  });
});

describe('the public AsyncAPI document', () => {
  it('shows a placeholder broker, never the internal KAFKA_BROKERS', async () => {
    const res = await t.http().get('/api/asyncapi.json').expect(200);
    expect(res.body.servers.production.host).toBe('{brokers}');
    expect(JSON.stringify(res.body)).not.toContain('kafka-internal-1');
  });
});

describe('rate limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ RUN_WORKER: 'false', RATE_LIMIT_USER_PER_MINUTE: '8', RATE_LIMIT_IP_PER_MINUTE: '4' });
  });
  afterAll(() => limited?.close());

  it('limits requests without a valid token per address, and signed-in users each on their own', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.http().get('/api/asyncapi.json')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const refused = await limited.http().get('/api/asyncapi.json');
    expect({ status: refused.status, type: refused.headers['content-type'], code: refused.body.code }).toEqual({
      status: 429,
      type: problemJson,
      code: 'RATE_LIMITED',
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.detail).toMatch(/请求过于频繁/);

    // Same address, but each signed-in user has a budget of their own.
    const alice = await limited.token('leadership', null, 'alice');
    const bob = await limited.token('leadership', null, 'bob');
    const aliceStatuses = [];
    for (let i = 0; i < 9; i++) {
      aliceStatuses.push((await limited.http().get('/api/v1/reference/departments').set('authorization', `Bearer ${alice}`)).status);
    }
    expect(aliceStatuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    await limited.http().get('/api/v1/reference/departments').set('authorization', `Bearer ${bob}`).expect(200);
  });
});
