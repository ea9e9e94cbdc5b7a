import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandExecutor, reminders, type CommandMeta, type CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint';
import { Meta } from '../shared/http-conventions';
import { SendReminderDto } from './reminder.dto';

/** 催办: leadership or the supervision office presses the lead department of an open item. */
@ApiTags('reminders 催办')
@ApiBearerAuth()
@Controller('api/v1/reminders')
export class ReminderCommandsController {
  constructor(private readonly commands: CommandExecutor) {}

  @Post()
  @CommandEndpoint(reminders, 'SendReminder', {
    summary: '催办',
    description:
      '领导小组或整改办对未办结的整改任务、重点工程或督办预警发出催办，消息送达其牵头单位（消息中心）。已办结或尚未交办的事项不能催办（REM-SEND-1）。',
    creates: true,
  })
  send(@Body() body: SendReminderDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const id = randomUUID();
    return this.commands.execute(reminders, id, body.toCommand(id), meta);
  }
}
