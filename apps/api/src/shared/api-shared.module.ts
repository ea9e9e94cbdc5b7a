import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CommandExecutor } from './command-executor';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { MinPositionInterceptor } from './min-position.interceptor';

@Global()
@Module({
  providers: [
    CommandExecutor,
    MinPositionInterceptor,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useExisting: MinPositionInterceptor },
  ],
  exports: [CommandExecutor, MinPositionInterceptor],
})
export class ApiSharedModule {}
