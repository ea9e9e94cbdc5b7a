import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, ROLES, type Actor } from '@app/auth';
import { TodoService } from './todo.service';

@ApiTags('me 我的待办与消息')
@ApiBearerAuth()
@Controller('api/v1/me')
@Roles(...ROLES)
export class MeController {
  constructor(private readonly todos: TodoService) {}

  @Get('todos')
  @ApiOperation({
    summary: '我的待办',
    description:
      '当前用户现在要办的事：责任单位的启动整改、报送方案、本单位的预警和领导批示；整改办的交办、审核方案、组织验收、公示和销号；领导小组的延期和基线变更审批、验收决定、红色及以上预警签阅。' +
      '每条带办理页面的链接（link），办结的事件一到即从列表消失。外部系统和系统管理员没有待办。',
  })
  @ApiOkResponse({ description: '{ items: [{ key, subjectType, subjectId, subjectCode, subjectName, command, title, dueOn, link, level }], total }' })
  async list(@CurrentActor() actor: Actor) {
    const items = await this.todos.todosOf(actor);
    return { items, total: items.length };
  }
}
