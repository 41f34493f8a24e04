/**
 * Builders for classifier tables: plain descriptors as the collector would produce them
 * (style.md §1.9), a way to mark the field(s) a row expects, and the row check.
 */
import { expect } from 'vitest';
import type {
  Confidence,
  FieldClassification,
  FieldDescriptor,
  PageContext,
} from '../../../lib/page/descriptor';

let nextKey = 1;

/** A visible, empty, enabled text input 280 px wide (too wide to be a code box), plus overrides. */
export function field(overrides: Partial<FieldDescriptor> = {}): FieldDescriptor {
  return {
    key: nextKey++,
    tag: 'input',
    type: 'text',
    id: '',
    name: '',
    autocomplete: '',
    inputMode: '',
    placeholder: '',
    ariaLabel: '',
    labelText: '',
    contextText: '',
    maxLength: -1,
    pattern: '',
    readOnly: false,
    disabled: false,
    visible: true,
    rect: { x: 20, y: 120, width: 280, height: 36 },
    formName: '',
    formId: '',
    groupKey: 'form',
    dataTestId: '',
    value: '',
    ...overrides,
  };
}

/** A hidden input (`type=hidden`, not visible, no box), as the collector reports it. */
export const hidden = (overrides: Partial<FieldDescriptor> = {}): FieldDescriptor =>
  field({ type: 'hidden', visible: false, rect: { x: 0, y: 0, width: 0, height: 0 }, ...overrides });

/**
 * `count` boxes 44 × 52 px, 8 px apart, in one row and one container; `each(i)` adds per-box
 * attributes (ids `codeEntry-0` …).
 */
export function boxes(
  count: number,
  common: Partial<FieldDescriptor>,
  each: (i: number) => Partial<FieldDescriptor> = () => ({}),
): FieldDescriptor[] {
  return Array.from({ length: count }, (_, i) =>
    field({
      groupKey: 'boxes',
      rect: { x: 20 + i * 52, y: 200, width: 44, height: 52 },
      ...common,
      ...each(i),
    }),
  );
}

export function page(overrides: Partial<PageContext> = {}): PageContext {
  return { host: 'example.com', path: '/', text: '', ...overrides };
}

const wanted = new WeakSet<FieldDescriptor>();

/** Marks the field (or boxes, in order) the row expects the classifier to choose. */
export function want<T extends FieldDescriptor | FieldDescriptor[]>(target: T): T {
  for (const f of Array.isArray(target) ? target : [target]) wanted.add(f);
  return target;
}

export type Expected =
  | { kind: 'single'; confidence: Confidence; reason: RegExp }
  | { kind: 'segmented'; reason: RegExp }
  | { kind: 'none'; reason: RegExp };

export const single = (confidence: Confidence, reason: RegExp): Expected => ({
  kind: 'single',
  confidence,
  reason,
});
export const segmented = (reason: RegExp): Expected => ({ kind: 'segmented', reason });
export const none = (reason: RegExp): Expected => ({ kind: 'none', reason });

export interface Row {
  /** The real site and page the row stands for. */
  name: string;
  page: PageContext;
  fields: FieldDescriptor[];
  expected: Expected;
}

/** The answer has the expected kind, picks exactly the `want`ed fields, and gives the right reason. */
export function checkRow(row: Row, answer: FieldClassification): void {
  const keys = row.fields.filter((f) => wanted.has(f)).map((f) => f.key);
  const { expected } = row;
  if (expected.kind === 'single') {
    expect(keys, 'a single row wants one field').toHaveLength(1);
    expect(answer).toMatchObject({ kind: 'single', key: keys[0], confidence: expected.confidence });
  } else if (expected.kind === 'segmented') {
    expect(keys.length, 'a segmented row wants its boxes').toBeGreaterThan(1);
    expect(answer).toMatchObject({ kind: 'segmented', keys });
  } else {
    expect(keys, 'a none row wants nothing').toHaveLength(0);
    expect(answer).toMatchObject({ kind: 'none' });
  }
  expect(answer.reason).toMatch(expected.reason);
}
