/**
 * Scores one field as a single code input (pure). Evidence ladder of peers.md "Lessons":
 * `autocomplete=one-time-code` > strong keyword > ambiguous keyword + numeric hint; then the
 * hard rules: visible, editable input, allowed type, no exclusion, code-like value, maxlength.
 */
import type { Confidence, FieldDescriptor } from './descriptor';
import {
  ambiguousKeyword,
  type Candidate,
  channelOf,
  describeField,
  exclusion,
  hasOneTimeCode,
  isShown,
  namesOf,
  numericHint,
  strongKeyword,
  textsOf,
} from './evidence';
import { CODE_LIKE_VALUE, SINGLE_FIELD_TYPES, STRONG_MAX_LENGTH, WEAK_MAX_LENGTH } from './keywords';

interface Evidence {
  score: number;
  confidence: Confidence;
  why: string;
}

const inWeakRange = (n: number): boolean => n >= WEAK_MAX_LENGTH.min && n <= WEAK_MAX_LENGTH.max;

/** What makes the field look like a code input; a string when it only half does (for reasons). */
function evidenceOf(f: FieldDescriptor): Evidence | string | undefined {
  const own = [...namesOf(f), ...textsOf(f)];
  if (hasOneTimeCode(f)) return { score: 100, confidence: 'high', why: 'autocomplete=one-time-code' };
  const strong = strongKeyword(own);
  if (strong) return { score: 80, confidence: 'high', why: `strong keyword "${strong}"` };
  const hint = numericHint(f);
  // A nearby "authenticator app" sentence or strong phrase ("verification code") vouches for the
  // field as much as a numeric keyboard does: Okta's `credentials.passcode` is a plain text input.
  const nearby =
    channelOf(f.contextText).channel === 'authenticator' || strongKeyword([f.contextText]) !== undefined;
  const ambiguous = ambiguousKeyword(own);
  if (ambiguous && (hint || nearby)) {
    const why = `ambiguous keyword "${ambiguous}" + ${hint ?? 'code text nearby'}`;
    return { score: hint ? 55 : 50, confidence: 'medium', why };
  }
  if (ambiguous) return `ambiguous keyword "${ambiguous}" without a numeric hint`;
  // No keyword on the field at all (generated ids, no label): only an explicit code length, a
  // numeric hint and code text in the same form (microsoft-pages.md §2.1: "found generically").
  if (nearby && hint && inWeakRange(f.maxLength)) {
    return { score: 40, confidence: 'medium', why: `code text nearby + ${hint}, maxlength ${f.maxLength}` };
  }
  return undefined;
}

/** Why a field with some code evidence still must not be filled. */
function rejection(f: FieldDescriptor, score: number): string | undefined {
  if (!isShown(f)) return 'not visible';
  if (f.tag !== 'input') return `<${f.tag}> is not a code input`;
  if (f.readOnly || f.disabled) return f.readOnly ? 'read-only' : 'disabled';
  const type = f.type.toLowerCase();
  if (!SINGLE_FIELD_TYPES.includes(type)) return `type=${type}`;
  const excluded = exclusion(f);
  if (excluded) return `excluded by ${excluded}`;
  // KeePassXC accepts type=password; we do only when the field is named as an OTP, because Okta's
  // password field shares the OTP field's name `credentials.passcode` (peers.md Lessons).
  if (type === 'password' && !hasOneTimeCode(f) && strongKeyword(namesOf(f)) === undefined) {
    return 'password field without an OTP name';
  }
  if (!CODE_LIKE_VALUE.test(f.value)) return 'holds typed text that is not a code';
  const bounds = score >= 80 ? STRONG_MAX_LENGTH : WEAK_MAX_LENGTH;
  if (f.maxLength >= 0 && (f.maxLength < bounds.min || f.maxLength > bounds.max)) {
    return `maxlength ${f.maxLength} outside ${bounds.min}–${bounds.max}`;
  }
  return undefined;
}

/**
 * A candidate, a rejection reason (the field looked like a code input but broke a rule), or
 * undefined when the field shows no code evidence at all.
 */
export function scoreSingle(f: FieldDescriptor, order: number): Candidate | string | undefined {
  const found = evidenceOf(f);
  if (found === undefined) return undefined;
  const name = describeField(f);
  // Hard rules first, so a reason names the rule that matters ("excluded by password").
  const rejected = rejection(f, typeof found === 'string' ? 0 : found.score);
  if (rejected) return `${name}: ${rejected}`;
  if (typeof found === 'string') return `${name}: ${found}`;
  return {
    score: found.score,
    order,
    texts: [...textsOf(f), f.contextText],
    answer: { kind: 'single', key: f.key, confidence: found.confidence, reason: `${name}: ${found.why}` },
  };
}
