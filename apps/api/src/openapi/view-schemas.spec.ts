import { toOpenApi30 } from './view-schemas';

const same = (name: string) => name;

describe('toOpenApi30 (JSON Schema of the views to the OpenAPI 3.0 dialect)', () => {
  it('turns a type list with null into nullable', () => {
    expect(toOpenApi30({ type: ['null', 'string'] }, same)).toEqual({ type: 'string', nullable: true });
    expect(toOpenApi30({ type: ['null', 'string'], enum: ['A', 'B'] }, same)).toEqual({
      type: 'string',
      enum: ['A', 'B', null],
      nullable: true,
    });
  });

  it('turns anyOf [ref, null] into a nullable object wrapping the ref, with the ref renamed into components', () => {
    expect(toOpenApi30({ anyOf: [{ $ref: '#/definitions/Backfill' }, { type: 'null' }] }, (n) => `X${n}`)).toEqual({
      type: 'object',
      allOf: [{ $ref: '#/components/schemas/XBackfill' }],
      nullable: true,
    });
  });

  it('keeps the type of a nullable enum and of const values', () => {
    expect(toOpenApi30({ anyOf: [{ enum: ['A', 'B'] }, { type: 'null' }] }, same)).toEqual({
      enum: ['A', 'B'],
      type: 'string',
      nullable: true,
    });
    expect(toOpenApi30({ const: 'ORDER' }, same)).toEqual({ enum: ['ORDER'] });
  });

  it('says a bare object (a Record) is a map, and walks properties and items', () => {
    expect(
      toOpenApi30(
        { type: 'object', properties: { m: { type: 'object' }, l: { type: 'array', items: { type: ['number', 'null'] } } } },
        same,
      ),
    ).toEqual({
      type: 'object',
      properties: { m: { type: 'object', additionalProperties: {} }, l: { type: 'array', items: { type: 'number', nullable: true } } },
    });
  });
});
