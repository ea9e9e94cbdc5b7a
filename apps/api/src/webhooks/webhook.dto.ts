import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { WEBHOOK_FORMATS, type WebhookFormat } from './webhook.templates';

export class WebhookOptionsDto {
  @ApiPropertyOptional({ description: 'sms：接收短信的手机号', type: [String], example: ['13800000000'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^\+?\d{5,20}$/, { each: true, message: '手机号只能包含数字（可带 +）' })
  phoneNumbers?: string[];

  @ApiPropertyOptional({ description: 'dingtalk：机器人“加签”密钥（SEC 开头）' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  dingtalkSecret?: string;
}

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ description: '接收地址（http 或 https）', example: 'https://example.gov.cn/hooks/mdj' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ description: '订阅的事件类型（与 AsyncAPI 文档中的 type 一致）', type: [String], example: ['EscalationRaised'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  eventTypes!: string[];

  @ApiPropertyOptional({
    description:
      '推送格式：cloudevents（默认，与 Kafka 相同的 CloudEvents 信封）/ wecom 企业微信群机器人 / dingtalk 钉钉群机器人 / sms 通用短信网关',
    enum: WEBHOOK_FORMATS,
  })
  @IsOptional()
  @IsIn(WEBHOOK_FORMATS)
  format?: WebhookFormat;

  @ApiPropertyOptional({ description: '签名密钥，whsec_ 加 base64（24–64 字节）；不填则自动生成，仅在创建时返回一次' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secret?: string;

  @ApiPropertyOptional({ description: '说明', example: '市政务服务平台' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: WebhookOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookOptionsDto)
  options?: WebhookOptionsDto;
}

export class ReplayWebhookDto {
  @ApiProperty({ description: '从此事件位置（含）起重新投递订阅类型的事件', example: '1' })
  @IsString()
  @Matches(/^\d{1,18}$/, { message: 'fromPosition 须为事件位置（非负整数）' })
  fromPosition!: string;
}
