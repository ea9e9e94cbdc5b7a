import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';

/*
 * A connection ended by the server while a caller holds it between two queries (pg_terminate_backend,
 * a failover) must fail that caller's next query, not raise an 'error' event nobody listens to: in a
 * worker that was an uncaught exception, and the process died (the multi-process drill found it).
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase([], 3);
});
afterAll(() => db?.drop());

it('a checked-out connection ended between two queries fails the next query and leaves the pool', async () => {
  const client = await db.pool.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await client.query('BEGIN');
  const other = await db.pool.connect();
  try {
    await other.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
  } finally {
    other.release();
  }
  // Wait until the server's notice has reached the idle client (pg marks it not queryable, then emits
  // 'error': before the fix, with no listener, an uncaught exception that fails this test).
  const queryable = () => (client as unknown as { _queryable: boolean })._queryable;
  for (let i = 0; i < 200 && queryable(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(queryable()).toBe(false);
  await expect(client.query('SELECT 1')).rejects.toThrow();
  client.release();
  // The pool dropped it and serves a fresh connection.
  expect((await db.pool.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
});
