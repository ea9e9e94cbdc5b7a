import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, ROLES, type Actor } from '@app/auth';
import { ApiDetailWithAllowedActions } from '../../allowed-actions/allowed-action.dto';
import { etag } from '../../shared/http-conventions';
import { OrderIdPipe } from '../../shared/id.pipe';
import { GetOrderHistoryQuery } from './get-order-history/get-order-history.query';
import { GetOrderQueryDto } from './get-order/get-order.dto';
import { GetOrderQuery } from './get-order/get-order.query';
import { ListOrdersQueryDto } from './list-orders/list-orders.dto';
import { ListOrdersQuery } from './list-orders/list-orders.query';
import { ApiView } from '../../openapi/api-view.decorator';

interface Reply {
  header(name: string, value: string): Reply;
}

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
@Roles(...ROLES)
export class RectificationOrderQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiView('OrderPage')
  @ApiOperation({
    summary: '整改任务台账',
    description: '按单位（牵头或配合）、状态、来源、批次、时限类型、关键词筛选，分页、排序。所有角色可查。',
  })
  list(@Query() filter: ListOrdersQueryDto) {
    return this.queryBus.execute(new ListOrdersQuery(filter));
  }

  @Get(':id')
  @ApiOperation({
    summary: '整改任务详情',
    description:
      '当前状态（读模型）；带 asOf（日期 YYYY-MM-DD 或 ISO 时刻）时按事件回放到该日（北京时间）24 时或该时刻的状态。allowedActions：当前用户现在可以办理的操作及不能办理的原因。',
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiDetailWithAllowedActions('整改任务详情，含 allowedActions', 'OrderDetail')
  async get(
    @Param('id', OrderIdPipe) id: string,
    @Query() query: GetOrderQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const view = await this.queryBus.execute(new GetOrderQuery(id, actor, query.asOf));
    if (!query.asOf) reply.header('etag', etag(view.version));
    return view;
  }

  @Get(':id/history')
  @ApiView('OrderHistory')
  @ApiOperation({ summary: '整改任务历史', description: '该任务的全部事件：类型、版本、全局位置、记录时间、操作人和内容。' })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  history(@Param('id', OrderIdPipe) id: string) {
    return this.queryBus.execute(new GetOrderHistoryQuery(id));
  }
}
