import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, ROLES, type Actor } from '@app/auth';
import { ApiDetailWithAllowedActions } from '../allowed-actions/allowed-action.dto';
import { etag } from '../shared/http-conventions';
import { GetKeyProjectHistoryQuery, type KeyProjectHistory } from './queries/get-key-project-history/get-key-project-history.query';
import { GetKeyProjectDto } from './queries/get-key-project/get-key-project.dto';
import { GetKeyProjectQuery, type KeyProjectDetail } from './queries/get-key-project/get-key-project.query';
import { ListKeyProjectsDto } from './queries/list-key-projects/list-key-projects.dto';
import { ListKeyProjectsQuery, type KeyProjectPage } from './queries/list-key-projects/list-key-projects.query';
import { ProjectIdPipe } from '../shared/id.pipe';
import { ApiView } from '../openapi/api-view.decorator';

interface Reply {
  header(name: string, value: string): Reply;
}

const MIN_POSITION = {
  name: 'X-Min-Position',
  required: false,
  description: '命令返回的 position：等待读模型追上后再返回，以读取自己的写入',
};

/** Readable by every role, the integrator included. */
@ApiTags('key-projects 重点工程')
@ApiBearerAuth()
@ApiHeader(MIN_POSITION)
@Roles(...ROLES)
@Controller('api/v1/key-projects')
export class KeyProjectQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiView('KeyProjectPage')
  @ApiOperation({ summary: '重点工程列表', description: '按单位、状态、专栏、类别、关键词筛选，分页排序。' })
  list(@Query() filters: ListKeyProjectsDto): Promise<KeyProjectPage> {
    return this.queryBus.execute(new ListKeyProjectsQuery(filters));
  }

  @Get(':id')
  @ApiOperation({
    summary: '重点工程详情',
    description:
      '当前状态（读模型）；带 asOf（日期 YYYY-MM-DD 或 ISO 时刻）时按事件回放到该日结束或该时刻的状态。ETag 为版本号。allowedActions：当前用户现在可以办理的操作及不能办理的原因。',
  })
  @ApiDetailWithAllowedActions('重点工程详情，含 allowedActions', 'KeyProjectDetail')
  async get(
    @Param('id', ProjectIdPipe) id: string,
    @Query() query: GetKeyProjectDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<KeyProjectDetail> {
    const detail = await this.queryBus.execute(new GetKeyProjectQuery(id, actor, query.asOf));
    reply.header('etag', etag(detail.version));
    return detail;
  }

  @Get(':id/history')
  @ApiView('KeyProjectHistory')
  @ApiOperation({ summary: '重点工程历史', description: '全部事件：类型、版本、位置、记录时间、操作人及内容。' })
  history(@Param('id', ProjectIdPipe) id: string): Promise<KeyProjectHistory> {
    return this.queryBus.execute(new GetKeyProjectHistoryQuery(id));
  }
}
