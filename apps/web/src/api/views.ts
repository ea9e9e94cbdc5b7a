/**
 * The API's response bodies, named, from the types generated from the OpenAPI document (schema.d.ts,
 * `npm run api:types`). Pages import these instead of declaring their own: a field the server does not
 * send, or a route it does not have, is then a compile error.
 */
import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type { components, paths };

export type CommandResult = Schemas['CommandResult'];
export type AllowedAction = Schemas['AllowedAction'];
export type SessionView = Schemas['SessionView'];
export type DemoUser = Schemas['DemoUser'];
export type ReferenceDepartment = Schemas['ReferenceDepartmentList']['items'][number];
export type EvidenceUploadResult = Schemas['EvidenceUploadResult'];
export type EvidenceFile = Schemas['EvidenceFile'];

export type OrderPage = Schemas['OrderPage'];
export type OrderSummary = OrderPage['items'][number];
export type OrderDetail = Schemas['OrderDetail'];
export type OrderHistory = Schemas['OrderHistory'];
export type OrderHistoryEntry = Schemas['OrderHistoryEntry'];
export type OrderEvidence = Schemas['Evidence'];

export type LedgerPage = Schemas['LedgerPage'];
/** One row of the 整改台账 (GET /api/v1/ledger/orders). */
export type LedgerRow = LedgerPage['items'][number];
export type LedgerOverview = Schemas['LedgerOverview'];
export type LedgerDepartmentStat = LedgerOverview['departments'][number];
export type LedgerTimeliness = Schemas['OrderTimeliness'];

export type KeyProjectPage = Schemas['KeyProjectPage'];
export type KeyProjectSummary = Schemas['KeyProjectSummary'];
export type KeyProjectDetail = Schemas['KeyProjectDetail'];
export type KeyProjectHistory = Schemas['KeyProjectHistory'];
export type KeyProjectHistoryEntry = Schemas['KeyProjectHistoryEntry'];
export type ResponsibleLeader = Schemas['ResponsibleLeader'];
export type AssignmentRecord = Schemas['AssignmentRecord'];
export type BaselineChange = Schemas['BaselineChange'];

export type IndicatorPage = Schemas['IndicatorPage'];
export type IndicatorSummary = Schemas['IndicatorSummary'];
export type IndicatorDetail = Schemas['IndicatorDetail'];
export type IndicatorHistory = Schemas['IndicatorHistory'];
export type IndicatorHistoryEntry = Schemas['IndicatorHistoryEntry'];

export type EscalationPage = Schemas['EscalationPage'];
export type EscalationRow = EscalationPage['items'][number];
export type EscalationDetail = Schemas['EscalationDetail'];

export type DepartmentView = Schemas['DepartmentView'];
export type DeadlinePage = Schemas['DeadlinePage'];
export type DeadlineView = Schemas['DeadlineView'];
export type Circular = Schemas['Circular'];
export type EventsPage = Schemas['EventsPage'];

/** The body of a JSON GET route, by its path in the OpenAPI document. */
export type GetResponse<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer B } } } };
}
  ? B
  : never;
