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
/**
 * No extension page listened when the message was sent: typically the background is still
 * starting (a page opened right as the browser or the add-on starts; seen in Firefox). A read is
 * sent again until it is answered. A write never is: Firefox reports the same error for a
 * background terminated while it ran the request (measured: worker-killed-mid-write.mjs), so the
 * write may have happened.
 */
const NOT_LISTENING = /Receiving end does not exist/i;
const RETRY_MS = 200;
const READS: ReadonlySet<string> = new Set(['vault.status', 'settings.get', 'clock.status', 'accounts.list']);

const stoppedMessage = (detail: string): string =>
  `TwoStep’s background stopped before it answered, so a change may not have been saved: check, then try again. (${detail})`;

export function runtimeClient(sendMessage: (message: unknown) => Promise<unknown>): VaultClient {
  return {
    send: async (request) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let done = false;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the background did not answer in 15 s')), TIMEOUT_MS);
      });
      const deliver = async (): Promise<unknown> => {
        for (;;) {
          try {
            return await sendMessage(request);
          } catch (error) {
            const retry =
              READS.has(request.type) && NOT_LISTENING.test(String((error as Error)?.message ?? error));
            if (done || !retry) throw error;
            await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
          }
        }
      };
      try {
        const reply = await Promise.race([deliver(), timeout]);
        if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
          // Chromium fulfils the send with `undefined` when the worker is stopped while it runs
          // the request (measured: worker-killed-mid-write.mjs), so a write may have happened.
          return { ok: false, error: { code: 'no-reply', message: stoppedMessage('no answer came') } };
        }
        return reply as ResponseOf<typeof request.type>;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          // Typically the background was stopped while it worked (a killed worker, an extension
          // update): a write then either happened completely or not at all, and the page cannot
          // tell. The same words serve a read, hence "a change".
          error: { code: 'unreachable', message: stoppedMessage(detail) },
        };
      } finally {
        done = true;
        clearTimeout(timer);
      }
    },
  };
}
