import type { SubscriptionHandler } from '@app/event-store';
import type { AppConfig } from '@app/platform';
import { CircularProjection } from '../circulars/circular.projection';
import { DeadlineProjection } from '../deadlines/deadline.projection';
import { EscalationProjection } from '../escalations/escalation.projection';
import { IndicatorProjection } from '../indicators/indicator.projection';
import { MessageProjection } from '../messages/message.projection';
import { KeyProjectProjection } from '../key-projects/key-project.projection';
import { RectificationOrderProjection } from '../rectification-orders/rectification-order.projection';

/**
 * The read-model projections, as the feature modules register them, for processes that run no HTTP
 * module graph (the rebuild CLI). A test keeps this list equal to the app's registered ones.
 */
export function readModelHandlers(config: AppConfig): SubscriptionHandler[] {
  return [
    new KeyProjectProjection(),
    new RectificationOrderProjection(),
    new DeadlineProjection(config),
    new EscalationProjection(),
    new IndicatorProjection(),
    new CircularProjection(),
    new MessageProjection(),
  ];
}
