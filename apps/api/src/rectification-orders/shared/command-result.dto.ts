import { ApiProperty } from '@nestjs/swagger';

export class CommandResultDto {
  @ApiProperty({ description: '整改任务编号', example: '3f1c2a9e-6b7d-4c1e-9a51-2f0d8e4b7c10' })
  id!: string;

  @ApiProperty({ description: '命令执行后的版本号；下次修改时放入 If-Match 头', example: 3 })
  version!: number;

  @ApiProperty({ description: '最后写入事件的全局位置；查询时放入 X-Min-Position 头可读到本次写入', example: '128' })
  position!: string;
}
