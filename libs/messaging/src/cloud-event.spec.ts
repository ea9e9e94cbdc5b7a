import { categoryOf, fromCloudEvent, InvalidCloudEvent, toCloudEvent, topicFor } from './cloud-event';
import type { StoredEvent } from '@app/event-store';

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
