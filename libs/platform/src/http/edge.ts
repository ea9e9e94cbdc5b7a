import type { IncomingMessage } from 'node:http';
import { ProblemException } from '../problem/problem';

/** Deepest JSON a request body may nest: the API's DTOs need four levels; 3,000 would exhaust a stack. */
export const MAX_JSON_DEPTH = 32;

/** Largest remainder of a refused body that is read and dropped so the client can finish sending and read the answer. */
export const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 30_000;

// A UTF-16 half without its partner (JSON's "\ud800"), which no UTF-8 text column can hold, and NUL,
// which PostgreSQL refuses in text and jsonb.
const UNSTORABLE = new RegExp(String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000`);

function badBody(code: string, detail: string): ProblemException {
  return new ProblemException(400, code, 'Bad Request', detail);
}

/**
 * Checks a parsed JSON body before anything else sees it: nesting depth, and strings (keys too) that
 * could not be stored. Iterative, so a deep body cannot overflow the stack here either.
 */
export function assertStorableJson(value: unknown): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) throw unstorable();
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      throw badBody('JSON_TOO_DEEP', `请求体嵌套过深（超过 ${MAX_JSON_DEPTH} 层），请按接口文档提交`);
    }
    if (Array.isArray(current)) {
      for (const item of current) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (UNSTORABLE.test(key)) throw unstorable();
      stack.push({ value: item, depth: depth + 1 });
    }
  }
}

function unstorable(): ProblemException {
  return badBody('INVALID_CHARACTERS', '请求内容含有无法保存的字符（不成对的 Unicode 代理项或空字符 \\u0000），请删除后重试');
}

/**
 * The JSON parser of every route: Fastify's own (which refuses __proto__ and constructor poisoning)
 * followed by assertStorableJson.
 */
type ParseDone = (err: Error | null, body?: unknown) => void;
export function storableJsonParser<R>(defaultParser: (req: R, body: string, done: ParseDone) => void) {
  return (req: R, body: string, done: ParseDone): void => {
    defaultParser(req, body, (error, parsed) => {
      if (error) return done(error);
      try {
        assertStorableJson(parsed);
      } catch (refusal) {
        return done(refusal as Error);
      }
      done(null, parsed);
    });
  };
}

/**
 * Reads and drops what is left of a request body. A body refused before it was read (too large, wrong
 * media type) would otherwise be cut off: the server closes the connection while the client is still
 * writing, and the client sees EPIPE or a reset instead of the answer. Resolves when the body has
 * ended; false when it is larger than MAX_DRAIN_BYTES or too slow, and the connection must go.
 */
export function drainRequestBody(raw: IncomingMessage): Promise<boolean> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve(!raw.destroyed || raw.complete);
  const declared = Number(raw.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) return Promise.resolve(false);
  return new Promise((resolve) => {
    let received = 0;
    const finish = (drained: boolean) => {
      clearTimeout(timer);
      raw.removeListener('data', onData);
      raw.removeListener('end', onEnd);
      raw.removeListener('error', onError);
      raw.removeListener('close', onClose);
      resolve(drained);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_DRAIN_BYTES) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const onClose = () => finish(raw.complete);
    const timer = setTimeout(() => finish(false), DRAIN_TIMEOUT_MS);
    raw.on('data', onData);
    raw.once('end', onEnd);
    raw.once('error', onError);
    raw.once('close', onClose);
    raw.resume();
  });
}
