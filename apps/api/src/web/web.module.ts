import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DemoUsersController } from './demo-users.controller';
import { SessionController } from './session.controller';
import { SpaController, webDistDir } from './spa.controller';

/**
 * The web UI (apps/web, built to apps/web/dist) at `/`, its cookie session, and the demo-user
 * sign-in of the embedded default. Import it last: its catch-all GET must not shadow API routes (find-my-way prefers static
 * and parametric routes anyway, but the order keeps the intent visible).
 */
@Module({ controllers: [SessionController, DemoUsersController, SpaController] })
export class WebModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const root = webDistDir();
    // No built UI, or a worker process without an HTTP server: nothing to serve.
    const fastify = this.adapterHost.httpAdapter?.getInstance();
    if (!fastify || !existsSync(join(root, 'index.html'))) return;
    // One route per built file (wildcard: false), so everything else falls through to SpaController.
    void fastify.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each file (apps/web/vite.config.mts); sent when the browser accepts them.
      preCompressed: true,
      // Hashed bundles never change; everything else is revalidated. (v10 passes the Fastify reply.)
      setHeaders: (reply: { header(name: string, value: string): unknown }, path: string) => {
        reply.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
}
