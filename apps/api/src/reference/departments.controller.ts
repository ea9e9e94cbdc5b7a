import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '@app/auth';
import { DEPARTMENTS, type Department } from '@app/domain';
import { ApiView } from '../openapi/api-view.decorator';

const KIND_LABELS: Record<Department['kind'], string> = {
  'city-department': '市直部门',
  'county-government': '县（市）区人民政府',
  enterprise: '企业',
  office: '议事协调机构办公室',
};

@ApiTags('reference 参考数据')
@ApiBearerAuth()
@Roles(...ROLES)
@Controller('api/v1/reference')
export class DepartmentsController {
  @Get('departments')
  @ApiView('ReferenceDepartmentList')
  @ApiOperation({ summary: '责任单位列表', description: '牵头单位、配合单位及令牌中 department 使用的单位编号，含中英文名称。' })
  departments(): { items: Array<Department & { kindLabel: string }>; total: number } {
    const items = DEPARTMENTS.map((d) => ({ ...d, kindLabel: KIND_LABELS[d.kind] }));
    return { items, total: items.length };
  }
}
