import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ListOrdersQueryDto } from '../rectification-orders/queries/list-orders/list-orders.dto';
import { LEDGER_TIMELINESS, type LedgerTimeliness } from './ledger.layout';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** The ledger's filters: those of GET /rectification-orders plus timeliness (及时性). */
export class LedgerQueryDto extends ListOrdersQueryDto {
  @ApiPropertyOptional({
    description:
      '及时性：ON_TRACK 正常推进 / DUE_SOON 即将到期（30日内）/ OVERDUE 已逾期 / DONE_ON_TIME 按期销号 / DONE_LATE 逾期销号 / NO_DEADLINE 长期坚持',
    enum: LEDGER_TIMELINESS,
  })
  @IsOptional()
  @IsIn(LEDGER_TIMELINESS)
  timeliness?: LedgerTimeliness;

  @ApiPropertyOptional({ description: '每页条数（最多 100）', example: 20, default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  declare pageSize?: number;
}
