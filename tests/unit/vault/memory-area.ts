import type { StorageArea } from '../../../lib/vault/types';

/**
 * An in-memory `StorageArea` that behaves like extension storage where it matters to the vault:
 * values round-trip through JSON (a `Uint8Array` would come back as a plain object), `get` returns
 * only present keys, one `set` applies all its items or none, and every call yields to the event
 * loop so concurrent callers really interleave. `failNextSet` simulates a quota error.
 */
export class MemoryArea implements StorageArea {
  private readonly data = new Map<string, string>();
  private pendingFailure: Error | null = null;
  setCalls = 0;

  async get(keys: string[]): Promise<Record<string, unknown>> {
    await tick();
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const json = this.data.get(key);
      if (json !== undefined) out[key] = JSON.parse(json);
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    await tick();
    this.setCalls++;
    if (this.pendingFailure) {
      const error = this.pendingFailure;
      this.pendingFailure = null;
      throw error;
    }
    const encoded = Object.entries(items).map(([key, value]) => [key, JSON.stringify(value)] as const);
    for (const [key, json] of encoded) {
      if (json !== undefined) this.data.set(key, json);
    }
  }

  async remove(keys: string[]): Promise<void> {
    await tick();
    for (const key of keys) this.data.delete(key);
  }

  /** The next `set` throws (like Chrome's "QUOTA_BYTES quota exceeded") and changes nothing. */
  failNextSet(error: Error = new Error('QUOTA_BYTES quota exceeded')): void {
    this.pendingFailure = error;
  }

  /** Everything stored, as one deterministic JSON string (for byte-identical and plaintext checks). */
  dump(): string {
    return JSON.stringify([...this.data.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  peek(key: string): unknown {
    const json = this.data.get(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  /** Writes a value directly, as another context or a corrupting event would. */
  poke(key: string, value: unknown): void {
    this.data.set(key, JSON.stringify(value));
  }

  keys(): string[] {
    return [...this.data.keys()].sort();
  }
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
