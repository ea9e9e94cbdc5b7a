import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RootLogger } from './logging.module';

interface LoggedActor {
  userId: string;
  roles: string[];
  department: string | null;
}

/** What the guard and the problem filter leave on a request. */
type LoggedRequest = FastifyRequest & { actor?: LoggedActor; problemCode?: string };

/** An audited read: who took which data out of the system (route pattern → event name). */
export interface AuditedRoute {
  method: string;
  route: string;
  event: string;
}

// Free-text filters may hold names or phone numbers: the audit log keeps that they were used, not what they said.
const FREE_TEXT_PARAMS = new Set(['text', 'q', 'search', 'keyword']);

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function queryKeys(url: string): string[] {
  const q = url.indexOf('?');
  return q === -1 ? [] : [...new URLSearchParams(url.slice(q + 1)).keys()];
}

function auditedFilter(query: unknown): Record<string, unknown> {
  if (!query || typeof query !== 'object') return {};
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, FREE_TEXT_PARAMS.has(k) ? '[redacted]' : v]));
}

/**
 * One log line per HTTP request, when its answer has been sent: request id, method, route, path, the
 * user (id and roles, from the verified token), status and duration. Query values, bodies, headers
 * and tokens are left out (values may be personal data; tokens are credentials). Health probes are
 * logged at debug.
 *
 * The audit log (lines with `audit: true`, at info: keep LOG_LEVEL at info or below in production)
 * records every 401 and 403, and every successful audited route (the ledger export) with its filter.
 */
export function registerRequestLog(fastify: FastifyInstance, logger: RootLogger, audited: AuditedRoute[] = []): void {
  const requests = logger.child({ log: 'http' });
  const audit = logger.child({ audit: true });
  fastify.addHook('onResponse', async (raw: FastifyRequest, reply: FastifyReply) => {
    const request = raw as LoggedRequest;
    const status = reply.statusCode;
    const route = request.routeOptions?.url ?? null;
    const entry = {
      reqId: request.id,
      method: request.method,
      route,
      path: pathOf(request.url),
      queryKeys: queryKeys(request.url),
      userId: request.actor?.userId ?? null,
      roles: request.actor?.roles ?? null,
      ip: request.ip,
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      ...(request.problemCode ? { problem: request.problemCode } : {}),
    };
    const message = `${request.method} ${entry.path} ${status}`;
    if (route === '/health' || route?.startsWith('/health/')) requests.debug(entry, message);
    else if (status >= 500) requests.error(entry, message);
    else requests.info(entry, message);

    if (status === 401 || status === 403) {
      audit.info({ ...entry, event: status === 401 ? 'authentication.refused' : 'access.denied' }, `audit: ${message}`);
      return;
    }
    const auditedRoute = audited.find((a) => a.method === request.method && a.route === route);
    if (auditedRoute && status < 400) {
      audit.info(
        {
          ...entry,
          event: auditedRoute.event,
          department: request.actor?.department ?? null,
          filter: auditedFilter(request.query),
          rows: reply.getHeader('x-total-count') === undefined ? null : Number(reply.getHeader('x-total-count')),
        },
        `audit: ${auditedRoute.event} by ${entry.userId ?? 'unknown'}`,
      );
    }
  });
}
