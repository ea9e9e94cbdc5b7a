import { createHash } from 'node:crypto';
import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '@app/platform';

/** Fixed namespace of key-project ids derived from plan codes (UUID v5 scheme, RFC 9562 §5.5). */
const KEY_PROJECT_NAMESPACE = 'c8f3d0a4-6b1e-4f57-9a3c-2e5d7b9f1a60';

/**
 * The same code always gives the same id, so registering a code twice meets the existing stream
 * (409) instead of creating a second project, and re-running the seed is a no-op.
 */
export function keyProjectIdForCode(code: string): string {
  const namespace = Buffer.from(KEY_PROJECT_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(code, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const ProjectIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new ProblemException(400, 'INVALID_ID', 'Bad Request', '重点工程编号格式不正确，应为 UUID（如 0b7e6a52-3c1d-5f4e-9a8b-1c2d3e4f5a6b）', {
      errors: [{ field: 'id', messages: ['必须是 UUID（must be a UUID）'] }],
    }),
});
