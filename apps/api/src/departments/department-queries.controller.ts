import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '@app/auth';
import { GetDepartmentQuery } from './queries/get-department/get-department.query';
import { ListDepartmentsQuery } from './queries/list-departments/list-departments.query';
import { ApiView } from '../openapi/api-view.decorator';

const STATS =
  '统计对象为整改任务的整改时限和重点工程节点：未完成、已逾期、已完成数；按原定和现行期限的按期完成率（0–1，已完成或已过期限的事项为分母）；逾期事项平均逾期天数；各等级未解除预警数。';

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
