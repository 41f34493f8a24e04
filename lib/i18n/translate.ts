/**
 * `browser.i18n.getMessage` over a catalog we hold ourselves (a `messages.json` object), for the
 * extension pages when the user picked a language other than the browser's. Pure: the same
 * semantics as the browsers (Chrome's extension_message_bundle and getMessage):
 * - a named placeholder `$name$` (name case-insensitive) becomes its `placeholders[name].content`;
 * - then, in one pass, `$1`..`$9` become the substitutions (missing ones become nothing) and `$$`
 *   becomes `$`. A substitution's own text is never substituted again.
 * A key missing from the catalog falls back to the fallback catalog (English); unknown → ''.
 */

export interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Readonly<Record<string, { content: string; example?: string }>>;
}

/** A `messages.json` object. */
export type Catalog = Readonly<Record<string, CatalogEntry>>;

/** What `getMessage` accepts: one substitution or up to nine (numbers are written as text). */
export type Substitutions = string | number | ReadonlyArray<string | number>;

const NAMED = /\$([a-zA-Z0-9_@]+)\$/g;
const NUMBERED = /\$(\$|[1-9])/g;

function entryOf(catalog: Catalog | null | undefined, key: string): CatalogEntry | undefined {
  if (!catalog) return undefined;
  if (Object.hasOwn(catalog, key)) return catalog[key];
  // Message names are case-insensitive in both browsers.
  const lower = key.toLowerCase();
  const found = Object.keys(catalog).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : catalog[found];
}

/** The message's text with its named placeholders replaced by their content (`$1`…). */
export function expandPlaceholders(entry: CatalogEntry): string {
  const placeholders = entry.placeholders ?? {};
  const byName = new Map(Object.entries(placeholders).map(([name, p]) => [name.toLowerCase(), p.content]));
  return entry.message.replace(NAMED, (whole, name: string) => byName.get(name.toLowerCase()) ?? whole);
}

/** `$1`..`$9` and `$$` in already expanded text. */
export function substitute(text: string, substitutions: Substitutions = []): string {
  const list = (typeof substitutions === 'object' ? substitutions : [substitutions]).map(String);
  return text.replace(NUMBERED, (_, what: string) => (what === '$' ? '$' : (list[Number(what) - 1] ?? '')));
}

export function translate(
  catalog: Catalog | null | undefined,
  key: string,
  substitutions: Substitutions = [],
  fallback?: Catalog | null,
): string {
  const entry = entryOf(catalog, key) ?? entryOf(fallback, key);
  return entry ? substitute(expandPlaceholders(entry), substitutions) : '';
}

/** The placeholder references a message uses (`$name$` lower-cased, `$n`), sorted: for parity tests. */
export function placeholdersUsed(entry: CatalogEntry): string[] {
  const named = [...entry.message.matchAll(NAMED)].map((m) => `$${(m[1] ?? '').toLowerCase()}$`);
  const numbered = [...expandPlaceholders(entry).matchAll(NUMBERED)]
    .map((m) => m[1])
    .filter((d) => d !== '$')
    .map((d) => `$${d}`);
  return [...new Set([...named, ...numbered])].sort();
}
