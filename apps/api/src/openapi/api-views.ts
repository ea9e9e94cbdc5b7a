import type { CommandResult } from '@app/commands';
import type { AllowedAction, Department, EvidenceFile } from '@app/domain';
import type { CircularView } from '../circulars/circulars.controller';
import type { DeadlinePage } from '../deadlines/queries/list-deadlines/list-deadlines.query';
import type { DepartmentView } from '../departments/queries/list-departments/list-departments.query';
import type { EscalationDetail } from '../escalations/queries/get-escalation/get-escalation.query';
import type { EscalationPage } from '../escalations/queries/list-escalations/list-escalations.query';
import type { EventsPage } from '../events/events.controller';
import type { IndicatorHistory } from '../indicators/queries/get-indicator-history/get-indicator-history.query';
import type { IndicatorDetail } from '../indicators/queries/get-indicator/get-indicator.query';
import type { IndicatorPage } from '../indicators/queries/list-indicators/list-indicators.query';
import type { KeyProjectHistory } from '../key-projects/queries/get-key-project-history/get-key-project-history.query';
import type { KeyProjectDetail } from '../key-projects/queries/get-key-project/get-key-project.query';
import type { KeyProjectPage } from '../key-projects/queries/list-key-projects/list-key-projects.query';
import type { LedgerService } from '../ledger/ledger.service';
import type { OrderDetailView } from '../rectification-orders/queries/get-order/get-order.query';
import type { OrderHistoryEntry } from '../rectification-orders/queries/get-order-history/get-order-history.query';
import type { OrderPage } from '../rectification-orders/queries/list-orders/list-orders.query';
import type { DemoUser } from '../web/demo-users.controller';
import type { SessionView } from '../web/session-cookie';

/**
 * The body of every JSON query response, by the name its schema has in the OpenAPI document
 * (components.schemas). The schemas are generated from these TypeScript types by ts-json-schema-generator
 * (`npm run api:types`), so the document says exactly what the handlers return, and the web app's
 * types, generated from the document, follow.
 */
export interface ApiViews {
  AllowedAction: AllowedAction;
  CommandResult: CommandResult;
  EvidenceUploadResult: CommandResult & { evidenceId: string; file: EvidenceFile };
  SessionView: SessionView;
  DemoUserList: { items: DemoUser[] };
  ReferenceDepartmentList: { items: Array<Department & { kindLabel: string }>; total: number };
  OrderPage: OrderPage;
  OrderDetail: OrderDetailView;
  OrderHistory: { id: string; events: OrderHistoryEntry[] };
  LedgerPage: Awaited<ReturnType<LedgerService['page']>>;
  LedgerBatches: { items: string[]; total: number };
  LedgerOverview: Awaited<ReturnType<LedgerService['overview']>>;
  KeyProjectPage: KeyProjectPage;
  KeyProjectDetail: KeyProjectDetail;
  KeyProjectHistory: KeyProjectHistory;
  IndicatorPage: IndicatorPage;
  IndicatorDetail: IndicatorDetail;
  IndicatorHistory: IndicatorHistory;
  EscalationPage: EscalationPage;
  EscalationDetail: EscalationDetail;
  DepartmentList: { items: DepartmentView[] };
  DepartmentDetail: DepartmentView;
  DeadlinePage: DeadlinePage;
  CircularList: { items: CircularView[]; total: number };
  Circular: CircularView;
  EventsPage: EventsPage;
}

export type ApiViewName = keyof ApiViews;
