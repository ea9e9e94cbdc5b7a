import {
  circularEventTypes,
  documentRegisterEventTypes,
  targetResponsibilityEventTypes,
  bulletinEventTypes,
  evaluationEventTypes,
  reminderEventTypes,
  escalationEventTypes,
  indicatorEventTypes,
  keyProjectEventTypes,
  personalDataEventTypes,
  rectificationOrderEventTypes,
} from '@app/domain';
import { EventTypeRegistry } from '@app/event-store';
import { asyncApiEventTypes, deploymentAsyncApiDocument, readAsyncApiDocument, type AsyncApiDocument } from './asyncapi';

/** The registry exactly as the API's feature modules fill it. */
function appRegistry(): EventTypeRegistry {
  return new EventTypeRegistry().register(
    ...keyProjectEventTypes,
    ...rectificationOrderEventTypes,
    ...escalationEventTypes,
    ...indicatorEventTypes,
    ...circularEventTypes,
    ...personalDataEventTypes,
    ...documentRegisterEventTypes,
    ...targetResponsibilityEventTypes,
    ...bulletinEventTypes,
    ...evaluationEventTypes,
    ...reminderEventTypes,
  );
}

describe('committed AsyncAPI document (libs/messaging/asyncapi/asyncapi.json)', () => {
  const doc: AsyncApiDocument = readAsyncApiDocument();

  it('is AsyncAPI 3.0.0 with a production and a local Kafka server', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.servers.production.protocol).toBe('kafka');
    expect(doc.servers.local).toMatchObject({ host: '127.0.0.1:9092', protocol: 'kafka' });
  });

  it('has a message for every registered event type and none for unknown ones (npm run asyncapi:generate when this fails)', () => {
    expect(asyncApiEventTypes(doc).sort()).toEqual(appRegistry().list().sort());
  });

  it('puts each event type on the topic of its category, with a receive operation and a data schema', () => {
    const byCategory: Record<string, readonly string[]> = {
      'key-project': keyProjectEventTypes,
      'rectification-order': rectificationOrderEventTypes,
      escalation: escalationEventTypes,
      indicator: indicatorEventTypes,
    };
    for (const [category, types] of Object.entries(byCategory)) {
      const [id, channel] = Object.entries(doc.channels).find(([, c]) => c.address === `mdj.${category}.events.v1`) ?? [];
      expect(channel).toBeDefined();
      expect(Object.keys(channel?.messages ?? {}).sort()).toEqual([...types].sort());
      const operation = Object.values(doc.operations).find(
        (o) => (o as { channel: { $ref: string } }).channel.$ref === `#/channels/${id}`,
      ) as { action: string; messages: unknown[] };
      expect(operation.action).toBe('receive');
      expect(operation.messages).toHaveLength(types.length);
      for (const type of types) {
        const message = doc.components.messages[type] as { contentType: string; payload: { properties: Record<string, unknown> } };
        expect(message.contentType).toBe('application/cloudevents+json');
        expect(message.payload.properties.type).toEqual({ type: 'string', const: type });
        expect(message.payload.properties.data).toEqual({ $ref: `#/components/schemas/${type}Data` });
        expect(doc.components.schemas[`${type}Data`]).toMatchObject({ type: 'object' });
      }
    }
  });

  it('is served with the deployment prefix and brokers', () => {
    const served = deploymentAsyncApiDocument(doc, { topicPrefix: 'city', brokers: 'k1:9093,k2:9093' });
    expect(served.servers.production.host).toBe('k1:9093');
    expect(Object.values(served.channels).map((c) => c.address)).toContain('city.rectification-order.events.v1');
    expect(doc.servers.production.host).toBe('{brokers}');
  });
});
