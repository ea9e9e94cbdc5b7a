import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ASYNCAPI_CATEGORIES } from '@app/messaging';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
export const FEED_CATEGORIES = ASYNCAPI_CATEGORIES.map((c) => c.category);

/** 事件增量拉取条件 */
export class EventsFeedQueryDto {
  @ApiPropertyOptional({
    description: '游标：上次读到的最后一个事件的 position（即上次响应的 next）；从头读取时省略或为 0',
    example: '0',
    default: '0',
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'after 必须是十进制非负整数（事件 position）' })
  after?: string;

  @ApiPropertyOptional({ description: '每页条数 1–1000', default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: '只要某一类流的事件', enum: FEED_CATEGORIES })
  @IsOptional()
  @IsIn(FEED_CATEGORIES)
  category?: string;
}
