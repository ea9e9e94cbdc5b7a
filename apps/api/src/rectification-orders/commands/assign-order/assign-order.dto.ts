import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDepartmentId } from '../../../reference/is-department-id';

/** 交办整改任务 */
export class AssignOrderDto {
  @ApiProperty({ description: '牵头单位编号', example: 'ning-an-city' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsDepartmentId()
  leadDepartment!: string;

  @ApiPropertyOptional({ description: '责任人（职务）', example: '宁安市人民政府市长', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  responsiblePerson?: string | null;

  @ApiProperty({ description: '配合单位编号列表', example: ['city-eco-env-bureau'], type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  @IsDepartmentId({ each: true })
  cooperatingDepartments!: string[];

  @ApiProperty({ description: '验收单位编号', example: 'city-eco-env-bureau' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsDepartmentId()
  acceptanceDepartment!: string;
}
