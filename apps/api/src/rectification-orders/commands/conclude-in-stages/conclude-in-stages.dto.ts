import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

/** 阶段性办结 */
export class ConcludeInStagesDto {
  @ApiProperty({ description: '承接剩余整改工作的整改任务编号', example: '3f1c2a9e-6b7d-4c1e-9a51-2f0d8e4b7c10' })
  @IsUUID()
  linkedOrderId!: string;

  @ApiProperty({ description: '阶段性办结情况', example: '已纳入镜泊湖流域污水治理任务统一整改。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;
}
