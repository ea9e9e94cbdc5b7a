import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles, ROLES } from '@app/auth';
import { PostgresEventStore } from '@app/event-store';
import { deploymentAsyncApiDocument, readAsyncApiDocument, toCloudEvent, type AsyncApiDocument, type CloudEvent } from '@app/messaging';
import { AppConfig } from '@app/platform';
import { EventsFeedQueryDto } from './events-feed.dto';
import { ApiView } from '../openapi/api-view.decorator';

export interface EventsPage {
  items: CloudEvent[];
  /** Cursor for the next call: the position of the last item, or the given `after` when there is none. */
  next: string;
}

/**
 * The integrator contract over HTTP: the committed AsyncAPI document, and a catch-up feed of the same
 * CloudEvents envelopes Kafka carries, read gap-safely from the log, for systems that cannot reach Kafka.
 */
@ApiTags('集成 integration')
@Controller('api')
export class EventsController {
  private document: AsyncApiDocument | null = null;

  constructor(
    private readonly store: PostgresEventStore,
    private readonly config: AppConfig,
  ) {}

  @Get('asyncapi.json')
  @Public()
  @Header('cache-control', 'no-cache')
  @ApiOperation({
    summary: '事件契约 AsyncAPI 3.0 document',
    description:
      'Kafka 主题、消息键、CloudEvents 信封和每种事件 data 的 JSON Schema；主题前缀为本部署的配置，服务器地址为 ASYNCAPI_BROKERS（未配置时为占位符，不公开内部 KAFKA_BROKERS）。',
  })
  @ApiOkResponse({ description: 'AsyncAPI 3.0.0 JSON' })
  asyncapi(): AsyncApiDocument {
    // Integrators are told the address they should use (ASYNCAPI_BROKERS), never the internal
    // KAFKA_BROKERS; without it the document keeps its placeholder server.
    if (!this.document) {
      const advertised = this.config.ASYNCAPI_BROKERS ?? null;
      this.document = deploymentAsyncApiDocument(readAsyncApiDocument(), {
        topicPrefix: this.config.KAFKA_TOPIC_PREFIX,
        brokers: advertised,
      });
      if (advertised) this.document.servers.production.description = `The cluster of this deployment (ASYNCAPI_BROKERS: ${advertised}).`;
    }
    return this.document;
  }

  @Get('v1/events')
  @ApiView('EventsPage')
  @ApiBearerAuth()
  @Roles(...ROLES)
  @ApiOperation({
    summary: '事件增量拉取 HTTP catch-up feed',
    description:
      '按提交顺序返回 after 之后的事件（与 Kafka 消息相同的 CloudEvents 信封，见 /api/asyncapi.json），不会漏读并发写入。' +
      '把响应里的 next 作为下一次的 after；items 为空表示已追平。所有已登录角色（含 integrator）可用。',
  })
  @ApiBadRequestResponse({ description: 'after 不是有效游标（不存在该 position）或参数无效' })
  async feed(@Query() query: EventsFeedQueryDto): Promise<EventsPage> {
    const after = BigInt(query.after ?? '0');
    const events = await this.store.readAll({
      after,
      limit: query.limit ?? 100,
      categories: query.category ? [query.category] : undefined,
    });
    const source = `/${this.config.KAFKA_CLIENT_ID}`;
    const items = events.map((e) => toCloudEvent(e, { source }));
    return { items, next: items.length ? items[items.length - 1].position : after.toString() };
  }
}
