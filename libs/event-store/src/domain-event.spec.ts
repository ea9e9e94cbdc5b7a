import { toDomainEvent, UnexpectedEventType } from './domain-event';

type Known = { type: 'Opened'; data: { by: string } } | { type: 'Closed'; data: Record<string, never> };
const stored = (type: string, data: Record<string, unknown> = {}) => ({ streamId: 'tally-1', type, data });

describe('toDomainEvent', () => {
  it('gives the stored type and payload as the domain event', () => {
    const event = toDomainEvent<Known>(stored('Opened', { by: 'u1' }), ['Opened', 'Closed']);
    expect(event).toEqual({ type: 'Opened', data: { by: 'u1' } });
  });

  it('refuses a type the aggregate does not know, naming the stream', () => {
    expect(() => toDomainEvent<Known>(stored('Renamed'), ['Opened', 'Closed'])).toThrow(UnexpectedEventType);
    expect(() => toDomainEvent<Known>(stored('Renamed'), ['Opened', 'Closed'])).toThrow(/tally-1.*Renamed/);
  });
});
