import { categoryOf, cloudEventJson, fromCloudEvent, InvalidCloudEvent, toCloudEvent, topicFor } from './cloud-event';
import type { StoredEvent, StoredEventJson } from '@app/event-store';

const event: StoredEvent = {
  position: 9007199254740993n,
  streamId: 'rectification-order-0b7e6f3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c',
  version: 3,
  eventId: '6f1c1f5e-8a43-4a44-9d0e-3c3c1f0b5a11',
  type: 'RectificationSubmitted',
  schemaVersion: 2,
  data: { note: '整改完成', amounts: [1, 2] },
  metadata: {
    actor: { userId: 'u-1', displayName: '张三', roles: ['officer'], department: 'env' },
    correlationId: 'c-1',
    causationId: 'k-1',
    requestId: 'r-1',
  },
  recordedAt: new Date('2025-11-28T08:00:00.123Z'),
};

describe('CloudEvents envelope', () => {
  it('carries the event as structured CloudEvents 1.0 with the documented extensions', () => {
    const ce = toCloudEvent(event, { source: '/mdj' });
    expect(ce).toMatchObject({
      specversion: '1.0',
      id: event.eventId,
      type: 'RectificationSubmitted',
      source: '/mdj',
      subject: event.streamId,
      time: '2025-11-28T08:00:00.123Z',
      datacontenttype: 'application/json',
      data: event.data,
      streamversion: 3,
      position: '9007199254740993',
      correlationid: 'c-1',
      causationid: 'k-1',
      actor: 'u-1',
    });
    for (const [k, v] of Object.entries(ce)) {
      expect(k).toMatch(/^[a-z0-9]{1,20}$/);
      if (k !== 'data') expect(['string', 'number']).toContain(typeof v);
    }
  });

  it('round-trips to the same StoredEvent', () => {
    expect(fromCloudEvent(JSON.stringify(toCloudEvent(event, { source: '/mdj' })))).toEqual(event);
  });

  describe('built around the data as JSON text (what the relay sends)', () => {
    const variants: StoredEvent[] = [
      event,
      { ...event, metadata: {} },
      {
        ...event,
        metadata: { ...event.metadata, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'a=1' },
      },
      {
        ...event,
        type: 'Odd "type" \\ with\nescapes',
        data: { nested: { list: [{ a: null }, true, -1.5e-7, '"quoted"', 'tab\t', '\u2028'] }, 空: '' },
        // A causationId that is not a string gets no causationid extension.
        metadata: {
          correlationId: 'c "1"',
          causationId: 42 as unknown as string,
          actor: { userId: '用户-1' },
          extra: { deep: [1, { x: 'y' }] },
        },
        recordedAt: new Date('1999-12-31T23:59:59.999Z'),
      },
    ];
    const asJson = (e: StoredEvent, dataJson: string): StoredEventJson => ({
      position: e.position.toString(),
      streamId: e.streamId,
      version: e.version,
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      dataJson,
      metadata: e.metadata,
      recordedAtMs: e.recordedAt.getTime(),
    });
    /** jsonb's text output: a space after every ':' and ',' between members and elements. */
    const jsonbText = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
      if (value !== null && typeof value === 'object') {
        return `{${Object.entries(value)
          .map(([k, v]) => `${JSON.stringify(k)}: ${jsonbText(v)}`)
          .join(', ')}}`;
      }
      return JSON.stringify(value);
    };

    it('is the very JSON of toCloudEvent when the data text is compact', () => {
      for (const e of variants) {
        expect(cloudEventJson(asJson(e, JSON.stringify(e.data)), { source: '/m"dj' })).toBe(
          JSON.stringify(toCloudEvent(e, { source: '/m"dj' })),
        );
      }
    });

    it('parses equal to the JSON of toCloudEvent with the data as PostgreSQL prints it, and round-trips', () => {
      for (const e of variants) {
        const spliced = cloudEventJson(asJson(e, jsonbText(e.data)), { source: '/mdj' });
        expect(spliced).not.toBe(JSON.stringify(toCloudEvent(e, { source: '/mdj' })));
        expect(JSON.parse(spliced)).toEqual(JSON.parse(JSON.stringify(toCloudEvent(e, { source: '/mdj' }))));
        expect(fromCloudEvent(spliced)).toEqual(fromCloudEvent(JSON.stringify(toCloudEvent(e, { source: '/mdj' }))));
      }
    });
  });

  it('rejects what is not a CloudEvent of ours', () => {
    for (const bad of [
      null,
      'not json',
      '{"specversion":"0.3"}',
      JSON.stringify({ ...toCloudEvent(event, { source: '/' }), streamversion: 0 }),
    ]) {
      expect(() => fromCloudEvent(bad)).toThrow(InvalidCloudEvent);
    }
  });

  it('names the topic after the aggregate type', () => {
    expect(categoryOf(event.streamId)).toBe('rectification-order');
    expect(topicFor('key-project-0b7e6f3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c', { prefix: 'mdj' })).toBe('mdj.key-project.events.v1');
    expect(topicFor(event.streamId, { prefix: 'x.y' })).toBe('x.y.rectification-order.events.v1');
  });
});
