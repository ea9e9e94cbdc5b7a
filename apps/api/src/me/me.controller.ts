import { Controller, Get, Headers, HttpCode, Param, Put, Query, Sse, type MessageEvent } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, Roles, ROLES, type Actor } from '@app/auth';
import { MessageIdPipe } from '../shared/id.pipe';
import { MessageService } from './message.service';
import { MeStreamService } from './me-stream.service';
import { TodoService } from './todo.service';

export class ListMessagesQueryDto {
  @ApiPropertyOptional({ description: 'true：只看未读', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

@ApiTags('me 我的待办与消息')
@ApiBearerAuth()
@Controller('api/v1/me')
@Roles(...ROLES)
export class MeController {
  constructor(
    private readonly todos: TodoService,
    private readonly messages: MessageService,
    private readonly stream: MeStreamService,
  ) {}

  @Sse('stream')
  @ApiOperation({
    summary: '实时推送（Server-Sent Events）',
    description:
      '本人的新消息（event: message，data 为消息）、待办变化（event: todos）和预警变化（event: escalation）。每个事件的 id 是消息序号；断线重连时浏览器自动带上 Last-Event-ID（或用查询参数 lastEventId），' +
      '服务端先补发此后的全部消息，不会遗漏。无新事件时每 25 秒发送一次 ping。格式见 docs/architecture.md“实时推送”。',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: '上次收到的事件 id（消息序号）' })
  @ApiOkResponse({ description: 'text/event-stream' })
  openStream(
    @CurrentActor() actor: Actor,
    @Headers('last-event-id') header?: string,
    @Query('lastEventId') query?: string,
  ): Observable<MessageEvent> {
    const raw = header ?? query;
    const lastEventId = raw !== undefined && /^\d{1,18}$/.test(raw) ? raw : null;
    return this.stream.open(actor, lastEventId).pipe(map((e) => ({ type: e.type, id: e.id, data: e.data as object })));
  }

  @Get('todos')
  @ApiOperation({
    summary: '我的待办',
    description:
      '当前用户现在要办的事：责任单位的启动整改、报送方案、本单位的预警和领导批示；整改办的交办、审核方案、组织验收、公示和销号；领导小组的延期和基线变更审批、验收决定、红色及以上预警签阅。' +
      '每条带办理页面的链接（link），办结的事件一到即从列表消失。外部系统和系统管理员没有待办。',
  })
  @ApiOkResponse({
    description:
      '{ items: [{ key, subjectType, subjectId, subjectCode, subjectName, command, title, dueOn, daysLeft, link, level }], total }',
  })
  async listTodos(@CurrentActor() actor: Actor) {
    const items = await this.todos.todosOf(actor);
    return { items, total: items.length };
  }

  @Get('messages')
  @ApiOperation({
    summary: '我的消息（消息中心）',
    description:
      '发给本人角色或本单位的消息：预警、领导批示、督办单、约谈、问责、催办、审批结果，新的在前（最多 100 条），unread 为未读条数。谁收到什么见 docs/architecture.md“消息中心”。',
  })
  @ApiOkResponse({
    description: '{ items: [{ id, seq, kind, kindLabel, title, body, link, subjectType, subjectId, createdAt, read }], unread }',
  })
  listMessages(@CurrentActor() actor: Actor, @Query() query: ListMessagesQueryDto) {
    return this.messages.list(actor, { unreadOnly: query.unread === 'true' });
  }

  @Put('messages/read-all')
  @HttpCode(204)
  @ApiOperation({ summary: '全部标为已读', description: '已读状态只属于本人，不是业务事件，不写入事件日志。' })
  @ApiNoContentResponse({ description: '已全部标为已读' })
  async markAllRead(@CurrentActor() actor: Actor): Promise<void> {
    await this.messages.markAllRead(actor);
  }

  @Put('messages/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: '标为已读', description: '已读状态只属于本人，不是业务事件，不写入事件日志；重复标记无副作用。' })
  @ApiParam({ name: 'id', description: '消息编号（UUID）' })
  @ApiNoContentResponse({ description: '已标为已读' })
  async markRead(@CurrentActor() actor: Actor, @Param('id', MessageIdPipe) id: string): Promise<void> {
    await this.messages.markRead(actor, id);
  }
}
