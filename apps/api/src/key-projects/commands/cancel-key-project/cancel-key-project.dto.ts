import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CancelKeyProjectDto {
  @ApiProperty({ description: '取消原因', example: '经领导小组研究，项目并入其他工程实施。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
