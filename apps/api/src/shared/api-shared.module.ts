import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { MinPositionInterceptor } from './min-position.interceptor';

@Global()
@Module({
  providers: [
    MinPositionInterceptor,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useExisting: MinPositionInterceptor },
  ],
  exports: [MinPositionInterceptor],
})
export class ApiSharedModule {}
