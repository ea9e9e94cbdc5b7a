import { Global, Module } from '@nestjs/common';
import { AppendSignal, EVENT_STORE, SubscriptionHost, type EventStore } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { CommandExecutor } from './command-executor';

/** The command path for every module of the process: one executor, so one state cache and one set of stream locks. */
@Global()
@Module({
  providers: [
    {
      provide: CommandExecutor,
      inject: [EVENT_STORE, Clock, AppConfig, AppendSignal, { token: SubscriptionHost, optional: true }],
      // With the worker in this process, wake its runners (or relay) directly; an API-only process
      // tells the workers' processes instead (NOTIFY), so they need not wait for their next poll.
      useFactory: (store: EventStore, clock: Clock, config: AppConfig, signal: AppendSignal, subscriptions?: SubscriptionHost) =>
        new CommandExecutor({
          store,
          clock,
          domainConfig: config.domainConfig,
          onAppended: subscriptions ? () => subscriptions.poke() : () => signal.announce(),
        }),
    },
  ],
  exports: [CommandExecutor],
})
export class CommandsModule {}
