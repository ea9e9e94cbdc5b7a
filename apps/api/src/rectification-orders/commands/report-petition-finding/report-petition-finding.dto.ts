import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { PetitionFinding } from '@app/domain';

/** 报送信访件调查核实结果 */
export class ReportPetitionFindingDto {
  @ApiProperty({
    description: '核实结论：TRUE 属实 / BASICALLY_TRUE 基本属实 / PARTLY_TRUE 部分属实 / UNTRUE 不属实',
    enum: ['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE', 'UNTRUE'],
    example: 'PARTLY_TRUE',
  })
  @IsIn(['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE', 'UNTRUE'])
  finding!: PetitionFinding;

  @ApiProperty({ description: '调查核实情况', example: '经现场核查，企业存在夜间超标排放问题，已责令停产整改。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;
}
