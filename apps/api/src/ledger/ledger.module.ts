import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TokenVerifier } from '@app/auth';
import { registerImportBody } from './import-body';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { OrderImportService } from './order-import.service';

/** 整改台账: the filtered ledger, its .xlsx export and the all-or-nothing .xlsx import. */
@Module({ controllers: [LedgerController], providers: [LedgerService, OrderImportService] })
export class LedgerModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: TokenVerifier,
  ) {}

  onModuleInit(): void {
    // A worker process (createApplicationContext) has no HTTP server to teach .xlsx bodies to.
    const fastify = this.adapterHost.httpAdapter?.getInstance();
    if (fastify) registerImportBody(fastify, this.verifier);
  }
}
