/**
 * Messages (lib/messaging, lib/background/service): the request schemas on any value, and the
 * background's `handle` with arbitrary messages from arbitrary senders against a seeded vault.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { isExtensionPage, type SenderLike } from '../../../lib/background/sender';
import { contentRequestSchema } from '../../../lib/messaging/content-protocol';
import { requestSchema } from '../../../lib/messaging/protocol';
import { anyText, uriLikeText } from '../arbitraries';
import {
  EXTENSION_ID,
  FUZZ_DEP_FAILURE,
  freshService,
  MASTER_PASSWORD,
  ORIGIN,
  POPUP,
  type SeededWorld,
} from '../background-world';
import { BACKUP_CONTENTS, writeBackup } from '../backup-file';
import { ContractBreak, check, type FuzzTarget, target } from '../contract';
import { applyJsonEdits, jsonEdit, jsonReplacement } from '../mutate';

/**
 * The request types and their fields, read from the schemas themselves, so a request type added to
 * the protocol is fuzzed without touching this file.
 */
interface SchemaOption {
  entries: Record<string, { literal?: unknown }>;
}
function shapesOf(schema: { options: readonly unknown[] }): Array<{ type: string; fields: string[] }> {
  return (schema.options as SchemaOption[]).map((option) => ({
    type: String(option.entries.type?.literal),
    fields: Object.keys(option.entries).filter((key) => key !== 'type'),
  }));
}
const POPUP_SHAPES = shapesOf(requestSchema);
const PAGE_SHAPES = shapesOf(contentRequestSchema);

/** A field value: mostly of the right type, sometimes anything at all. */
const loose = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 4, arbitrary: arbitrary as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: jsonReplacement as fc.Arbitrary<unknown> },
  );

/** Values for a request field, by its name; a field this file does not know gets any JSON value. */
function fieldValues(ids: readonly string[]): Record<string, fc.Arbitrary<unknown>> {
  const id = fc.oneof(fc.constantFrom(...ids, 'fuzz-0', ''), anyText(70));
  const number = fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.integer(), fc.double());
  const password = fc.oneof(fc.constantFrom(MASTER_PASSWORD, 'short', 'wrong password 123'), anyText(30));
  const importEntry = fc.record(
    {
      issuer: anyText(20),
      label: anyText(20),
      organisation: anyText(20),
      secret: fc.oneof(fc.constantFrom('GEZDGNBVGY3TQOJQ', 'A', 'AAA'), anyText(40)),
      kind: fc.constantFrom('totp', 'hotp', 'steam'),
      algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
      digits: number,
      period: number,
      counter: number,
      sites: fc.array(fc.oneof(fc.domain(), fc.webUrl(), anyText(20)), { maxLength: 3 }),
    },
    { requiredKeys: ['issuer', 'label', 'secret', 'kind', 'algorithm', 'digits', 'period', 'counter'] },
  );
  return {
    password: loose(password),
    oldPassword: loose(password),
    newPassword: loose(password),
    uri: loose(uriLikeText),
    issuer: loose(anyText(30)),
    label: loose(anyText(30)),
    secret: loose(
      fc.oneof(
        fc.constantFrom('GEZDGNBVGY3TQOJQGEZDGNBV', 'KRUGS4ZANFZSAYJAMZ2XU6RAONSWG4TFOQ'),
        anyText(40),
      ),
    ),
    kind: loose(fc.constantFrom('totp', 'hotp', 'steam')),
    algorithm: loose(fc.constantFrom('SHA1', 'SHA256', 'SHA512')),
    digits: loose(number),
    period: loose(number),
    counter: loose(number),
    id: loose(id),
    ids: loose(fc.array(id, { maxLength: 4 })),
    sites: loose(
      fc.array(
        fc.oneof(
          fc.domain(),
          fc.webUrl(),
          anyText(20),
          fc.constantFrom('com', 'localhost', 'login.live.com'),
        ),
        {
          maxLength: 4,
        },
      ),
    ),
    destination: loose(anyText(30)),
    tabId: loose(number),
    accounts: loose(fc.array(importEntry, { maxLength: 3 })),
    text: loose(anyText(200)),
    trigger: loose(fc.constantFrom('auto', 'user')),
    accountId: loose(id),
    item: loose(captureItem),
  };
}

function fieldValue(values: Record<string, fc.Arbitrary<unknown>>, key: string): fc.Arbitrary<unknown> {
  if (key in values) return values[key] as fc.Arbitrary<unknown>;
  // Settings and flags are numbers or booleans; anything else gets any JSON value.
  return loose(fc.oneof(fc.boolean(), fc.integer({ min: -100, max: 2000 }), fc.integer()));
}

const hint = fc.option(anyText(40), { nil: undefined });
const captureItem = fc.oneof(
  fc.record({
    kind: fc.constant('secretText'),
    text: fc.oneof(fc.constantFrom('jbsw y3dp ehpk 3pxp', 'KRUGS4ZANFZSAYJAMZ2XU6RAONSWG4TFOQ'), anyText(60)),
    accountHint: hint,
    issuerHint: hint,
  }),
  fc.record({
    kind: fc.constant('recoveryCode'),
    code: fc.oneof(
      fc.constantFrom('Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V', 'B7KMW-2HX9P-TT4RD-8ZLCA-M3N6V'),
      anyText(40),
    ),
    accountHint: hint,
  }),
  fc.record({
    kind: fc.constant('appPassword'),
    password: fc.oneof(fc.constantFrom('qzxv wmrt kplb hnjd', 'abcd efgh ijkl mnop'), anyText(40)),
    provider: fc.constantFrom('microsoft', 'google', 'yahoo', 'apple', 'fastmail', 'zoho'),
    accountHint: hint,
  }),
  fc.record({
    kind: fc.constant('qr'),
    image: fc.oneof(
      fc.record({
        source: fc.constant('dataUrl'),
        dataUrl: fc.oneof(
          fc.constant('data:image/png;base64,iVBORw0KGgo='),
          anyText(40).map((s) => `data:image/${s}`),
        ),
      }),
      fc.record({ source: fc.constant('url'), url: fc.oneof(fc.webUrl(), anyText(30)) }),
      fc.record({
        source: fc.constant('tab'),
        rect: fc.record({ x: fc.double(), y: fc.double(), width: fc.double(), height: fc.double() }),
        devicePixelRatio: fc.double(),
      }),
    ),
    accountHint: hint,
  }),
);

export type Message =
  | { kind: 'value'; value: unknown }
  | { kind: 'restore'; contents: unknown; password: string };

/**
 * Requests of one protocol with every field (a field dropped, or one added, now and then), any
 * JSON, any JS value, and backups whose contents are anything.
 */
function messages(
  ids: readonly string[],
  shapes: ReadonlyArray<{ type: string; fields: string[] }>,
): fc.Arbitrary<Message> {
  const values = fieldValues(ids);
  const shaped = fc
    .tuple(
      fc
        .constantFrom(...shapes)
        .chain(({ type, fields }) =>
          fc
            .record(Object.fromEntries(fields.map((key) => [key, fieldValue(values, key)])))
            .map((record) => ({ type, ...record })),
        ),
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom('extra', '__proto__', 'type', 'drop') },
      ),
      jsonReplacement,
    )
    .map(([fields, extraKey, extraValue]) => {
      const message: Record<string, unknown> = { ...fields };
      if (extraKey === 'drop') delete message[Object.keys(message).at(-1) ?? ''];
      else if (extraKey !== undefined) {
        Object.defineProperty(message, extraKey, {
          value: extraValue,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return message;
    });
  const restore = fc.record({
    kind: fc.constant('restore' as const),
    contents: fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .array(jsonEdit, { maxLength: 4 })
          .map((edits) => applyJsonEdits(BACKUP_CONTENTS, edits)),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    ),
    password: fc.constantFrom('fuzz backup password', 'another password 1'),
  });
  return fc.oneof(
    { weight: 6, arbitrary: shaped.map((value) => ({ kind: 'value' as const, value })) },
    {
      weight: 2,
      arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'value' as const, value })),
    },
    {
      weight: 1,
      arbitrary: fc.anything({ maxDepth: 2 }).map((value) => ({ kind: 'value' as const, value })),
    },
    { weight: 1, arbitrary: restore },
  );
}

const FRAME_URLS = [
  'https://login.live.com/login.srf',
  'https://account.live.com/proofs/Add',
  'https://myaccount.google.com/apppasswords',
  'https://appleid.apple.com/',
  'https://github.com/login',
  'https://login.live.com.evil.example/',
  'http://login.live.com/',
  'about:blank',
];

const frameSender = fc.record({
  id: fc.constant(EXTENSION_ID),
  url: fc.oneof(fc.constantFrom(...FRAME_URLS), fc.webUrl()),
  tab: fc.record({ id: fc.nat(), windowId: fc.option(fc.nat(), { nil: undefined }) }),
  frameId: fc.nat({ max: 5 }),
});

const anySender = fc.oneof(
  fc.constant(POPUP),
  frameSender,
  fc.record(
    {
      id: fc.oneof(fc.constantFrom(EXTENSION_ID, 'another-extension', ''), anyText(10)),
      url: loose(
        fc.oneof(
          fc.constantFrom(
            `${ORIGIN}options.html`,
            'chrome-extension://other/popup.html',
            `${ORIGIN.toUpperCase()}x`,
            'moz-extension://x/',
          ),
          anyText(40),
        ),
      ),
      tab: loose(fc.record({ id: loose(fc.nat()) })),
      frameId: loose(fc.nat()),
    },
    { requiredKeys: [] },
  ),
);

/** Runtime-error texts: an `internal` error saying one of these is an exception a handler let through. */
const RUNTIME_ERROR =
  /is not a function|Cannot read propert|Cannot set propert|is not iterable|is not defined|Maximum call stack|Invalid (?:array|string) length|undefined|Cannot convert|Unexpected token/;

/** Whether the background treats the sender as one of TwoStep's own pages (its own rule). */
function isPage(s: unknown): boolean {
  return typeof s === 'object' && s !== null && isExtensionPage(s as SenderLike, EXTENSION_ID, ORIGIN);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

function checkResult(result: unknown, where: string): { ok: boolean; code?: string; message?: string } {
  check(typeof result === 'object' && result !== null, `${where}: the answer is not an object`);
  const r = result as Record<string, unknown>;
  if (r.ok === true) {
    check('value' in r && Object.keys(r).length === 2, `${where}: an ok answer of the wrong shape`);
    return { ok: true };
  }
  check(r.ok === false && Object.keys(r).length === 2, `${where}: neither {ok: true} nor {ok: false}`);
  const error = r.error as Record<string, unknown>;
  check(
    typeof error === 'object' &&
      error !== null &&
      typeof error.code === 'string' &&
      error.code !== '' &&
      typeof error.message === 'string',
    `${where}: an error without a code and a message`,
  );
  check(
    Object.keys(error).every(
      (k) =>
        k === 'code' || k === 'message' || (k === 'retryAfterMs' && typeof error.retryAfterMs === 'number'),
    ),
    `${where}: an error with other fields`,
  );
  return { ok: false, code: error.code as string, message: error.message as string };
}

const NO_NETWORK = async () => {
  throw new TypeError(`${FUZZ_DEP_FAILURE} (network)`);
};

export function messagingTargets(world: SeededWorld): FuzzTarget[] {
  const all = [...world.accountIds, ...world.secretIds];
  const popupMessages = messages(all, POPUP_SHAPES);
  const pageMessages = messages(all, PAGE_SHAPES);
  const schemaInput = fc.oneof(
    fc.oneof(popupMessages, pageMessages).map((m) => (m.kind === 'value' ? m.value : m.contents)),
    fc.anything({
      maxDepth: 3,
      withNullPrototype: true,
      withObjectString: true,
      withBoxedValues: true,
      withSparseArray: true,
    }),
  );
  const schemaTarget = (name: string, schema: typeof requestSchema | typeof contentRequestSchema) =>
    target<unknown>({
      name,
      arbitrary: schemaInput,
      ciRuns: 2000,
      // safeParse is total: it never throws, whatever the value.
      accept: () => false,
      run(value) {
        const parsed = v.safeParse(schema, value);
        check(typeof parsed.success === 'boolean', 'safeParse without success');
        if (parsed.success) {
          check(parsed.output.type === (value as { type: unknown }).type, 'safeParse changed the type');
          return 'valid';
        }
        check(Array.isArray(parsed.issues) && parsed.issues.length > 0, 'a failed parse without issues');
        return 'invalid';
      },
    });

  const handleTarget = target<{ message: Message; sender: unknown }>({
    name: 'background.handle',
    // Each protocol from its own sender mostly; and any message from any sender.
    arbitrary: fc.oneof(
      { weight: 4, arbitrary: fc.record({ message: popupMessages, sender: fc.constant<unknown>(POPUP) }) },
      {
        weight: 3,
        arbitrary: fc.record({ message: pageMessages, sender: frameSender as fc.Arbitrary<unknown> }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          message: fc.oneof(popupMessages, pageMessages),
          sender: anySender as fc.Arbitrary<unknown>,
        }),
      },
    ),
    ciRuns: 2000,
    // `handle` resolves to a result for every message: any exception is a failure.
    accept: () => false,
    async run({ message, sender: from }) {
      const saved = globalThis.fetch;
      globalThis.fetch = NO_NETWORK as typeof fetch;
      try {
        const service = freshService(world);
        const value =
          message.kind === 'value'
            ? message.value
            : {
                type: 'backup.restore',
                text: await writeBackup(JSON.stringify(message.contents)),
                password: message.password,
              };
        const result = await service.handle(value, from as never);
        const answer = checkResult(result, 'handle');
        const asked = safeJson(value);
        const shown = answer.ok ? safeJson(result) : (answer.message ?? '');
        // A page's frame gets no secret of the vault in any answer; extension pages get them only
        // where asked for (reveal, export), never inside an error message.
        const visible = isPage(from) ? (answer.ok ? '' : shown) : safeJson(result);
        for (const secret of world.secrets) {
          const leaked = visible.includes(secret) && !asked.includes(secret);
          if (leaked)
            throw new ContractBreak(
              `an answer to ${isPage(from) ? 'an extension page' : 'a page'} shows a secret of the vault`,
            );
        }
        for (const secret of world.neverShown) {
          check(
            !safeJson(result).includes(secret) || asked.includes(secret),
            'an answer shows the master password or the data key',
          );
        }
        if (
          answer.code === 'internal' &&
          RUNTIME_ERROR.test(answer.message ?? '') &&
          !answer.message?.includes(FUZZ_DEP_FAILURE)
        ) {
          throw new ContractBreak(`a handler let a runtime error through: ${answer.message?.slice(0, 160)}`);
        }
        // Whatever was asked, the vault still lists (or is locked): no message may break the popup.
        const after = await service.handle({ type: 'accounts.list' }, POPUP);
        const listed = checkResult(after, 'accounts.list after the message');
        check(
          listed.ok || listed.code === 'locked',
          `after the message the account list fails: ${listed.code}: ${listed.message?.slice(0, 120)}`,
        );
        return answer.ok ? 'ok' : (answer.code ?? 'error');
      } finally {
        globalThis.fetch = saved;
      }
    },
  });

  return [
    schemaTarget('messaging.requestSchema', requestSchema),
    schemaTarget('messaging.contentRequestSchema', contentRequestSchema),
    handleTarget,
  ];
}
