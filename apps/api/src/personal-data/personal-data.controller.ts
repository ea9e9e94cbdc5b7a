import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { CommandExecutor, personalDataSubjects, StreamAlreadyExists, type CommandMeta, type CommandResult } from '@app/commands';
import { personalDataSubjectKindLabels } from '@app/domain';
import { ProblemException } from '@app/platform';
import { CommandEndpoint } from '../shared/command-endpoint';
import { Meta } from '../shared/http-conventions';
import { OrderIdPipe, PersonalDataSubjectIdPipe } from '../shared/id.pipe';
import { ErasePersonalDataDto } from './personal-data.dto';
import { PERSONAL_DATA_STORE, type PersonalDataStore } from './personal-data.store';

export const ERASURE_ROUTE = '/api/v1/personal-data/subjects/:id/erasure';

/**
 * 个人信息: the data subjects of an order (who, not what) and their erasure (crypto-shredding,
 * PD-ERASE-1). The erasure is a command (audited in the log, without the data) and an audited route.
 */
@ApiTags('个人信息 personal data')
@ApiBearerAuth()
@Controller('api/v1/personal-data')
export class PersonalDataController {
  constructor(
    private readonly commands: CommandExecutor,
    @Inject(PERSONAL_DATA_STORE) private readonly store: PersonalDataStore,
  ) {}

  @Get('subjects')
  @Roles('admin', 'leadership', 'supervision-office')
  @ApiOperation({
    summary: '任务涉及的个人信息主体',
    description: '列出一个整改任务（信访件）存有个人信息的主体（信访人、责任人）及是否已删除；不返回个人信息本身。',
  })
  @ApiQuery({ name: 'orderId', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ description: '{ items: [{ subjectId, kind, kindLabel, orderId, createdAt, erasedAt }] }' })
  async subjects(@Query('orderId', OrderIdPipe) orderId: string) {
    const items = (await this.store.subjectsOfOrder(orderId)).map((s) => ({ ...s, kindLabel: personalDataSubjectKindLabels[s.kind] }));
    return { items };
  }

  @Post('subjects/:id/erasure')
  @CommandEndpoint(personalDataSubjects, 'ErasePersonalData', {
    summary: '删除个人信息（加密销毁）',
    description:
      '销毁该主体的数据密钥：其姓名、联系方式、住址及标记含个人信息的文字从此无法解密，详情、台账、导出均显示“（已依法删除）”；事件日志保持不变，只记录删除的时间、操作人和依据。',
  })
  async erase(
    @Param('id', PersonalDataSubjectIdPipe) id: string,
    @Body() body: ErasePersonalDataDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const subject = await this.store.subject(id);
    if (!subject) {
      throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该个人信息主体（编号 ${id}），请从任务的个人信息主体列表中选择。`);
    }
    try {
      const result = await this.commands.execute(
        personalDataSubjects,
        id,
        { type: 'ErasePersonalData' as const, subjectId: id, kind: subject.kind, orderId: subject.orderId, reason: body.reason },
        meta,
      );
      await this.store.shred(id);
      return result;
    } catch (error) {
      // Recorded before but not carried out (the process stopped in between): carry it out now.
      if (error instanceof StreamAlreadyExists) {
        await this.store.shred(id);
        throw new ProblemException(409, 'PERSONAL_DATA_ALREADY_ERASED', 'Conflict', '该数据主体的个人信息已经删除，无需再次删除。', {
          rule: 'PD-ERASE-1',
        });
      }
      throw error;
    }
  }
}
