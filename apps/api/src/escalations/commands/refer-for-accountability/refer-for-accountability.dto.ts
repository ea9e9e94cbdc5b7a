import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** 移交问责 */
export class ReferForAccountabilityDto {
  @ApiProperty({ description: '问责事由', example: '逾期 90 天以上仍未完成整改。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}
