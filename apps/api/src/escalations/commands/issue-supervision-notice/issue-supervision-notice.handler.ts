import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { EscalationCommandRunner } from '../../shared/escalation-command.runner';
import { IssueSupervisionNoticeCommand } from './issue-supervision-notice.command';

@CommandHandler(IssueSupervisionNoticeCommand)
export class IssueSupervisionNoticeHandler implements ICommandHandler<IssueSupervisionNoticeCommand> {
  constructor(private readonly escalations: EscalationCommandRunner) {}

  execute({ escalationId, body, context }: IssueSupervisionNoticeCommand): Promise<CommandResult> {
    return this.escalations.run(
      escalationId,
      { type: 'IssueSupervisionNotice', noticeNumber: body.noticeNumber ?? null, text: body.text },
      context,
    );
  }
}
