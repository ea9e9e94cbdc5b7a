import { Global, Module } from '@nestjs/common';
import type { DomainConfig } from '@app/domain';
import { EVENT_STORE, SubscriptionHost, type EventStore } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { CommandExecutor } from './command-executor';

export function domainConfigOf(config: AppConfig): DomainConfig {
  return {
    publicNoticeWorkingDays: config.PUBLIC_NOTICE_WORKING_DAYS,
    petitionReportDays: config.PETITION_REPORT_DAYS,
    ongoingReportIntervalMonths: config.ONGOING_REPORT_INTERVAL_MONTHS,
  };
}

/** The command path for every module of the process: one executor, so one state cache and one set of stream locks. */
@Global()
@Module({
  providers: [
    {
      provide: CommandExecutor,
      inject: [EVENT_STORE, Clock, AppConfig, { token: SubscriptionHost, optional: true }],
      useFactory: (store: EventStore, clock: Clock, config: AppConfig, subscriptions?: SubscriptionHost) =>
        new CommandExecutor({ store, clock, domainConfig: domainConfigOf(config), onAppended: () => subscriptions?.poke() }),
    },
  ],
  exports: [CommandExecutor],
})
export class CommandsModule {}
