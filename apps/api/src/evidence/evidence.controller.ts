import { createHash, randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type/node';
import { CurrentActor, Roles, ROLES, type Actor } from '@app/auth';
import { CommandExecutor, rectificationOrders, type CommandMeta, type CommandResult } from '@app/commands';
import { departmentName, rectificationOrderGuard, type EvidenceFile, type RectificationOrderState } from '@app/domain';
import { AppConfig, Clock, ProblemException } from '@app/platform';
import { Meta } from '../shared/http-conventions';
import { OrderIdPipe } from '../shared/id.pipe';
import { EVIDENCE_FILE_STORE, type EvidenceFileStore } from './evidence-file.store';
import { EvidenceUploadFieldsDto } from './evidence-upload.dto';
import { AcceptsMultipart } from './multipart-route.guard';

/** What an evidence file may be, judged on its content (magic bytes), never on its name. */
export const EVIDENCE_FILE_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'image/webp': 'WebP 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档（.docx）',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格（.xlsx）',
};
const ALLOWED = Object.values(EVIDENCE_FILE_TYPES).join('、');

interface Reply {
  header(name: string, value: string): Reply;
}

interface Upload {
  fileName: string;
  content: Buffer;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * 佐证材料 as files: upload (multipart/form-data, one file, checked by content and size, stored, then
 * recorded by an AttachEvidence command with its SHA-256, size, type and name) and download (the
 * caller may read the order; the content must still hash to what the event recorded).
 */
@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class EvidenceController {
  private readonly logger = new Logger('EvidenceController');

  constructor(
    private readonly commands: CommandExecutor,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(EVIDENCE_FILE_STORE) private readonly store: EvidenceFileStore,
  ) {}

  @Post(':id/evidence-files')
  @HttpCode(201)
  @AcceptsMultipart()
  @Roles(...rectificationOrders.roles('AttachEvidence'))
  @ApiOperation({
    summary: '上传佐证材料文件',
    description:
      `牵头单位或配合单位上传一个文件（multipart/form-data，字段 file，可附 title、measureId、phase=BEFORE/AFTER、lastingMechanism）。` +
      `按文件内容识别类型，仅接受 ${ALLOWED}；超过大小上限 413，类型不符 415，空文件 422，均不保存。事件记录文件的 SHA-256、大小、类型和文件名。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiCreatedResponse({ description: '已保存并记入整改任务', schema: { $ref: '#/components/schemas/EvidenceUploadResult' } })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        title: { type: 'string', description: '材料名称（不填则用文件名）' },
        measureId: { type: 'string', description: '所佐证的整改措施编号' },
        phase: { type: 'string', enum: ['BEFORE', 'AFTER'], description: '整改前 / 整改后' },
        lastingMechanism: { type: 'boolean', description: '是否为长效机制佐证' },
      },
    },
  })
  async upload(
    @Param('id', OrderIdPipe) id: string,
    @Req() request: FastifyRequest,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult & { evidenceId: string; file: EvidenceFile }> {
    if (!request.isMultipart()) {
      throw new ProblemException(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Unsupported Media Type',
        '请以 multipart/form-data 上传文件（字段名 file）',
      );
    }
    // Nothing is read or stored for a caller the order would refuse.
    const { state, version } = await this.commands.read(rectificationOrders, id);
    if (version === 0) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该整改任务（编号 ${id}），请检查编号`);
    const refusal = rectificationOrderGuard('AttachEvidence', state, {
      actor: meta.actor,
      now: this.clock.now(),
      config: this.config.domainConfig,
    });
    if (refusal) throw refusal;

    const { upload, fields } = await this.readParts(request);
    const type = await fileTypeFromBuffer(upload.content);
    if (!type || !(type.mime in EVIDENCE_FILE_TYPES)) {
      throw new ProblemException(
        415,
        'UNSUPPORTED_FILE_TYPE',
        'Unsupported Media Type',
        `文件“${upload.fileName}”的内容${type ? `是 ${type.ext} 格式` : '无法识别'}，不能作为佐证材料；仅接受 ${ALLOWED}（按文件内容判断，与扩展名无关）。`,
      );
    }
    const file: EvidenceFile = {
      fileId: randomUUID(),
      fileName: upload.fileName,
      contentType: type.mime,
      size: upload.content.length,
      sha256: createHash('sha256').update(upload.content).digest('hex'),
    };
    const evidenceId = randomUUID();
    await this.store.put({ ...file, orderId: id, content: upload.content });
    let result: CommandResult;
    try {
      result = await this.commands.execute(
        rectificationOrders,
        id,
        {
          type: 'AttachEvidence',
          evidenceId,
          title: fields.title ?? upload.fileName.replace(/\.[^.]+$/, ''),
          uri: null,
          measureId: fields.measureId ?? null,
          lastingMechanism: fields.lastingMechanism ?? false,
          file,
          phase: fields.phase ?? null,
        },
        meta,
      );
    } catch (error) {
      await this.store.discard(file.fileId);
      throw error;
    }
    await this.store.commit(file.fileId);
    return { ...result, evidenceId, file };
  }

  /** The one file and the text fields, within the limits; every refusal before anything is stored. */
  private async readParts(request: FastifyRequest): Promise<{ upload: Upload; fields: EvidenceUploadFieldsDto }> {
    const limit = this.config.EVIDENCE_MAX_FILE_BYTES;
    const raw: Record<string, string> = {};
    let upload: Upload | null = null;
    try {
      for await (const part of request.parts({ limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 4000, parts: 12 } })) {
        if (part.type === 'file') upload = { fileName: part.filename || '未命名文件', content: await part.toBuffer() };
        else raw[part.fieldname] = String(part.value);
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new ProblemException(413, 'FILE_TOO_LARGE', 'Payload Too Large', `文件超过大小上限 ${mb(limit)}，请压缩或拆分后再上传。`);
      }
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
        throw new ProblemException(413, 'TOO_MANY_PARTS', 'Payload Too Large', '一次只能上传一个文件（附少量说明字段），请逐个上传。');
      }
      throw new ProblemException(400, 'MALFORMED_MULTIPART', 'Bad Request', '上传内容不完整或格式不正确，请重新上传。');
    }
    if (!upload) throw new ProblemException(422, 'FILE_REQUIRED', 'Unprocessable Content', '请在字段 file 中选择要上传的文件。');
    if (upload.content.length === 0) {
      throw new ProblemException(422, 'EMPTY_FILE', 'Unprocessable Content', `文件“${upload.fileName}”是空文件，请选择有内容的文件。`);
    }
    const fields = plainToInstance(EvidenceUploadFieldsDto, raw);
    const errors = await validate(fields, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const names = errors.map((e) => e.property).join('、');
      throw new ProblemException(400, 'VALIDATION_FAILED', 'Bad Request', `上传的说明字段有误：${names}。`, {
        errors: errors.map((e) => ({ field: e.property, messages: Object.values(e.constraints ?? {}) })),
      });
    }
    return { upload, fields };
  }

  @Get(':id/evidence/:evidenceId/file')
  @Roles(...ROLES)
  @ApiOperation({
    summary: '下载或预览佐证材料文件',
    description:
      '按上传时记录的类型返回文件（inline，可在浏览器中预览）；内容须与事件记录的 SHA-256 一致。责任单位只能查看本单位牵头或配合的任务的材料。',
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiParam({ name: 'evidenceId', description: '佐证材料编号' })
  @ApiProduces(...Object.keys(EVIDENCE_FILE_TYPES))
  async download(
    @Param('id', OrderIdPipe) id: string,
    @Param('evidenceId') evidenceId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<Buffer> {
    const { state, version } = await this.commands.read(rectificationOrders, id);
    if (version === 0) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该整改任务（编号 ${id}），请检查编号`);
    this.mayRead(state, actor);
    const evidence = state.evidence.find((e) => e.evidenceId === evidenceId && e.file);
    if (!evidence?.file) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', '该任务没有这份佐证材料文件，请检查编号。');
    const file = evidence.file;
    const content = await this.store.get(file.fileId);
    const sha256 = content && createHash('sha256').update(content).digest('hex');
    if (!content || sha256 !== file.sha256) {
      this.logger.error(
        { orderId: id, evidenceId, fileId: file.fileId, expected: file.sha256, actual: sha256 },
        'evidence file failed its check',
      );
      throw new ProblemException(
        500,
        'FILE_INTEGRITY_CHECK_FAILED',
        'Internal Server Error',
        `佐证材料“${file.fileName}”的存储内容与上传时记录的校验值不一致（或已缺失），系统已拒绝提供该文件；请联系系统管理员核查。`,
      );
    }
    reply
      .header('content-type', file.contentType)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('etag', `"${file.sha256}"`)
      .header('x-content-sha256', file.sha256)
      .header('cache-control', 'private, no-cache');
    return content;
  }

  /** Project leads read their own department's orders (lead or cooperating); other roles read every order. */
  private mayRead(state: RectificationOrderState, actor: Actor): void {
    if (actor.roles.some((r) => r !== 'project-lead')) return;
    const department = actor.department;
    if (department && (state.leadDepartment === department || state.cooperatingDepartments.includes(department))) return;
    const lead = state.leadDepartment ? departmentName(state.leadDepartment) : '尚未明确';
    throw new ProblemException(
      403,
      'DEPARTMENT_NOT_RESPONSIBLE',
      'Forbidden',
      `该任务的佐证材料仅限牵头单位（${lead}）、配合单位和督查、领导人员查看。`,
    );
  }
}
