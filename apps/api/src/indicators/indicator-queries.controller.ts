import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { roles } from '@app/domain';
import { ApiDetailWithAllowedActions } from '../allowed-actions/allowed-action.dto';
import { etag } from '../shared/http-conventions';
import { IndicatorIdPipe } from './indicator-id';
import { GetIndicatorHistoryQuery, type IndicatorHistory } from './queries/get-indicator-history/get-indicator-history.query';
import { GetIndicatorDto } from './queries/get-indicator/get-indicator.dto';
import { GetIndicatorQuery, type IndicatorDetail } from './queries/get-indicator/get-indicator.query';
import { ListIndicatorsDto } from './queries/list-indicators/list-indicators.dto';
import { ListIndicatorsQuery, type IndicatorPage } from './queries/list-indicators/list-indicators.query';
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
@ApiTags('indicators 指标')
@ApiBearerAuth()
@ApiHeader(MIN_POSITION)
@Roles(...roles)
@Controller('api/v1/indicators')
export class IndicatorQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiView('IndicatorPage')
  @ApiOperation({
    summary: '指标列表',
    description:
      '表2 的 24 项指标和正文所列 2025 年目标：基准值、最新数值、2025 年目标、对照序时进度的状态；按属性、类别、状态、单位筛选。',
  })
  list(@Query() filters: ListIndicatorsDto): Promise<IndicatorPage> {
    return this.queryBus.execute(new ListIndicatorsQuery(filters));
  }

  @Get(':id')
  @ApiOperation({
    summary: '指标详情',
    description:
      '当前状态（读模型）：各统计期数值及其判定、序时进度、年度目标、更正记录、支撑工程；带 asOf（日期或日期时间）时按事件回放该时点的状态。ETag 为版本号。allowedActions：当前用户现在可以办理的操作及不能办理的原因。',
  })
  @ApiDetailWithAllowedActions('指标详情，含 allowedActions', 'IndicatorDetail')
  async get(
    @Param('id', IndicatorIdPipe) id: string,
    @Query() query: GetIndicatorDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<IndicatorDetail> {
    const detail = await this.queryBus.execute(new GetIndicatorQuery(id, actor, query.asOf));
    reply.header('etag', etag(detail.version));
    return detail;
  }

  @Get(':id/history')
  @ApiView('IndicatorHistory')
  @ApiOperation({ summary: '指标历史', description: '全部事件：类型、版本、位置、记录时间、操作人及内容；更正与被更正的原值均在其中。' })
  history(@Param('id', IndicatorIdPipe) id: string): Promise<IndicatorHistory> {
    return this.queryBus.execute(new GetIndicatorHistoryQuery(id));
  }
}
