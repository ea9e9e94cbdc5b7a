import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, SubscriptionHost, type EventStore } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { CommandExecutor } from './command-executor';

/** The command path for every module of the process: one executor, so one state cache and one set of stream locks. */
@Global()
@Module({
  providers: [
    {
      provide: CommandExecutor,
      inject: [EVENT_STORE, Clock, AppConfig, { token: SubscriptionHost, optional: true }],
      useFactory: (store: EventStore, clock: Clock, config: AppConfig, subscriptions?: SubscriptionHost) =>
        new CommandExecutor({ store, clock, domainConfig: config.domainConfig, onAppended: () => subscriptions?.poke() }),
    },
  ],
  exports: [CommandExecutor],
})
export class CommandsModule {}
