import { assertStorableJson, MAX_JSON_DEPTH } from './edge';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('assertStorableJson', () => {
  it('accepts ordinary bodies, emoji (surrogate pairs) included', () => {
    expect(() => assertStorableJson({ finding: '镜泊湖 🌲', measures: [{ description: 'x', dueDate: '2099-01-01' }] })).not.toThrow();
    expect(() => assertStorableJson(nested(MAX_JSON_DEPTH))).not.toThrow();
  });

  it('refuses nesting deeper than the limit, also in arrays, without recursing', () => {
    expect(() => assertStorableJson(nested(MAX_JSON_DEPTH + 1))).toThrow(expect.objectContaining({ status: 400, code: 'JSON_TOO_DEEP' }));
    expect(() => assertStorableJson(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toThrow(
      expect.objectContaining({ code: 'JSON_TOO_DEEP' }),
    );
  });

  it('refuses lone surrogates and NUL in values and keys', () => {
    for (const bad of [{ a: '\ud800' }, { a: 'x\udc00' }, { a: ['ok', 'a\u0000b'] }, { ['\ud83c']: 1 }]) {
      expect(() => assertStorableJson(bad)).toThrow(expect.objectContaining({ status: 400, code: 'INVALID_CHARACTERS' }));
    }
  });
});
