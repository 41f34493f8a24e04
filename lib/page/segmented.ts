/**
 * Segmented code boxes (pure): 4–8 narrow inputs sharing a parent container, equal in width and
 * in one row. Grouped by container and geometry, not by `maxlength=1` (peers.md Lessons):
 * Microsoft's `codeEntry-0..5` boxes have no maxlength at all (microsoft-pages.md §2.6).
 */
import type { FieldDescriptor, PageContext } from './descriptor';
import {
  ambiguousKeyword,
  type Candidate,
  channelOf,
  exclusion,
  hasOneTimeCode,
  isEditable,
  isShown,
  namesOf,
  numericHint,
  strongKeyword,
  textsOf,
} from './evidence';
import { BOX_COUNT, BOX_MAX_WIDTH, BOX_TYPES, BOX_WIDTH_TOLERANCE } from './keywords';

export interface BoxResult {
  candidates: Candidate[];
  /** Groups that looked like boxes but broke a rule, for the 'none' reason. */
  rejections: string[];
}

/** A visible, empty-ish, narrow text-like input that is no other kind of field. */
function isBox(f: FieldDescriptor): boolean {
  const lengthOk = f.maxLength === -1 || f.maxLength === 1 || f.maxLength === 2;
  return (
    isShown(f) &&
    isEditable(f) &&
    BOX_TYPES.includes(f.type.toLowerCase()) &&
    lengthOk &&
    f.rect.width <= BOX_MAX_WIDTH &&
    f.value.length <= 1 &&
    exclusion(f) === undefined
  );
}

/** Equal widths, one row, left to right without overlap; undefined when the shape is right. */
function geometryProblem(boxes: readonly FieldDescriptor[]): string | undefined {
  const widths = boxes.map((b) => b.rect.width);
  const widest = Math.max(...widths);
  if (widest - Math.min(...widths) > Math.max(2, widest * BOX_WIDTH_TOLERANCE)) return 'unequal widths';
  const centre = (b: FieldDescriptor): number => b.rect.y + b.rect.height / 2;
  const row = centre(boxes[0] as FieldDescriptor);
  const tolerance = Math.min(...boxes.map((b) => b.rect.height)) / 2;
  if (boxes.some((b) => Math.abs(centre(b) - row) > tolerance)) return 'not in one row';
  const overlaps = boxes.some((b, i) => {
    const prev = boxes[i - 1];
    return prev !== undefined && b.rect.x < prev.rect.x + prev.rect.width - 1;
  });
  return overlaps ? 'overlapping' : undefined;
}

/** Evidence that the row asks for a code: on the boxes (strong) or in the text around them. */
function codeCue(
  boxes: readonly FieldDescriptor[],
  page: PageContext,
): { strong: boolean; why: string } | undefined {
  if (boxes.some(hasOneTimeCode)) return { strong: true, why: 'autocomplete=one-time-code' };
  const own = boxes.flatMap((b) => [...namesOf(b), ...textsOf(b)]);
  const strong = strongKeyword(own);
  if (strong) return { strong: true, why: `strong keyword "${strong}"` };
  const around = [boxes[0]?.contextText ?? '', page.text];
  const word = ambiguousKeyword(own) ?? strongKeyword(around) ?? ambiguousKeyword(around);
  if (word) return { strong: false, why: `keyword "${word}"` };
  const cue = channelOf(...around);
  return cue.channel === 'authenticator' ? { strong: false, why: `"${cue.cue}"` } : undefined;
}

/** Each box is numeric (tel/number/inputmode/pattern) or takes one or two characters (Steam's letters). */
const boxShaped = (b: FieldDescriptor): boolean =>
  numericHint(b) !== undefined || b.maxLength === 1 || b.maxLength === 2;

/** Count, geometry and shape rules for a candidate row; undefined when it is a row of code boxes. */
function rowProblem(row: readonly FieldDescriptor[]): string | undefined {
  if (row.length > BOX_COUNT.max) return `more than ${BOX_COUNT.max}`;
  return geometryProblem(row) ?? (row.every(boxShaped) ? undefined : 'no numeric or one-character hint');
}

/** Rows of code boxes among the fields, plus why look-alike rows were turned down. */
export function boxGroups(fields: readonly FieldDescriptor[], page: PageContext): BoxResult {
  const groups = new Map<string, { order: number; boxes: FieldDescriptor[] }>();
  fields.forEach((f, order) => {
    if (f.groupKey === '' || !isBox(f)) return;
    const group = groups.get(f.groupKey) ?? { order, boxes: [] };
    group.boxes.push(f);
    groups.set(f.groupKey, group);
  });
  const result: BoxResult = { candidates: [], rejections: [] };
  for (const [key, { order, boxes }] of groups) {
    if (boxes.length < BOX_COUNT.min) continue;
    const row = [...boxes].sort((a, b) => a.rect.x - b.rect.x);
    const name = `${row.length} boxes in "${key}"`;
    const problem = rowProblem(row);
    const cue = problem ? undefined : codeCue(row, page);
    if (problem || !cue) {
      result.rejections.push(`${name}: ${problem ?? 'no code text'}`);
      continue;
    }
    const first = row[0] as FieldDescriptor;
    result.candidates.push({
      score: cue.strong ? 90 : 70,
      order,
      texts: [...textsOf(first), first.contextText],
      answer: { kind: 'segmented', keys: row.map((b) => b.key), reason: `${name}: ${cue.why}` },
    });
  }
  return result;
}
