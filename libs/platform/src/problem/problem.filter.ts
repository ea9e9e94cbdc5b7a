import type { IncomingMessage } from 'node:http';
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { EventStoreError, WrongExpectedVersion } from '@app/event-store';
import { drainRequestBody } from '../http/edge';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemType, type ProblemDetails } from './problem';

const DOMAIN_STATUS: Record<string, number> = { conflict: 409, invalid: 422, forbidden: 403, 'not-found': 404 };

const GENERIC_ZH: Record<number, [string, string]> = {
  400: ['Bad Request', '请求格式不正确，请检查后重试'],
  401: ['Unauthorized', '未登录或登录凭证无效，请重新登录（提供有效的 Bearer 令牌）'],
  403: ['Forbidden', '您没有执行此操作的权限'],
  404: ['Not Found', '未找到请求的资源，请检查编号或地址'],
  405: ['Method Not Allowed', '不支持该请求方法'],
  406: ['Not Acceptable', '无法提供所请求的内容格式'],
  409: ['Conflict', '操作与当前状态冲突，请刷新后重试'],
  412: ['Precondition Failed', '记录已被修改，您提交的版本（If-Match）已过期，请刷新后重试'],
  413: ['Payload Too Large', '请求内容过大，请精简后重试'],
  415: ['Unsupported Media Type', '请以 application/json 格式提交'],
  422: ['Unprocessable Entity', '提交的内容不符合业务规则'],
  429: ['Too Many Requests', '请求过于频繁，请稍后再试'],
  503: ['Service Unavailable', '服务暂时不可用，请稍后重试'],
};

/** Seconds a client should wait before retrying after the database connection was lost. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

// Connection-level failures of PostgreSQL: the request met a lost or refused connection, not a bad query.
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const CONNECTION_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const CONNECTION_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed/i;

/** The error itself and what it wraps (TypeORM's driverError, an Error's cause). */
function* errorChain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    yield current as Record<string, unknown>;
    const e = current as { driverError?: unknown; cause?: unknown };
    current = e.driverError ?? e.cause;
  }
}

export function isLostDatabaseConnection(error: unknown): boolean {
  for (const e of errorChain(error)) {
    if (typeof e.code === 'string' && (CONNECTION_SQLSTATES.has(e.code) || CONNECTION_ERRNOS.has(e.code))) return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** The constraint that keeps an order code unique within its source and batch (see docs/security.md). */
export const ORDER_CODE_CONSTRAINT = 'order_codes_source_batch_code_uq';

function orderCodeTaken(error: unknown): { code: string; batch: string } | null {
  for (const e of errorChain(error)) {
    if (e.code === '23505' && e.constraint === ORDER_CODE_CONSTRAINT && typeof e.detail === 'string') {
      try {
        const taken = JSON.parse(e.detail) as { code: string; batch: string };
        return { code: String(taken.code), batch: String(taken.batch) };
      } catch {
        return { code: '', batch: '' };
      }
    }
  }
  return null;
}

interface DomainErrorLike {
  kind: string;
  code: string;
  detail: string;
  titleEn?: string;
  rule?: string;
}

function isDomainError(e: unknown): e is DomainErrorLike {
  return (
    e instanceof Error &&
    typeof (e as unknown as DomainErrorLike).kind === 'string' &&
    (e as unknown as DomainErrorLike).kind in DOMAIN_STATUS &&
    typeof (e as unknown as DomainErrorLike).code === 'string'
  );
}

/** Maps anything thrown to problem details. The single place where errors meet HTTP. */
export function toProblem(error: unknown, instance?: string, requestId?: string): ProblemDetails {
  const base = (status: number, code: string, title: string, detail: string, ext: Record<string, unknown> = {}): ProblemDetails => ({
    type: problemType(code),
    title,
    status,
    detail,
    ...(instance ? { instance } : {}),
    code,
    ...(requestId ? { requestId } : {}),
    ...ext,
  });

  if (error instanceof ProblemException) return base(error.status, error.code, error.title, error.detail, error.extensions);
  if (isDomainError(error)) {
    const status = DOMAIN_STATUS[error.kind];
    return base(status, error.code, error.titleEn ?? GENERIC_ZH[status][0], error.detail, error.rule ? { rule: error.rule } : {});
  }
  if (error instanceof WrongExpectedVersion) {
    return base(409, 'CONCURRENT_MODIFICATION', 'Conflict', `该记录刚被他人修改（当前版本 ${error.actual}），请刷新后重试`, {
      currentVersion: error.actual,
    });
  }
  if (error instanceof EventStoreError) {
    const status = error.code === 'INVALID_STREAM_ID' || error.code === 'UNKNOWN_POSITION' ? 400 : 422;
    return base(status, error.code, GENERIC_ZH[status][0], `${GENERIC_ZH[status][1]}：${error.message}`);
  }
  const taken = orderCodeTaken(error);
  if (taken) {
    return base(
      409,
      'ORDER_CODE_TAKEN',
      'Conflict',
      `任务编码“${taken.code}”在批次“${taken.batch}”中已被使用，同一来源同一批次的任务编码不能重复，请更换编码`,
      { rule: 'order-code-unique-per-batch' },
    );
  }
  if (isLostDatabaseConnection(error)) {
    return base(
      503,
      'DATABASE_UNAVAILABLE',
      'Service Unavailable',
      `数据库连接中断，本次请求未完成，请 ${DATABASE_RETRY_AFTER_SECONDS} 秒后重试（写操作带上原 Idempotency-Key 重试不会重复执行）`,
      { retryAfter: DATABASE_RETRY_AFTER_SECONDS },
    );
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const [title, zh] = GENERIC_ZH[status] ?? [error.name, error.message];
    const body = error.getResponse();
    const message = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : undefined;
    const chineseMessage = typeof message === 'string' && /[\u4e00-\u9fff]/.test(message) ? message : undefined;
    return base(status, httpCode(status), title, chineseMessage ?? zh);
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // Errors raised by Fastify itself before a route runs: bad JSON, body too large, wrong media type.
    const [title, zh] = GENERIC_ZH[statusCode] ?? ['Client Error', '请求无效'];
    const code = String((error as { code?: unknown }).code ?? httpCode(statusCode));
    const isJson = code.startsWith('FST_ERR_CTP') && statusCode === 400;
    return base(statusCode, code, title, isJson ? `请求体不是有效的 JSON：${(error as Error).message}` : zh);
  }
  return base(
    500,
    'INTERNAL_ERROR',
    'Internal Server Error',
    `服务器内部错误，请稍后重试；如持续出现，请联系运维并提供请求编号 ${requestId ?? ''}`.trim(),
  );
}

function httpCode(status: number): string {
  return (GENERIC_ZH[status]?.[0] ?? `HTTP ${status}`).toUpperCase().replace(/\s+/g, '_');
}

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  getHeader?(name: string): unknown;
  removeHeader?(name: string): ReplyLike;
  send(body: unknown): unknown;
}
interface RequestLike {
  url?: string;
  id?: string;
  raw?: IncomingMessage;
  problemCode?: string;
}

/** Seconds a client should wait before retrying, for the problems that invite a retry. */
export function retryAfterOf(problem: ProblemDetails): number | undefined {
  return typeof problem.retryAfter === 'number' ? problem.retryAfter : undefined;
}

/**
 * Every error of every HTTP request ends here (Nest installs this layer as Fastify's error handler
 * too, so errors of parsing, hooks and plugins arrive as well): problem+json, Retry-After where a retry
 * is invited, and a request body the error cut short drained first, so the client reads the answer
 * instead of a reset.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const request = host.switchToHttp().getRequest<RequestLike>();
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const problem = toProblem(error, request.url, request.id);
    request.problemCode = problem.code;
    if (problem.status === 500) this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    if (problem.status === 503) this.logger.warn({ err: error, requestId: request.id }, 'database connection lost under a request');
    const retryAfter = retryAfterOf(problem);
    if (retryAfter !== undefined && reply.getHeader?.('retry-after') === undefined) reply.header('retry-after', String(retryAfter));
    const send = () => reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
    if (!request.raw || request.raw.complete) {
      send();
      return;
    }
    void drainRequestBody(request.raw).then((drained) => {
      // Fastify asks for Connection: close after refusing a body; once drained the connection is clean.
      if (drained) reply.removeHeader?.('connection');
      else reply.header('connection', 'close');
      send();
    });
  }
}
