import { isIP } from 'node:net';

interface ClientRequest {
  headers: Record<string, string | string[] | undefined>;
  raw: { socket: { remoteAddress?: string } };
}

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (plain === '::1') return true;
  return isIP(plain) === 4 && plain.startsWith('127.');
}

/**
 * A client on this machine: the TCP peer is a loopback address and nothing forwarded the request
 * (a reverse proxy on the same host would make every remote client look local). The peer address
 * is read from the socket, never from a header a client can write.
 */
export function isLoopbackClient(request: ClientRequest): boolean {
  if (FORWARDING_HEADERS.some((h) => request.headers[h] !== undefined)) return false;
  return isLoopbackAddress(request.raw.socket.remoteAddress);
}
