import { Query } from '@nestjs/cqrs';
import type { KeyProjectDetail } from './get-key-project.handler';

/** The current view from the read model, or with `asOf` the state replayed from the log up to that day. */
export class GetKeyProjectQuery extends Query<KeyProjectDetail> {
  constructor(
    readonly id: string,
    readonly asOf?: string,
  ) {
    super();
  }
}
