import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, ROLES, type Actor } from '@app/auth';
import { ApiDetailWithAllowedActions } from '../allowed-actions/allowed-action.dto';
import { GetEscalationQuery } from './queries/get-escalation/get-escalation.query';
import { ListEscalationsQueryDto } from './queries/list-escalations/list-escalations.dto';
import { ListEscalationsQuery } from './queries/list-escalations/list-escalations.query';
import { EscalationIdPipe } from '../shared/id.pipe';
import { ApiView } from '../openapi/api-view.decorator';

@ApiTags('escalations 督办预警')
@ApiBearerAuth()
@Controller('api/v1/escalations')
@Roles(...ROLES)
export class EscalationQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiView('EscalationPage')
  @ApiOperation({
    summary: '督办预警队列',
    description: '未解除和已解除的预警：等级、逾期天数、对象、责任人及已采取的措施。默认按等级、逾期天数倒序。所有角色可查。',
  })
  list(@Query() filter: ListEscalationsQueryDto) {
    return this.queryBus.execute(new ListEscalationsQuery(filter));
  }

  @Get(':id')
  @ApiOperation({ summary: '督办预警详情', description: 'allowedActions：当前用户现在可以采取的督办措施及不能采取的原因。' })
  @ApiParam({ name: 'id', description: '预警编号（UUID）' })
  @ApiDetailWithAllowedActions('督办预警详情，含 allowedActions', 'EscalationDetail')
  get(@Param('id', EscalationIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new GetEscalationQuery(id, actor));
  }
}
