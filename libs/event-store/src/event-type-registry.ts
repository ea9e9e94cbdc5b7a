import { UnknownEventType } from './event-store.errors';

export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventTypeDefinition {
  type: string;
  /** Current schema version, written with every new event of this type. */
  schemaVersion: number;
  /** `upcasters[n]` turns data of schema version n into version n + 1. */
  upcasters?: Record<number, Upcaster>;
}

/**
 * The event types the store accepts, with their schema versions. Old payloads are upcast on read,
 * so stored events are never rewritten and every consumer sees the current shape.
 */
export class EventTypeRegistry {
  private readonly types = new Map<string, EventTypeDefinition>();

  register(...definitions: Array<EventTypeDefinition | string>): this {
    for (const d of definitions) {
      const def = typeof d === 'string' ? { type: d, schemaVersion: 1 } : d;
      if (!Number.isInteger(def.schemaVersion) || def.schemaVersion < 1) {
        throw new Error(`Event type ${def.type}: schemaVersion must be a positive integer`);
      }
      for (let v = 1; v < def.schemaVersion; v++) {
        if (!def.upcasters?.[v]) {
          throw new Error(`Event type ${def.type}: missing upcaster from v${v} to v${v + 1}`);
        }
      }
      this.types.set(def.type, def);
    }
    return this;
  }

  has(type: string): boolean {
    return this.types.has(type);
  }

  list(): string[] {
    return [...this.types.keys()];
  }

  currentVersion(type: string): number {
    const def = this.types.get(type);
    if (!def) throw new UnknownEventType(type);
    return def.schemaVersion;
  }

  /** Whether data of `schemaVersion` would be changed by `upcast` (false for unknown types). */
  isBehind(type: string, schemaVersion: number): boolean {
    const def = this.types.get(type);
    return def !== undefined && schemaVersion < def.schemaVersion;
  }

  /** Brings stored data up to the current schema; unknown types pass through unchanged for readers. */
  upcast(type: string, schemaVersion: number, data: Record<string, unknown>): { schemaVersion: number; data: Record<string, unknown> } {
    const def = this.types.get(type);
    if (!def || schemaVersion >= def.schemaVersion) return { schemaVersion, data };
    let current = data;
    for (let v = schemaVersion; v < def.schemaVersion; v++) {
      const up = def.upcasters?.[v];
      if (!up) throw new Error(`Event type ${type}: no upcaster from v${v} to v${v + 1}`);
      current = up(current);
    }
    return { schemaVersion: def.schemaVersion, data: current };
  }
}
