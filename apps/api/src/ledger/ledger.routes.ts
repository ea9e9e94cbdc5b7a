/** Route patterns of the ledger's file transfers, as Fastify knows them (the controller's prefix included). */
export const LEDGER_EXPORT_ROUTE = '/api/v1/rectification-orders/export.xlsx';
export const ORDER_IMPORT_ROUTE = '/api/v1/rectification-orders/import';
