import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorizeRequest, TokenVerifier, type AuthRequest, type Role } from '@app/auth';
import { rectificationOrders } from '@app/commands';
import { ProblemException } from '@app/platform';
import { XLSX_MIME } from './ledger-xlsx';
import { ORDER_IMPORT_ROUTE } from './ledger.routes';

/** Largest spreadsheet an import accepts (the JSON body limit stays as configured). */
export const IMPORT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** Who may import: checked before the file is read, and again by the route's @Roles. */
export const IMPORT_ROLES: Role[] = rectificationOrders.roles('IssueOrder');

const BINARY_TYPES = [XLSX_MIME, 'application/octet-stream'];

function isImport(request: FastifyRequest): boolean {
  return request.method === 'POST' && request.routeOptions.url === ORDER_IMPORT_ROUTE;
}

function tooLarge(): ProblemException {
  return new ProblemException(
    413,
    'IMPORT_TOO_LARGE',
    'Payload Too Large',
    `导入文件过大：最大 ${IMPORT_BODY_LIMIT_BYTES / 1024 / 1024} MB，请分批导入`,
  );
}

/**
 * Binary bodies (the .xlsx import) are read on the import route only, and only after the caller has
 * been authenticated and found to hold an import role: an anonymous client cannot make the server
 * buffer 10 MB. Any other route answers such a body 415 without reading it.
 */
export function registerImportBody(fastify: FastifyInstance, verifier: TokenVerifier): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (isImport(request)) await authorizeRequest(verifier, request as unknown as AuthRequest, IMPORT_ROLES);
    return payload;
  });
  for (const type of BINARY_TYPES) {
    if (fastify.hasContentTypeParser(type)) continue;
    fastify.addContentTypeParser(type, (request, payload, done) => {
      if (!isImport(request)) {
        done(
          new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type', '该接口只接受 application/json 格式的请求体'),
          undefined,
        );
        return;
      }
      if (Number(request.headers['content-length']) > IMPORT_BODY_LIMIT_BYTES) {
        done(tooLarge(), undefined);
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      const onData = (chunk: Buffer) => {
        received += chunk.length;
        if (received > IMPORT_BODY_LIMIT_BYTES) {
          payload.removeListener('data', onData);
          payload.removeListener('end', onEnd);
          done(tooLarge(), undefined);
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => done(null, Buffer.concat(chunks, received));
      payload.on('data', onData);
      payload.once('end', onEnd);
      payload.once('error', (error) => done(error, undefined));
    });
  }
}
