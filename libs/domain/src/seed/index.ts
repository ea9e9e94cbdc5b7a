/**
 * The seed data as its own entry, `@app/seed`: the plan register (departments, key projects,
 * commitments) and the 示例 orders are data the seeders load through the commands, not rules of
 * the domain, so `@app/domain` does not export them.
 */
export * from './plan-indicators';
export * from './plan-register';
export * from './sample-orders';
