import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import type { AllowedAction } from '@app/domain';
import type { ApiViewName } from '../openapi/api-views';

/** One entry of a detail view's `allowedActions`: the web app renders its buttons from these. */
export class AllowedActionDto implements AllowedAction {
  @ApiProperty({ description: '命令类型（与命令接口的 type 相同）', example: 'ReportOrderProgress' })
  command!: string;

  @ApiProperty({ description: '当前用户现在能否发送该命令', example: false })
  allowed!: boolean;

  @ApiPropertyOptional({
    description: '不能发送时的原因（中文，可直接展示）',
    example: '当前状态为“待验收”，不能报送整改进展；该操作仅在“整改中”状态下可以进行。',
  })
  reason?: string;

  @ApiPropertyOptional({ description: '不能发送时依据的规则编号（见 docs/domain.md）', example: 'ORD-STATE-1' })
  rule?: string;
}

/**
 * The 200 response of a detail route: its view, generated from the query handler's TypeScript type
 * (api-views.ts), with `allowedActions`: every command the caller's roles may send to this record,
 * allowed now or not, with the reason (empty for `asOf` views). The web app renders its buttons from these.
 */
export function ApiDetailWithAllowedActions(description: string, view: ApiViewName) {
  return applyDecorators(ApiOkResponse({ description, schema: { $ref: `#/components/schemas/${view}` } }));
}
