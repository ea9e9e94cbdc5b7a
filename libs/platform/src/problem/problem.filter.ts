import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { EventStoreError, WrongExpectedVersion } from '@app/event-store';
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
};

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
  send(body: unknown): unknown;
}
interface RequestLike {
  url?: string;
  id?: string;
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const request = host.switchToHttp().getRequest<RequestLike>();
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const problem = toProblem(error, request.url, request.id);
    if (problem.status >= 500) this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
