import { Kafka, logLevel } from 'kafkajs';
import { createConsumer } from './kafka.config';

/**
 * createConsumer reaches kafkajs's private cluster factory; these tests fail should an upgrade move
 * it, instead of the consumer silently crashing again at a single broker's controlled shutdown.
 */
type Lookup = (args: unknown) => Promise<unknown>;

function notFound(): Error {
  // What kafkajs's retrier throws when findGroupCoordinatorMetadata reached no broker.
  const cause = Object.assign(new Error('Failed to find group coordinator'), { name: 'KafkaJSGroupCoordinatorNotFound' });
  return Object.assign(new Error('Failed to find group coordinator', { cause }), { name: 'KafkaJSNonRetriableError' });
}

/** A client whose cluster factory hands out `lookup` as the group-coordinator lookup, and the cluster made. */
function clientWith(lookup: Lookup): { kafka: Kafka; made: () => { findGroupCoordinator: Lookup } } {
  const kafka = new Kafka({ clientId: 'spec', brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING });
  const factory = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  expect(factory).toBeDefined();
  const holder = kafka as unknown as Record<symbol, (options: unknown) => unknown>;
  const real = holder[factory!];
  let cluster: { findGroupCoordinator: Lookup } | undefined;
  holder[factory!] = (options) => {
    cluster = real(options) as { findGroupCoordinator: Lookup };
    cluster.findGroupCoordinator = lookup;
    return cluster;
  };
  return { kafka, made: () => cluster! };
}

describe('createConsumer', () => {
  it('keeps looking for the group coordinator while no broker answers, instead of crashing', async () => {
    let calls = 0;
    const { kafka, made } = clientWith(async () => {
      if (++calls < 3) throw notFound();
      return 'coordinator';
    });
    createConsumer(kafka, { groupId: 'g' }, () => false);
    await expect(made().findGroupCoordinator({ groupId: 'g' })).resolves.toBe('coordinator');
    expect(calls).toBe(3);
  });

  it('passes any other error on at once, and gives up when the consumer is being stopped', async () => {
    let calls = 0;
    const other = clientWith(async () => {
      calls++;
      throw Object.assign(new Error('not authorized'), { name: 'KafkaJSProtocolError' });
    });
    createConsumer(other.kafka, { groupId: 'g' }, () => false);
    await expect(other.made().findGroupCoordinator({ groupId: 'g' })).rejects.toThrow('not authorized');
    expect(calls).toBe(1);

    let stopping = false;
    const stopped = clientWith(async () => {
      stopping = true;
      throw notFound();
    });
    createConsumer(stopped.kafka, { groupId: 'g' }, () => stopping);
    await expect(stopped.made().findGroupCoordinator({ groupId: 'g' })).rejects.toThrow('Failed to find group coordinator');
  });

  it('changes only the consumer it creates', () => {
    const { kafka, made } = clientWith(async () => 'coordinator');
    const lookup = () => made().findGroupCoordinator;
    createConsumer(kafka, { groupId: 'g' }, () => false);
    const wrapped = lookup();
    kafka.consumer({ groupId: 'h' });
    expect(lookup()).not.toBe(wrapped); // the next cluster got the stub, unwrapped
  });
});
