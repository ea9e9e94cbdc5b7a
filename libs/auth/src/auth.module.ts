import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '@app/platform';
import { AuthGuard } from './auth.guard';
import { JWT_SECRET, resolveJwtSecret } from './jwt-secret';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  providers: [
    { provide: JWT_SECRET, inject: [AppConfig], useFactory: resolveJwtSecret },
    TokenVerifier,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier, JWT_SECRET],
})
export class AuthModule {}
