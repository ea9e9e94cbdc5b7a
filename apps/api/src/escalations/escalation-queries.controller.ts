import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '@app/auth';
import { GetEscalationQuery } from './queries/get-escalation/get-escalation.query';
import { ListEscalationsQueryDto } from './queries/list-escalations/list-escalations.dto';
import { ListEscalationsQuery } from './queries/list-escalations/list-escalations.query';
import { EscalationIdPipe } from '../shared/id.pipe';

@ApiTags('escalations 督办预警')
@ApiBearerAuth()
@Controller('api/v1/escalations')
@Roles(...ROLES)
export class EscalationQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: '督办预警队列',
    description: '未解除和已解除的预警：等级、逾期天数、对象、责任人及已采取的措施。默认按等级、逾期天数倒序。所有角色可查。',
  })
  @ApiOkResponse({ description: '{ items, total, page, pageSize }' })
  list(@Query() filter: ListEscalationsQueryDto) {
    return this.queryBus.execute(new ListEscalationsQuery(filter));
  }

  @Get(':id')
  @ApiOperation({ summary: '督办预警详情' })
  @ApiParam({ name: 'id', description: '预警编号（UUID）' })
  get(@Param('id', EscalationIdPipe) id: string) {
    return this.queryBus.execute(new GetEscalationQuery(id));
  }
}
