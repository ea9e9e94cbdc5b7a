import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Public, Roles } from '@app/auth';
import { bulletins, type CommandMeta } from '@app/commands';
import { roleLabels } from '@app/domain';
import { contentDisposition } from '../documents/documents.controller';
import { DOCX_MIME } from '../documents/official-docx';
import { Meta } from '../shared/http-conventions';
import { IsCalendarDate } from '../shared/is-calendar-date';
import { BulletinIdPipe } from '../shared/id.pipe';
import { BulletinsService, publicBulletin } from './bulletins.service';

interface Reply {
  header(name: string, value: string): Reply;
}

export class PublicProgressQueryDto {
  @ApiPropertyOptional({ description: '截至日期（默认今天）', example: '2026-06-30' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class PublishBulletinDto {
  @ApiProperty({ description: '期次：月度 YYYY-MM 或季度 YYYY-Qn', example: '2026-Q3' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { message: 'period must be YYYY-MM or YYYY-Qn' })
  period!: string;

  @ApiPropertyOptional({ description: '标题（默认“牡丹江市“十四五”生态环境保护规划实施进展公报（期次）”）' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;
}

/**
 * 信息公开 (PUB-FIELDS-1): read-only, without login, rate-limited per address like every anonymous
 * request. Everything here goes through `publicProgress` / `publicBulletin`, the whitelists.
 */
@ApiTags('public 信息公开')
@Controller('api/public/v1')
export class PublicController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Get('progress')
  @Public()
  @ApiOperation({
    summary: '规划实施进展（公开）',
    description: '重点工程进展、指标最新值与年度目标、整改任务数量；可选 asOf 查看某日情况。无需登录。',
  })
  @ApiOkResponse({ description: '{ asOf, keyProjects, indicators, rectification }' })
  progress(@Query() query: PublicProgressQueryDto) {
    return this.bulletins.progress(query.asOf);
  }

  @Get('bulletins')
  @Public()
  @ApiOperation({ summary: '已发布的进展公报（公开）', description: '新的在前。无需登录。' })
  async list() {
    const items = (await this.bulletins.list()).map(publicBulletin);
    return { items, total: items.length };
  }

  @Get('bulletins/:id')
  @Public()
  @ApiParam({ name: 'id', description: '公报编号（UUID）' })
  @ApiOperation({ summary: '一期进展公报（公开）', description: '发布时冻结的内容及其 SHA-256 摘要。无需登录。' })
  async get(@Param('id', BulletinIdPipe) id: string) {
    const b = await this.bulletins.get(id);
    return { ...publicBulletin(b), content: b.content };
  }

  @Get('bulletins/:id/docx')
  @Public()
  @Header('content-type', DOCX_MIME)
  @ApiProduces(DOCX_MIME)
  @ApiParam({ name: 'id', description: '公报编号（UUID）' })
  @ApiOperation({ summary: '下载进展公报（.docx，公开）', description: '由发布时冻结的内容生成。无需登录。' })
  async docx(@Param('id', BulletinIdPipe) id: string, @Res({ passthrough: true }) reply: Reply) {
    const b = await this.bulletins.get(id);
    reply.header('content-disposition', contentDisposition(`bulletin-${b.period}.docx`, `${b.title}.docx`));
    return this.bulletins.docx(b);
  }
}

/** Leadership publishes a bulletin (PUB-PUBLISH-1). */
@ApiTags('public 信息公开')
@ApiBearerAuth()
@Controller('api/v1/bulletins')
export class BulletinCommandsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...bulletins.roles('PublishBulletin'))
  @ApiOperation({
    summary: '发布进展公报',
    description: `冻结该期（月度或季度）截至期末（或今天）的公开内容并计算 SHA-256 摘要，发布后在公开页面可见、可下载 .docx。每期只发布一次。可用角色：${bulletins
      .roles('PublishBulletin')
      .map((r) => roleLabels[r])
      .join('、')}。`,
  })
  async publish(@Body() body: PublishBulletinDto, @Meta() meta: CommandMeta) {
    return publicBulletin(await this.bulletins.publish(body.period, body.title, meta));
  }
}
