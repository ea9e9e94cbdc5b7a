import { groupAlike, type SubscriptionHandler } from './subscription-runner';

const handler = (name: string, schema?: string, derivedOnly?: boolean): SubscriptionHandler => ({
  name,
  schema,
  derivedOnly,
  handle: async () => undefined,
});

describe('groupAlike', () => {
  it('puts the handlers that begin their transactions alike in one group named after their schema', () => {
    const groups = groupAlike(
      [
        handler('read-model.orders', 'read_models', true),
        handler('webhooks.fan-out', 'webhooks'),
        handler('read-model.deadlines', 'read_models', true),
      ],
      (h) => h,
    );
    expect(groups.map((g) => [g.name, g.members.map((m) => m.name)])).toEqual([
      ['read_models', ['read-model.orders', 'read-model.deadlines']],
      ['webhooks.fan-out', ['webhooks.fan-out']],
    ]);
  });

  it('keeps durable handlers of one schema apart from derived-only ones, and names them so', () => {
    const groups = groupAlike(
      [handler('a', 'read_models', true), handler('b', 'read_models'), handler('c', 'read_models'), handler('d', 'read_models', true)],
      (h) => h,
    );
    expect(groups.map((g) => [g.name, g.members.map((m) => m.name)])).toEqual([
      ['read_models', ['a', 'd']],
      ['read_models.durable', ['b', 'c']],
    ]);
  });

  it('groups by the begin statement the caller gives (a runner whose schema was overridden)', () => {
    const items = [
      { h: handler('x', 'read_models', true), begin: 'BEGIN; SET LOCAL search_path TO "test_1"' },
      { h: handler('y', 'read_models', true), begin: 'BEGIN; SET LOCAL search_path TO "test_2"' },
    ];
    expect(
      groupAlike(
        items,
        (i) => i.h,
        (i) => i.begin,
      ).map((g) => g.name),
    ).toEqual(['x', 'y']);
  });

  it('names a group without a schema "public"', () => {
    expect(groupAlike([handler('p', undefined, true), handler('q', undefined, true)], (h) => h)[0].name).toBe('public');
  });
});
