/**
 * Evidence about one field descriptor (pure): visibility, keywords, exclusions, numeric hints, and
 * whether surrounding text says the code comes from an app or was sent. Shared by the generic
 * classifier and the per-site rules.
 */
import type { FieldClassification, FieldDescriptor } from './descriptor';
import {
  AMBIGUOUS_TOKENS,
  AUTHENTICATOR_CUES,
  EXCLUDED_AUTOCOMPLETE,
  EXCLUDED_INPUT_MODES,
  EXCLUDED_NAME_TOKENS,
  EXCLUDED_SUBSTRINGS,
  EXCLUDED_TEXT_TOKENS,
  SENT_CUES,
  STRONG_KEYWORDS,
} from './keywords';

/** Lower-case letters and digits only: `auth-mfa-otpcode` → `authmfaotpcode`. */
export function squeeze(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Words of an attribute, splitting camelCase, snake, kebab, dots: `totpPin` → [totp, pin]. */
export function tokens(text: string): string[] {
  const spaced = text.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return spaced
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Machine names: id, name, data-testid. */
export const namesOf = (f: FieldDescriptor): string[] => [f.id, f.name, f.dataTestId];
/** Human text on the field itself: label, placeholder, aria-label. */
export const textsOf = (f: FieldDescriptor): string[] => [f.labelText, f.placeholder, f.ariaLabel];

/** microsoft-pages.md §8: hidden, `display:none`, zero-size and `aria-hidden` inputs never count. */
export function isShown(f: FieldDescriptor): boolean {
  return f.visible && f.type.toLowerCase() !== 'hidden' && f.rect.width > 0 && f.rect.height > 0;
}

/** An `<input>` the user could type into (KeePassXC rejects read-only; disabled cannot take input). */
export function isEditable(f: FieldDescriptor): boolean {
  return f.tag === 'input' && !f.readOnly && !f.disabled;
}

/** `autocomplete="one-time-code"` qualifies a field by itself (Bitwarden, KeePassXC, peers.md §2). */
export function hasOneTimeCode(f: FieldDescriptor): boolean {
  return f.autocomplete.toLowerCase().split(/\s+/).includes('one-time-code');
}

export function strongKeyword(values: readonly string[]): string | undefined {
  const squeezed = values.map(squeeze).join(' ');
  return STRONG_KEYWORDS.find((k) => squeezed.includes(k));
}

export function ambiguousKeyword(values: readonly string[]): string | undefined {
  const found = new Set(values.flatMap(tokens));
  return AMBIGUOUS_TOKENS.find((k) => found.has(k));
}

/** Why the field is some other kind of field (zip, coupon, recovery code, password …), if it is. */
export function exclusion(f: FieldDescriptor): string | undefined {
  const mode = f.inputMode.toLowerCase();
  if (EXCLUDED_INPUT_MODES.includes(mode)) return `inputmode=${mode}`;
  const auto = f.autocomplete.toLowerCase().split(/\s+/);
  const badAuto = EXCLUDED_AUTOCOMPLETE.find((x) =>
    auto.some((a) => (x.endsWith('-') ? a.startsWith(x) : a === x)),
  );
  if (badAuto) return `autocomplete=${f.autocomplete}`;
  let squeezed = [...namesOf(f), ...textsOf(f)].map(squeeze).join(' ');
  for (const k of STRONG_KEYWORDS) squeezed = squeezed.replaceAll(k, ' ');
  const sub = EXCLUDED_SUBSTRINGS.find((x) => squeezed.includes(x));
  if (sub) return `"${sub}"`;
  const nameWords = new Set(namesOf(f).flatMap(tokens));
  const textWords = new Set(textsOf(f).flatMap(tokens));
  const word =
    EXCLUDED_NAME_TOKENS.find((x) => nameWords.has(x)) ?? EXCLUDED_TEXT_TOKENS.find((x) => textWords.has(x));
  return word ? `"${word}"` : undefined;
}

/** Numeric hints of peers.md "Lessons": inputmode numeric, tel/number, a 0-9 pattern, length 6–10. */
export function numericHint(f: FieldDescriptor): string | undefined {
  const type = f.type.toLowerCase();
  if (f.inputMode.toLowerCase() === 'numeric') return 'inputmode=numeric';
  if (type === 'tel' || type === 'number') return `type=${type}`;
  if (/0-9|\\d/.test(f.pattern)) return `pattern=${f.pattern}`;
  if (f.maxLength >= 6 && f.maxLength <= 10) return `maxlength=${f.maxLength}`;
  return undefined;
}

export type Channel = 'authenticator' | 'sent' | 'unknown';
export interface ChannelCue {
  channel: Channel;
  /** The matched text, for the reason string. */
  cue: string;
}

/**
 * Where the code comes from, by text: an authenticator cue wins over a sent-code cue in the same
 * text (a page may offer "Text me a code instead" under an authenticator prompt).
 */
export function channelOf(...texts: readonly string[]): ChannelCue {
  const text = texts.join(' \n ').toLowerCase().replace(/[’‘]/g, "'");
  for (const [channel, cues] of [
    ['authenticator', AUTHENTICATOR_CUES],
    ['sent', SENT_CUES],
  ] as const) {
    for (const cue of cues) {
      const match = cue.exec(text);
      if (match) return { channel, cue: match[0] };
    }
  }
  return { channel: 'unknown', cue: '' };
}

/** A field or box group the classifier could answer with, before the sent-code check. */
export interface Candidate {
  /** 100 one-time-code, 90/70 boxes, 80 strong keyword, 50–55 ambiguous + hint, 40 context only. */
  score: number;
  /** Document order of the (first) field: breaks ties. */
  order: number;
  /** Text on and around the field, read for authenticator vs sent-code cues. */
  texts: string[];
  answer: Exclude<FieldClassification, { kind: 'none' }>;
}

/** How reasons name a field: `#id`, `[name=…]`, or its key. */
export function describeField(f: FieldDescriptor): string {
  if (f.id) return `#${f.id}`;
  return f.name ? `[name=${f.name}]` : `field ${f.key}`;
}
