import { ProblemException } from '@app/platform';

/** A command for an existing thing names one that has no stream. */
export class StreamNotFound extends ProblemException {
  constructor(what: string, id: string) {
    super(404, 'NOT_FOUND', 'Not Found', `未找到该${what}（编号 ${id}），请检查编号`);
  }
}

/** A command that creates a thing names one whose stream already exists. */
export class StreamAlreadyExists extends ProblemException {
  constructor(what: string, id: string) {
    super(409, 'ALREADY_EXISTS', 'Conflict', `该${what}（编号 ${id}）已存在，请勿重复登记`);
  }
}

/** If-Match named a version the stream is no longer (or not yet) at. */
export class StaleVersion extends ProblemException {
  constructor(given: number, actual: number) {
    super(412, 'STALE_VERSION', 'Precondition Failed', `您看到的是第 ${given} 版，记录已更新到第 ${actual} 版，请刷新后再提交`, {
      currentVersion: actual,
    });
  }
}

/** Writers in other processes kept winning the stream's next version. */
export class ConcurrencyExhausted extends ProblemException {
  constructor(what: string, attempts: number, actual: number) {
    super(409, 'CONCURRENT_MODIFICATION', 'Conflict', `该${what}正在被他人同时修改，已重试 ${attempts} 次仍未成功，请刷新后重试`, {
      currentVersion: actual,
    });
  }
}

export interface BatchFailure {
  /** Index of the refused item in the batch. */
  index: number;
  /** What refused it: a domain error (rule, state, permission) or one of the errors above. */
  error: unknown;
}

/** At least one item of a batch was refused; nothing of the batch was written. */
export class BatchRefused extends Error {
  constructor(readonly failures: BatchFailure[]) {
    super(`${failures.length} item(s) of the batch were refused; nothing was written`);
    this.name = 'BatchRefused';
  }
}
