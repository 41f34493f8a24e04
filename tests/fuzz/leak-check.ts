/**
 * The import targets' "no secret in what the user sees" contract (lib/transfer/import/types.ts: a
 * skipped entry's name is "never the secret"; lib/otp/errors.ts: messages never echo a secret).
 * 12 characters of a seed secret count (SAMPLE_SECRETS are chosen so no mutation dictionary holds
 * them). An edit may also move a secret's text into another field, and then showing it is showing
 * that field, not a leak; so each check asks where else the input holds the text.
 *
 * - Reasons and ImportError messages are the importer's own words: a secret window counts as leaked
 *   unless the input holds it outside every secret-looking place (`unmarkedText`: the `secret`
 *   parameter of a key URI and the value of a `"secret"` field, wherever they appear). Strict on
 *   purpose: a reason has no business quoting a field that holds a key URI either.
 * - Names echo the file's name fields, which a damaged file may fill with anything, a whole key URI
 *   included (a CSV row whose name column holds one). Judging them by the text-wide marks above
 *   flagged exactly that: a name field holding `otpauth://…?secret=…`, or (before the marks needed
 *   `otpauth://`) an issuer the fuzzer had spliced into `secret=<secret>` — the "skipped entry's
 *   name" findings of the full runs. Those names are the file's own name fields, not leaks. So
 *   names are judged by structure (`nameSources`): the text of every field except the secret-bearing
 *   ones (`secret` fields, and the secret parameter of the key-URI fields `totp`, `uri` and
 *   `login_totp`, where a bare value is a secret); a window shown in a name that no name source
 *   holds came from a secret. Key-URI lists keep the text-wide rule: their names come from the URIs.
 */
import { parseCsv } from '../../lib/transfer/import/csv';
import { ImportError, toImportInput } from '../../lib/transfer/import/index';
import type { ImportResult } from '../../lib/transfer/import/types';
import { ContractBreak } from './contract';
import { SAMPLE_SECRETS } from './samples';

export const SECRET_WINDOWS: readonly string[] = SAMPLE_SECRETS.flatMap((secret) => {
  const lower = secret.toLowerCase();
  const windows: string[] = [];
  for (let i = 0; i + 12 <= lower.length; i += 4) windows.push(lower.slice(i, i + 12));
  return windows;
});

const URI_SECRET = /(otpauth:\/\/[^\s"]*?[?&]secret=)([^&#\s"]*)/g;

/** The input as text, lower case, with every value marked as a secret blanked out. */
export function unmarkedText(data: string | Uint8Array): string {
  const text = (typeof data === 'string' ? data : new TextDecoder('latin1').decode(data)).toLowerCase();
  return text
    .replace(URI_SECRET, (_, name: string, value: string) => name + ' '.repeat(value.length))
    .replace(
      /("secret"\s*:\s*")([^"]*)/g,
      (_, name: string, value: string) => name + ' '.repeat(value.length),
    );
}

/** Throws when `shown` holds a secret window that `allowed` (lower case) does not. */
export function checkNoSecret(shown: string, allowed: string, where: string): void {
  const lower = shown.toLowerCase();
  const window = SECRET_WINDOWS.find((w) => lower.includes(w) && !allowed.includes(w));
  if (window !== undefined) throw new ContractBreak(`${where} shows part of an account's secret`);
}

/** Fields whose value is a key URI or, without a scheme, a bare secret (Bitwarden, Proton). */
const KEY_URI_FIELDS = new Set(['totp', 'uri', 'login_totp']);

/** A key-URI field's value without its secret: the URI with `secret=` blanked; a bare secret is dropped. */
function keyUriNames(value: string): string {
  const lower = value.toLowerCase();
  if (!/^\s*[a-z][a-z0-9+.-]*:/.test(lower)) return '';
  if (/^\s*steam:/.test(lower)) return '';
  return lower.replace(URI_SECRET, (_, name: string) => name);
}

function collect(value: unknown, key: string, out: string[]): void {
  if (typeof value === 'string') {
    if (key === 'secret') return;
    out.push(KEY_URI_FIELDS.has(key) ? keyUriNames(value) : value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, key, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push(k.toLowerCase());
      collect(v, k.toLowerCase(), out);
    }
  }
}

/**
 * The text a skipped entry's name may take without showing a secret: every JSON string (and key)
 * but the secret-bearing ones; for a CSV with a header, every cell but the key-URI column's secrets.
 * Joined by newlines, so no window spans two fields. `undefined`: neither (binary or other text).
 */
export function nameSources(data: string | Uint8Array): string | undefined {
  const input = toImportInput(data);
  const out: string[] = [];
  if (input.json !== undefined) {
    collect(input.json, '', out);
    return out.join('\n');
  }
  if (input.text === undefined) return undefined;
  let records: string[][];
  try {
    records = parseCsv(input.text);
  } catch {
    return undefined;
  }
  const header = (records[0] ?? []).map((name) => name.trim().toLowerCase());
  if (!header.some((name) => KEY_URI_FIELDS.has(name))) return undefined;
  for (const record of records) {
    record.forEach((cell, column) => {
      const name = header[column] ?? '';
      out.push(KEY_URI_FIELDS.has(name) ? keyUriNames(cell) : cell.toLowerCase());
    });
  }
  return out.join('\n');
}

/**
 * Reasons always (against `unmarked`); names against the name sources, or for key-URI lists
 * against `unmarked` (their names come from the URIs' labels). Names of binary inputs and of text
 * that is neither JSON nor a headed CSV (Google migration links) are not judged.
 */
export function checkResultShowsNoSecret(
  result: ImportResult,
  data: string | Uint8Array,
  unmarked: string = unmarkedText(data),
): void {
  const namesFromUris = result.format === 'otpauth-list' || result.format === 'ente';
  const sources = namesFromUris ? unmarked : nameSources(data);
  for (const skip of result.skipped) {
    if (sources !== undefined) checkNoSecret(skip.name, sources, 'a skipped entry name');
    checkNoSecret(skip.reason, unmarked, 'a skip reason');
  }
}

/** Runs `work`; an ImportError it throws must not show a seed secret either. */
export async function withoutLeak<T>(unmarked: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ImportError) checkNoSecret(error.message, unmarked, 'an ImportError message');
    throw error;
  }
}
