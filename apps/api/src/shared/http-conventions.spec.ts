import { ProblemException } from '@app/platform';
import { parseIfMatch } from './http-conventions';
import { IdPipe } from './id.pipe';

describe('parseIfMatch', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
    ['*', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (raw, version) => {
    expect(parseIfMatch(raw)).toBe(version);
  });

  it('refuses anything else with 400 naming what it got', () => {
    expect(() => parseIfMatch('"v3"')).toThrow(ProblemException);
    expect(() => parseIfMatch('"v3"')).toThrow(/If-Match.*"v3"/);
  });
});

describe('IdPipe', () => {
  const pipe = new IdPipe('整改任务');

  it('passes a UUID on, in lower case (stream ids are lower case)', () => {
    expect(pipe.transform('3F1C2A9E-6B7D-4C1E-9A51-2F0D8E4B7C10')).toBe('3f1c2a9e-6b7d-4c1e-9a51-2f0d8e4b7c10');
  });

  it('answers anything else as an unknown record: 404 naming the record', () => {
    const refusal = (() => {
      try {
        pipe.transform('123');
      } catch (error) {
        return error as ProblemException;
      }
    })();
    expect(refusal).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(refusal?.detail).toContain('未找到该整改任务（编号 123）');
  });
});
