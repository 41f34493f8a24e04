/**
 * What a fuzz target is, and the contract checks several targets share. A target feeds generated
 * inputs to one parser of outside input; the parser may answer, or reject the input with its own
 * documented, typed error (`accept`). Anything else fails the run: another exception, a result that
 * breaks the function's contract (`ContractBreak`), or an input that takes too long (the runner).
 */
import type fc from 'fast-check';
import {
  type AccountDraft,
  formatOtpauthUri,
  InvalidUriError,
  normaliseSecret,
  parseOtpauthUri,
} from '../../lib/otp/index';
import { assertValidParams } from '../../lib/otp/params';
import type { ImportResult } from '../../lib/transfer/import/types';

export interface FuzzTarget<T = unknown> {
  /** `area.entry`, e.g. `otp.parseOtpauthUri`; what `--only` matches. */
  name: string;
  arbitrary: fc.Arbitrary<T>;
  /**
   * Throws `ContractBreak` for a result the function must never give. May name what the input led
   * to ('null', 'migration', an error code in a result…) for the report's outcome mix.
   */
  run(input: T): string | undefined | Promise<string | undefined>;
  /** The documented, typed rejections; everything else thrown by `run` is a failure. */
  accept(error: unknown): boolean;
  /**
   * Share of the requested runs this target gets, when a full count is not feasible, with the reason
   * printed next to its result. Absent: every requested run.
   */
  budget?: { share: number; reason: string };
  /** Runs in the Vitest suite (CI); kept small so the whole file stays well under a minute. */
  ciRuns: number;
}

/** A result (not an exception) that the function's contract rules out. Never accepted. */
export class ContractBreak extends Error {
  override readonly name = 'ContractBreak';
}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ContractBreak(message);
}

/** Targets are declared with their own input type; the list holds them side by side. */
export function target<T>(definition: FuzzTarget<T>): FuzzTarget<unknown> {
  return definition as unknown as FuzzTarget<unknown>;
}

const LONE_SURROGATE = /\p{Cs}/u;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * A draft the generator can compute codes for: canonical base32, supported parameters (the same
 * check the generator runs, lib/otp/params.ts), names that are trimmed strings, and an organisation
 * only when it differs from a non-empty issuer (the rule of both the URI parser and the manual form).
 */
export function checkDraft(draft: AccountDraft, where: string): void {
  try {
    assertValidParams(draft);
  } catch (error) {
    throw new ContractBreak(`${where}: the draft fails assertValidParams (${String(error)})`);
  }
  check(normaliseSecret(draft.secret) === draft.secret, `${where}: the secret is not canonical base32`);
  check(/^[A-Z2-7]+$/.test(draft.secret), `${where}: the secret is not canonical base32`);
  for (const field of ['issuer', 'label'] as const) {
    check(typeof draft[field] === 'string', `${where}: ${field} is not a string`);
    check(draft[field] === draft[field].trim(), `${where}: ${field} is not trimmed`);
  }
  if (draft.kind === 'steam') {
    check(
      draft.digits === 5 && draft.algorithm === 'SHA1' && draft.period === 30,
      `${where}: a Steam draft must be SHA1, 5 digits, 30 s`,
    );
  }
  if ('organisation' in draft) {
    const organisation = draft.organisation;
    check(typeof organisation === 'string' && organisation !== '', `${where}: an empty organisation is kept`);
    check(
      draft.issuer !== '' && organisation.toLowerCase() !== draft.issuer.toLowerCase(),
      `${where}: organisation kept although it does not differ from a non-empty issuer`,
    );
  }
}

/**
 * `parseOtpauthUri(formatOtpauthUri(d))` gives `d` back (lib/otp/otpauth-uri.ts). Skipped where the
 * writer documents a limit: names with an unpaired surrogate cannot be written (it throws
 * InvalidUriError), and a 5-digit TOTP draft issued by "Steam" comes back as Steam. An organisation
 * holding ':' is skipped too: no reader of outside input produces one (the prefix before the first
 * colon is what becomes an organisation), and the writer cannot express it.
 */
export function checkUriRoundTrip(draft: AccountDraft, where: string): void {
  const names = [draft.issuer, draft.label, draft.organisation ?? ''];
  if (names.some(hasLoneSurrogate)) {
    try {
      formatOtpauthUri(draft);
    } catch (error) {
      if (error instanceof InvalidUriError) return;
      throw error;
    }
    throw new ContractBreak(`${where}: formatOtpauthUri wrote a name with an unpaired surrogate`);
  }
  if (draft.kind === 'totp' && draft.digits === 5 && draft.issuer.toLowerCase() === 'steam') return;
  if (draft.organisation?.includes(':')) return;
  const uri = formatOtpauthUri(draft);
  let back: AccountDraft;
  try {
    back = parseOtpauthUri(uri);
  } catch (error) {
    throw new ContractBreak(
      `${where}: formatOtpauthUri wrote a URI its own parser refuses (${String(error)})`,
    );
  }
  check(
    sameDraft(back, draft),
    `${where}: parse(format(draft)) differs from the draft: ${diffDraft(back, draft)}`,
  );
}

const DRAFT_FIELDS = [
  'kind',
  'secret',
  'algorithm',
  'digits',
  'period',
  'counter',
  'issuer',
  'label',
  'organisation',
] as const;

/** Field by field with `===` (a counter of -0 is the counter 0 that JSON and URIs write). */
export function sameDraft(a: AccountDraft, b: AccountDraft): boolean {
  return (
    DRAFT_FIELDS.every((field) => a[field] === b[field]) && Object.keys(a).length === Object.keys(b).length
  );
}

/** Which fields differ (names only: the values may be secrets). */
function diffDraft(a: AccountDraft, b: AccountDraft): string {
  const fields = DRAFT_FIELDS.filter((field) => a[field] !== b[field]);
  return fields.length > 0 ? fields.join(', ') : 'extra keys';
}

const FORMATS = new Set([
  'otpauth-list',
  'google-migration',
  'aegis',
  '2fas',
  'andotp',
  'bitwarden',
  'bitwarden-csv',
  'authenticator-extension',
  'freeotp-plus',
  'raivo',
  'proton',
  'ente',
  'twostep-backup',
]);

/** An `ImportResult` as lib/transfer/import/types.ts promises it: validated drafts, named skips. */
export function checkImportResult(result: ImportResult, where: string): void {
  check(FORMATS.has(result.format), `${where}: unknown format '${String(result.format)}'`);
  check(Array.isArray(result.accounts) && Array.isArray(result.skipped), `${where}: lists missing`);
  result.accounts.forEach((account, index) => {
    const at = `${where} account ${index + 1}`;
    checkDraft(account.draft, at);
    checkUriRoundTrip(account.draft, at);
    if (account.sites !== undefined) {
      check(
        Array.isArray(account.sites) && account.sites.every((s) => typeof s === 'string'),
        `${at}: sites is not a list of strings`,
      );
    }
  });
  for (const skip of result.skipped) {
    check(
      typeof skip.name === 'string' && typeof skip.reason === 'string' && skip.reason !== '',
      `${where}: a skipped entry without a name or reason`,
    );
  }
  if (result.batch !== undefined) {
    const { id, index, size } = result.batch;
    check(
      [id, index, size].every(Number.isInteger) && index >= 0 && index < size,
      `${where}: impossible batch ${JSON.stringify(result.batch)}`,
    );
  }
}
