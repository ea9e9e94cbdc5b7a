import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { EscalationCommandContext } from '../../shared/escalation-command.runner';
import type { IssueSupervisionNoticeDto } from './issue-supervision-notice.dto';

export class IssueSupervisionNoticeCommand extends Command<CommandResult> {
  constructor(
    readonly escalationId: string,
    readonly body: IssueSupervisionNoticeDto,
    readonly context: EscalationCommandContext,
  ) {
    super();
  }
}
