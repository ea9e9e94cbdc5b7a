import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { personalDataEventTypes } from '@app/domain';
import { EventTypeRegistry, PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig } from '@app/platform';
import { resolveMasterKey } from './personal-data.crypto';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataInterceptor } from './personal-data.interceptor';
import { PersonalDataProtector } from './personal-data.protector';
import { PERSONAL_DATA_STORE, PersonalDataStore } from './personal-data.store';

/** The encrypted personal-data store, its erasure route, and the interceptor that reveals references in answers. */
@Global()
@Module({
  controllers: [PersonalDataController],
  providers: [
    {
      provide: PERSONAL_DATA_STORE,
      inject: [AppConfig, PG_POOL],
      useFactory: (config: AppConfig, pool: PgPool) => new PersonalDataStore(pool, resolveMasterKey(config)),
    },
    { provide: APP_INTERCEPTOR, useClass: PersonalDataInterceptor },
    PersonalDataProtector,
  ],
  exports: [PERSONAL_DATA_STORE, PersonalDataProtector],
})
export class PersonalDataModule implements OnModuleInit {
  constructor(private readonly eventTypes: EventTypeRegistry) {}

  onModuleInit(): void {
    this.eventTypes.register(...personalDataEventTypes);
  }
}
