import multipart from '@fastify/multipart';
import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { EVIDENCE_FILE_STORE, PostgresEvidenceFileStore, S3EvidenceFileStore, type EvidenceFileStore } from './evidence-file.store';
import { EvidenceController } from './evidence.controller';
import { MultipartRouteGuard } from './multipart-route.guard';

/** Files put but never recorded by an event are swept once they are this old (an upload takes seconds). */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

function fileStore(config: AppConfig, pool: PgPool): EvidenceFileStore {
  if (config.EVIDENCE_STORE === 's3') {
    return new S3EvidenceFileStore({
      endpoint: config.S3_ENDPOINT as string,
      accessKey: config.S3_ACCESS_KEY as string,
      secretKey: config.S3_SECRET_KEY as string,
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
    });
  }
  return new PostgresEvidenceFileStore(pool);
}

/** 佐证材料 files: upload and download, kept in PostgreSQL or an S3-compatible store (EVIDENCE_STORE). */
@Module({
  controllers: [EvidenceController],
  providers: [
    { provide: EVIDENCE_FILE_STORE, inject: [AppConfig, PG_POOL], useFactory: fileStore },
    { provide: APP_GUARD, useClass: MultipartRouteGuard },
  ],
})
export class EvidenceModule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('EvidenceModule');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(EVIDENCE_FILE_STORE) private readonly store: EvidenceFileStore,
  ) {}

  onModuleInit(): void {
    // A worker process (createApplicationContext) has no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance();
    if (!fastify) return;
    // The parser only marks a multipart request; its body is read by the upload handler, after the
    // guards (authentication, roles, MultipartRouteGuard), with the per-file limit. Queued, not
    // awaited: awaiting a plugin here boots Fastify before Nest installs its error handler, and a body
    // refused by Fastify (413, 415) then came back as Fastify's plain JSON instead of problem+json.
    void fastify.register(multipart, {
      throwFileSizeLimit: true,
      limits: { fileSize: this.config.EVIDENCE_MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 4000, parts: 12 },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const swept = await this.store.sweep(new Date(this.clock.now().getTime() - ORPHAN_AGE_MS));
    if (swept > 0) this.logger.log(`removed ${swept} evidence file(s) of uploads that were never recorded`);
  }
}
