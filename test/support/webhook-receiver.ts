import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a path of the receiver does with its next request. */
export type Reply = 'ok' | 'fail' | 'hang';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  reply: Reply;
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

  script(path: string, replies: Reply[], otherwise: Reply = 'ok'): void {
    this.scripts.set(path, [...replies]);
    this.otherwise.set(path, otherwise);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0];
        const reply = this.scripts.get(path)?.shift() ?? this.otherwise.get(path) ?? 'ok';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), reply });
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
