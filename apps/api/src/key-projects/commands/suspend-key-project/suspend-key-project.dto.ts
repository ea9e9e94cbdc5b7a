import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SuspendKeyProjectDto {
  @ApiProperty({ description: '暂停原因', example: '冬季停工' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
