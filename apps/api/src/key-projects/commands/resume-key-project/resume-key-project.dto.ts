import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ResumeKeyProjectDto {
  @ApiPropertyOptional({ description: '复工说明', example: '气温回升，恢复施工。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}
