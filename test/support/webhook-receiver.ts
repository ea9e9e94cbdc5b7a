import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a path of the receiver does with its next request. */
export type Reply = 'ok' | 'fail' | 'hang' | 'hold';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  reply: Reply;
  /** The status a held request was finally answered with. */
  answered?: number;
}

/**
 * A webhook receiver on 127.0.0.1 only (never another address), for tests: each path answers from its
 * script (then 'ok' once the script is used up, or `otherwise`), and every request is recorded.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Reply[]>();
  private readonly otherwise = new Map<string, Reply>();
  private server: Server | null = null;
  private readonly hanging = new Set<() => void>();
  /** Requests answered 'hold': kept open until the test answers them (release) or the receiver stops. */
  readonly held: Array<{ received: Received; answer: (status: number) => void }> = [];

  private readonly keys = new Map<string, (body: string) => string>();

  /**
   * What `path` answers: `replies` in turn, then `otherwise`. With `keyOf`, each key (e.g. a CloudEvent's
   * subject) has its own turn through `replies`, so concurrent deliveries of different subjects do not share it.
   */
  script(path: string, replies: Reply[], otherwise: Reply = 'ok', keyOf?: (body: string) => string): void {
    for (const k of [...this.scripts.keys()]) if (k === path || k.startsWith(`${path}#`)) this.scripts.delete(k);
    this.scripts.set(path, [...replies]);
    this.otherwise.set(path, otherwise);
    if (keyOf) this.keys.set(path, keyOf);
    else this.keys.delete(path);
  }

  private next(path: string, body: string): Reply {
    const keyOf = this.keys.get(path);
    const key = keyOf ? `${path}#${keyOf(body)}` : path;
    if (keyOf && !this.scripts.has(key)) this.scripts.set(key, [...(this.scripts.get(path) ?? [])]);
    return this.scripts.get(key)?.shift() ?? this.otherwise.get(path) ?? 'ok';
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0];
        const body = Buffer.concat(chunks).toString('utf8');
        const reply = this.next(path, body);
        this.received.push({ path, headers: req.headers, body, reply });
        if (reply === 'hold') {
          const received = this.received[this.received.length - 1];
          this.held.push({
            received,
            answer: (status) => {
              received.answered = status;
              res.statusCode = status;
              res.end();
            },
          });
          this.hanging.add(() => res.destroy());
          return;
        }
        if (reply === 'hang') {
          // Never answers; the sender's timeout gives up. Closed when the receiver stops.
          const end = () => res.destroy();
          this.hanging.add(end);
          return;
        }
        res.statusCode = reply === 'ok' ? 204 : 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const end of this.hanging) end();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
