/**
 * How extension pages talk to the background. Components get a `VaultClient` from context, so
 * tests and screenshot pages can hand them an in-memory one instead of the runtime transport.
 */
import type { RequestOf, RequestType, ResponseOf } from './protocol';

export type Send = <T extends RequestType>(request: RequestOf<T>) => Promise<ResponseOf<T>>;

export interface VaultClient {
  send: Send;
}

/** A broken background makes `sendMessage` hang instead of reject (toolchain.md §8): bound it. */
const TIMEOUT_MS = 15_000;

export function runtimeClient(sendMessage: (message: unknown) => Promise<unknown>): VaultClient {
  return {
    send: async (request) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the background did not answer in 15 s')), TIMEOUT_MS);
      });
      try {
        const reply = await Promise.race([sendMessage(request), timeout]);
        if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
          return { ok: false, error: { code: 'no-reply', message: 'TwoStep’s background gave no answer.' } };
        }
        return reply as ResponseOf<typeof request.type>;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          error: { code: 'unreachable', message: `Cannot reach TwoStep’s background: ${detail}` },
        };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
