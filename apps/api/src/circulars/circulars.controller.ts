import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '@app/auth';
import { circulars, CommandExecutor, type CommandMeta, type CommandResult } from '@app/commands';
import { departmentName, type CircularState } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { ProblemException } from '@app/platform';
import { CommandEndpoint } from '../shared/command-endpoint';
import { Meta } from '../shared/http-conventions';
import { CircularIdPipe } from '../shared/id.pipe';
import { IssueCircularDto, ListCircularsQueryDto } from './circular.dto';
import { ApiView } from '../openapi/api-view.decorator';

export interface CircularRow {
  id: string;
  state: CircularState;
}

export type CircularView = NonNullable<ReturnType<typeof circularView>>;

export function circularView(row: CircularRow) {
  const c = row.state.circular;
  if (!c) return null;
  const department = c.subject.department;
  return { id: row.id, ...c, departmentName: department ? departmentName(department) : null };
}

/** 通报: leadership issues one on an escalation or a department; every role may read them. */
@ApiTags('circulars 通报')
@ApiBearerAuth()
@Controller('api/v1/circulars')
export class CircularsController {
  constructor(
    private readonly commands: CommandExecutor,
    @Inject(PG_POOL) private readonly pool: PgPool,
  ) {}

  @Post()
  @CommandEndpoint(circulars, 'IssueCircular', {
    summary: '发布通报',
    description: '领导小组就一条督办预警（如敷衍整改的问责）或一个单位发布通报；通报单独成档，可按预警或单位查询。',
    creates: true,
  })
  issue(@Body() body: IssueCircularDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const id = randomUUID();
    return this.commands.execute(circulars, id, body.toCommand(id), meta);
  }

  @Get()
  @ApiView('CircularList')
  @Roles(...ROLES)
  @ApiOperation({ summary: '通报列表', description: '按督办预警或单位筛选，新发布的在前。所有角色可查。' })
  async list(@Query() filter: ListCircularsQueryDto) {
    const { rows } = await this.pool.query<CircularRow>(
      `SELECT id, state FROM read_models.circulars
       WHERE ($1::uuid IS NULL OR escalation_id = $1) AND ($2::text IS NULL OR department = $2)
       ORDER BY issued_on DESC, updated_at DESC LIMIT 500`,
      [filter.escalationId ?? null, filter.department ?? null],
    );
    const items = rows.map(circularView).filter(Boolean);
    return { items, total: items.length };
  }

  @Get(':id')
  @ApiView('Circular')
  @Roles(...ROLES)
  @ApiOperation({ summary: '通报详情' })
  @ApiParam({ name: 'id', description: '通报编号（UUID）' })
  async get(@Param('id', CircularIdPipe) id: string) {
    const { rows } = await this.pool.query<CircularRow>(`SELECT id, state FROM read_models.circulars WHERE id = $1`, [id]);
    const found = rows[0] && circularView(rows[0]);
    if (!found) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该通报（编号 ${id}），请检查编号`);
    return found;
  }
}
