import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '@app/auth';
import { GetDepartmentQuery } from './queries/get-department/get-department.query';
import { ListDepartmentsQuery } from './queries/list-departments/list-departments.query';
import { ApiView } from '../openapi/api-view.decorator';

const STATS =
  '统计对象为本单位牵头的整改任务，口径与整改台账及单位排名相同：在办（已下达未销号，验收通过、拟销号公示中仍属在办）、已逾期（在办且已过现行整改时限）、已销号数；按原整改时限和现行整改时限的按期销号率（0–1，以有时限的已销号任务为分母）；逾期任务平均逾期天数；各等级未解除预警数。';

@ApiTags('departments 责任单位')
@ApiBearerAuth()
@Controller('api/v1/departments')
@Roles(...ROLES)
export class DepartmentQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiView('DepartmentList')
  @ApiOperation({ summary: '责任单位统计', description: `${STATS}所有角色可查。` })
  list() {
    return this.queryBus.execute(new ListDepartmentsQuery());
  }

  @Get(':id')
  @ApiView('DepartmentDetail')
  @ApiOperation({ summary: '单个责任单位统计', description: STATS })
  @ApiParam({ name: 'id', description: '单位编号，如 ning-an-city' })
  get(@Param('id') id: string) {
    return this.queryBus.execute(new GetDepartmentQuery(id));
  }
}
