import { applyDecorators, HttpCode, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProperty } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { Roles } from '@app/auth';
import type { Aggregate, CommandResult } from '@app/commands';
import { roleLabels, type DomainEvent } from '@app/domain';
import { etag } from './http-conventions';

export class CommandResultDto implements CommandResult {
  @ApiProperty({ description: '编号（UUID）', example: '3f1c2a9e-6b7d-4c1e-9a51-2f0d8e4b7c10' })
  id!: string;

  @ApiProperty({ description: '命令执行后的版本号；下次修改时放入 If-Match 头', example: 3 })
  version!: number;

  @ApiProperty({ description: '最后写入事件的全局位置；查询时放入 X-Min-Position 头可读到本次写入', example: '128' })
  position!: string;
}

interface Req {
  url: string;
}
interface Reply {
  header(name: string, value: string): Reply;
  status(code: number): Reply;
}

/** ETag (the new version) on every command's answer; 201 and Location for one that creates a record. */
class CommandReply implements NestInterceptor<CommandResult, CommandResult> {
  constructor(private readonly creates: boolean) {}

  intercept(context: ExecutionContext, next: CallHandler<CommandResult>): Observable<CommandResult> {
    const http = context.switchToHttp();
    const reply = http.getResponse<Reply>();
    return next.handle().pipe(
      map((result) => {
        reply.header('etag', etag(result.version));
        if (this.creates) {
          const collection = http.getRequest<Req>().url.split('?')[0].replace(/\/$/, '');
          reply.status(201).header('location', `${collection}/${result.id}`);
        }
        return result;
      }),
    );
  }
}

const IF_MATCH = { name: 'If-Match', required: false, description: '上次读取到的版本号（如 "3"）；版本已变化时返回 412' };
const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: '幂等键：重复提交时返回首次的结果而不重复写入' };

export interface EndpointDoc {
  summary: string;
  description: string;
  /** The command starts a new record: 201 with Location instead of 200. */
  creates?: boolean;
}

/**
 * Everything a command route has besides its path and its one call to the command path: the
 * roles of the domain's policy for the role guard (a role that may never send it gets 403 before
 * anything runs), the status, ETag/Location, and its OpenAPI description.
 */
export function CommandEndpoint<S, C extends { type: string }, E extends DomainEvent>(
  aggregate: Aggregate<S, C, E>,
  type: C['type'],
  doc: EndpointDoc,
): MethodDecorator {
  const roles = aggregate.roles(type);
  const description = `${doc.description}可用角色：${roles.map((r) => roleLabels[r]).join('、')}。`;
  return applyDecorators(
    HttpCode(doc.creates ? 201 : 200),
    Roles(...roles),
    UseInterceptors(new CommandReply(doc.creates ?? false)),
    ApiOperation({ summary: doc.summary, description }),
    ApiHeader(IDEMPOTENCY),
    ...(doc.creates
      ? [ApiCreatedResponse({ type: CommandResultDto, description: `已创建；Location 指向新${aggregate.what}，ETag 为版本号` })]
      : [
          ApiParam({ name: 'id', description: `${aggregate.what}编号（UUID）` }),
          ApiHeader(IF_MATCH),
          ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' }),
        ]),
  );
}
