import { isLoopbackClient } from './loopback';

const from = (remoteAddress: string | undefined, headers: Record<string, string> = {}) => ({ headers, raw: { socket: { remoteAddress } } });

describe('isLoopbackClient', () => {
  it('is true for a direct client on this machine', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackClient(from(address))).toBe(true);
  });

  it('is false for other peers, and for anything a proxy forwarded', () => {
    for (const address of ['10.0.0.5', '192.168.1.1', '::ffff:10.0.0.5', 'fe80::1', undefined])
      expect(isLoopbackClient(from(address))).toBe(false);
    expect(isLoopbackClient(from('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' }))).toBe(false);
    expect(isLoopbackClient(from('127.0.0.1', { forwarded: 'for=127.0.0.1' }))).toBe(false);
    expect(isLoopbackClient(from('127.0.0.1', { 'x-real-ip': '127.0.0.1' }))).toBe(false);
  });
});
