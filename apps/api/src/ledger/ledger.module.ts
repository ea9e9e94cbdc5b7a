import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { XLSX_MIME } from './ledger-xlsx';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { OrderImportService } from './order-import.service';

/** Largest spreadsheet an import accepts (the JSON body limit stays as configured). */
export const IMPORT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** 整改台账: the filtered ledger, its .xlsx export and the all-or-nothing .xlsx import. */
@Module({ controllers: [LedgerController], providers: [LedgerService, OrderImportService] })
export class LedgerModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // A worker process (createApplicationContext) has no HTTP server to teach .xlsx bodies to.
    const fastify = this.adapterHost.httpAdapter?.getInstance();
    if (!fastify) return;
    for (const type of [XLSX_MIME, 'application/octet-stream']) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES },
        (_req: unknown, body: Buffer, done: (err: Error | null, body?: Buffer) => void) => done(null, body),
      );
    }
  }
}
