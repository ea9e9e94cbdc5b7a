import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ProblemException } from '@app/platform';
import type { CommandResult } from './command-executor';

interface Req {
  headers: Record<string, string | string[] | undefined>;
  id?: string;
}
interface Reply {
  header(name: string, value: string): Reply;
  status(code: number): Reply;
}

/** If-Match: "<version>" (or W/"<version>", or a bare number) → the version, else undefined. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const raw = ctx.switchToHttp().getRequest<Req>().headers['if-match'];
  if (raw === undefined || raw === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(raw).trim());
  if (!match) {
    throw new ProblemException(400, 'BAD_IF_MATCH', 'Bad Request', `If-Match 头格式不正确（应为版本号，如 "3"），收到：${String(raw)}`);
  }
  return Number(match[1]);
});

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  return ctx.switchToHttp().getRequest<Req>().id;
});

export function etag(version: number): string {
  return `"${version}"`;
}

/** 201 + Location + ETag for a created resource. */
export function created(reply: Reply, location: string, result: CommandResult): CommandResult {
  reply.status(201).header('location', location).header('etag', etag(result.version));
  return result;
}

/** 200 + ETag for a command on an existing resource. */
export function updated(reply: Reply, result: CommandResult): CommandResult {
  reply.header('etag', etag(result.version));
  return result;
}
