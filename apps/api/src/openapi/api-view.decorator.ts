import { ApiOkResponse } from '@nestjs/swagger';
import type { ApiViewName } from './api-views';

/** The 200 response of a query route: the schema generated from its TypeScript view type (api-views.ts). */
export function ApiView(view: ApiViewName, description?: string): MethodDecorator & ClassDecorator {
  return ApiOkResponse({ description: description ?? view, schema: { $ref: `#/components/schemas/${view}` } });
}
