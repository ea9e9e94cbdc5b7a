export type DomainErrorKind = 'conflict' | 'invalid' | 'forbidden' | 'not-found';

export interface DomainErrorInit {
  /** Stable UPPER_SNAKE identifier clients may branch on. */
  code: string;
  /** Simplified Chinese, actionable, shown to city staff. */
  detail: string;
  titleEn: string;
  /** Id of the rule in docs/domain.md that refused the command, e.g. `ORD-CLOSE-1`. */
  rule?: string;
}

/**
 * Base of every refusal the domain can produce. The HTTP edge maps `kind` to a status
 * (conflict 409, invalid 422, forbidden 403, not-found 404) and the rest to problem+json.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  readonly code: string;
  readonly detail: string;
  readonly titleEn: string;
  readonly rule?: string;

  protected constructor(init: DomainErrorInit) {
    super(`${init.code}: ${init.titleEn}`);
    this.name = new.target.name;
    this.code = init.code;
    this.detail = init.detail;
    this.titleEn = init.titleEn;
    this.rule = init.rule;
  }
}

/** The command is not allowed in the aggregate's current state (409). */
export class InvalidStateTransition extends DomainError {
  readonly kind = 'conflict' as const;
  readonly currentStatus: string | null;
  readonly allowedStatuses: readonly string[];

  constructor(init: DomainErrorInit & { currentStatus: string | null; allowedStatuses: readonly string[] }) {
    super(init);
    this.currentStatus = init.currentStatus;
    this.allowedStatuses = init.allowedStatuses;
  }
}

/** A business rule of docs/domain.md forbids the command right now (409). */
export class RuleViolation extends DomainError {
  readonly kind = 'conflict' as const;

  constructor(init: DomainErrorInit & { rule: string }) {
    super(init);
  }
}

/** Well-formed but invalid values, e.g. a deadline before the issue date (422). */
export class InvalidValue extends DomainError {
  readonly kind = 'invalid' as const;
  readonly field?: string;

  constructor(init: DomainErrorInit & { field?: string }) {
    super(init);
    this.field = init.field;
  }
}

/** The actor's role or department may not send this command (403). */
export class NotPermitted extends DomainError {
  readonly kind = 'forbidden' as const;

  constructor(init: DomainErrorInit) {
    super(init);
  }
}

/** The aggregate stream, or an entity inside it named by the command, does not exist (404). */
export class NotFound extends DomainError {
  readonly kind = 'not-found' as const;

  constructor(init: DomainErrorInit) {
    super(init);
  }
}

export class StreamNotFound extends NotFound {
  constructor(whatZh: string, whatEn: string) {
    super({
      code: 'STREAM_NOT_FOUND',
      titleEn: `${whatEn} not found`,
      detail: `未找到该${whatZh}，请确认编号是否正确，或先完成登记。`,
    });
  }
}
