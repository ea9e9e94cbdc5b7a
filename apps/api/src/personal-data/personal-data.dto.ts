import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** 删除个人信息 */
export class ErasePersonalDataDto {
  @ApiProperty({
    description: '删除依据（记入不可更改的事件日志，请勿写入姓名、电话等个人信息）',
    example: '信访人依《个人信息保护法》第四十七条申请删除',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
