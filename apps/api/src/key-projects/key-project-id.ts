import { createHash } from 'node:crypto';
import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { PG_POOL, type PgPool } from '@app/event-store';
import { ProblemException } from '@app/platform';
import type { RegisterKeyProjectDto } from './key-project-commands.dto';

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

/** The id a registration creates: the one given, else the one its code derives. */
export function registrationId(body: Pick<RegisterKeyProjectDto, 'id' | 'code'>): string {
  return body.id?.toLowerCase() ?? keyProjectIdForCode(body.code);
}

/**
 * Ids derived from the code collide in the event store itself (409 there); a caller-chosen id can
 * only be checked against the read model, which is enough to catch the honest mistake of
 * registering a code again under a new id.
 */
@Injectable()
export class ProjectCodeNotTaken implements PipeTransform<RegisterKeyProjectDto, Promise<RegisterKeyProjectDto>> {
  constructor(@Inject(PG_POOL) private readonly pool: PgPool) {}

  async transform(body: RegisterKeyProjectDto): Promise<RegisterKeyProjectDto> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM read_models.key_projects WHERE code = $1 AND id <> $2`, [
      body.code,
      registrationId(body),
    ]);
    if (rowCount) {
      throw new ProblemException(409, 'CODE_ALREADY_REGISTERED', 'Conflict', `工程代码 ${body.code} 已被其他重点工程使用，请核对代码`);
    }
    return body;
  }
}
