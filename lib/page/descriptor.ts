/**
 * Serialisable descriptions of a page and its form fields. The content script's collector is the
 * only code that reads the DOM; it produces these, and the pure classifier and the per-site rules
 * read nothing else (style.md §1.9). Everything here survives `structuredClone` and JSON.
 */

export type FieldTag = 'input' | 'textarea' | 'select';

/** Border box in CSS pixels, relative to the frame's viewport. */
export interface FieldRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One form control as the collector saw it. String attributes are '' when absent. */
export interface FieldDescriptor {
  /** Stable within one collection pass (the collector's index), so the filler can find the node. */
  key: number;
  tag: FieldTag;
  /** Lower-cased `type` attribute as written; '' when absent (the browser then treats it as text). */
  type: string;
  id: string;
  name: string;
  /** Lower-cased `autocomplete` attribute, e.g. 'one-time-code', 'section-a current-password'. */
  autocomplete: string;
  /** Lower-cased `inputmode`. */
  inputMode: string;
  placeholder: string;
  ariaLabel: string;
  /** Text of the associated `<label>` (or `aria-labelledby` target), trimmed. */
  labelText: string;
  /** Nearest heading / description / preceding text in the same form or dialog, trimmed to ~300 chars. */
  contextText: string;
  /** −1 when the attribute is absent (as `HTMLInputElement.maxLength` reports it). */
  maxLength: number;
  pattern: string;
  readOnly: boolean;
  disabled: boolean;
  /**
   * False for `type=hidden`, `display:none`, `visibility:hidden`, zero size, or an `aria-hidden`
   * ancestor (microsoft-pages.md §8: "Visible only").
   */
  visible: boolean;
  rect: FieldRect;
  formName: string;
  formId: string;
  /**
   * Shared by fields with the same parent container; segmented code boxes are grouped by it. The
   * collector should skip wrappers that hold a single input: Microsoft wraps each `codeEntry-N`
   * box in its own `span > div` (microsoft-pages.md §2.6), so the key is the shared ancestor.
   */
  groupKey: string;
  /** `data-testid`, which Microsoft's React pages keep stable (microsoft-pages.md §2.4). */
  dataTestId: string;
  /** Current value: a field holding user-typed text that is not a code is never overwritten. */
  value: string;
}

/** Page-level facts for the classifier. */
export interface PageContext {
  /** Lower-cased host name, no port (e.g. 'login.live.com'). */
  host: string;
  /** URL path, optionally with its query (e.g. '/proofs/Add?apt=3'). */
  path: string;
  /** Page-level text cues: title + visible headings + descriptions, trimmed. */
  text: string;
}

export type Confidence = 'high' | 'medium';

/** The classifier's answer: one field, a row of one-character boxes, or nothing (with why). */
export type FieldClassification =
  | { kind: 'single'; key: number; confidence: Confidence; reason: string }
  | { kind: 'segmented'; keys: number[]; reason: string }
  | { kind: 'none'; reason: string };
