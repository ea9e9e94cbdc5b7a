import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '@app/auth';
import { ListDeadlinesQueryDto } from './queries/list-deadlines/list-deadlines.dto';
import { ListDeadlinesQuery } from './queries/list-deadlines/list-deadlines.query';
import { ApiView } from '../openapi/api-view.decorator';

@ApiTags('deadlines 期限日历')
@ApiBearerAuth()
@Controller('api/v1/deadlines')
@Roles(...ROLES)
export class DeadlineQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiView('DeadlinePage')
  @ApiOperation({
    summary: '期限日历',
    description:
      '工程节点、整改时限、措施时限、信访件首次报告、长期坚持类定期报告、验收办理和公示期满；按日期区间、单位、类型、时效筛选。期限为北京时间当日 24 时。所有角色可查。',
  })
  list(@Query() filter: ListDeadlinesQueryDto) {
    return this.queryBus.execute(new ListDeadlinesQuery(filter));
  }
}
