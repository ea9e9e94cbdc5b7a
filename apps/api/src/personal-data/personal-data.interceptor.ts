import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, type Observable } from 'rxjs';
import { PERSONAL_DATA_STORE, type PersonalDataStore } from './personal-data.store';

const KEEP_REFERENCES = 'personal-data:keep-references';

/** For routes that hand out the log as it is (the event feed): `{ pii }` references stay references. */
export const KeepPersonalDataReferences = () => SetMetadata(KEEP_REFERENCES, true);

/**
 * Every JSON answer of the API shows personal data in place of its references: the plain text, or
 * “（已依法删除）” once the subject is erased. Who may see a record at all is decided before (the
 * query handlers' ORD-READ-1), so this only reveals what the reader may already read.
 */
@Injectable()
export class PersonalDataInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PERSONAL_DATA_STORE) private readonly store: PersonalDataStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const keep = this.reflector.getAllAndOverride<boolean>(KEEP_REFERENCES, [context.getHandler(), context.getClass()]);
    if (keep) return next.handle();
    return next.handle().pipe(mergeMap((body: unknown) => from(this.reveal(body))));
  }

  private async reveal(body: unknown): Promise<unknown> {
    if (body === null || typeof body !== 'object' || Buffer.isBuffer(body) || typeof (body as { pipe?: unknown }).pipe === 'function') {
      return body;
    }
    if (body.constructor !== Object && !Array.isArray(body)) return body;
    return this.store.reveal(body);
  }
}
