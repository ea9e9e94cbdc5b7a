// Counts the statements a process sends to PostgreSQL through `pg`, by text (the first 110 characters,
// with the prepared statement's name), over a window, and prints them on stderr, most frequent first.
// Load it ahead of any entry point that uses `pg`:
//
//   PG_STATEMENTS_AFTER_MS=16000 PG_STATEMENTS_FOR_MS=8000 node --import ./tools/pg-statements.mjs dist/bench/relay.bench.js
//
// The window starts PG_STATEMENTS_AFTER_MS after the process does and lasts PG_STATEMENTS_FOR_MS (or
// until the process exits). Hand-written: pg_stat_statements needs a server setting the embedded
// PostgreSQL does not have, and cannot tell this process's statements from another's.
import pg from 'pg';

const { Client } = pg;

const counts = new Map();
const query = Client.prototype.query;
let counting = false;
let started = 0;
Client.prototype.query = function (config, ...rest) {
  if (counting) {
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    const key = `${config?.name ? `[${config.name}] ` : ''}${String(text).replace(/\s+/g, ' ').trim().slice(0, 110)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return query.call(this, config, ...rest);
};

function report() {
  if (!started) return;
  counting = false;
  const seconds = (Date.now() - started) / 1000;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.error(`pg statements: ${total} in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)}/s)`);
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.error(`${String(n).padStart(8)}  ${key}`);
  started = 0;
}

setTimeout(
  () => {
    counting = true;
    started = Date.now();
    setTimeout(report, Number(process.env.PG_STATEMENTS_FOR_MS ?? 10_000)).unref();
  },
  Number(process.env.PG_STATEMENTS_AFTER_MS ?? 0),
).unref();
process.on('exit', report);
