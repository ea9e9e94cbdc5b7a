/** RFC 9457 problem details, as every error leaves the API. `detail` is for the person (Chinese). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  /** Chinese, then English. */
  messages: string[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:mdj-eco:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** An error the API layer raises on purpose with a known status, code and Chinese detail. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${title}: ${detail}`);
    this.name = 'ProblemException';
  }
}
