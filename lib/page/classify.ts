/**
 * The generic OTP-field classifier (pure: descriptors in, answer out, no DOM; style.md §1.9).
 * Per-site rules run before it (`sites/index.ts`); this is what every other page gets.
 */
import type { FieldClassification, FieldDescriptor, PageContext } from './descriptor';
import { type Candidate, type ChannelCue, channelOf } from './evidence';
import { boxGroups } from './segmented';
import { scoreSingle } from './single-field';

export type { FieldClassification } from './descriptor';

/** How many rejected fields a 'none' reason lists. */
const LISTED_REJECTIONS = 3;

function withCue(answer: Candidate['answer'], cue: ChannelCue): FieldClassification {
  return cue.channel === 'authenticator' ? { ...answer, reason: `${answer.reason}; "${cue.cue}"` } : answer;
}

/**
 * Picks the field (or row of boxes) that asks for an authenticator code, or says why none does.
 *
 * Candidates are ranked by evidence (peers.md Lessons), then by document order. The best one is
 * answered unless text says its code was sent by email or SMS (microsoft-pages.md §2.6); text on
 * and next to the field is read first, the page's headings only when that says nothing, and in
 * either an authenticator cue wins over a sent-code cue. A sent-code candidate is skipped, and the
 * page is 'none' when no candidate is left.
 */
export function classifyFields(fields: readonly FieldDescriptor[], page: PageContext): FieldClassification {
  const boxes = boxGroups(fields, page);
  const inBoxes = new Set(
    boxes.candidates.flatMap((c) => (c.answer.kind === 'segmented' ? c.answer.keys : [])),
  );
  const candidates = [...boxes.candidates];
  const rejections = [...boxes.rejections];
  fields.forEach((f, order) => {
    if (inBoxes.has(f.key)) return;
    const scored = scoreSingle(f, order);
    if (typeof scored === 'string') rejections.push(scored);
    else if (scored) candidates.push(scored);
  });
  candidates.sort((a, b) => b.score - a.score || a.order - b.order);

  const pageCue = channelOf(page.text);
  let sent: string | undefined;
  for (const candidate of candidates) {
    const near = channelOf(...candidate.texts);
    const cue = near.channel === 'unknown' ? pageCue : near;
    if (cue.channel !== 'sent') return withCue(candidate.answer, cue);
    sent ??= `${candidate.answer.reason}, but the code was sent by email or SMS ("${cue.cue}")`;
  }
  if (sent) return { kind: 'none', reason: sent };
  const listed = rejections.slice(0, LISTED_REJECTIONS).join('; ');
  return {
    kind: 'none',
    reason: listed ? `no code field; rejected ${listed}` : `no code field among ${fields.length} fields`,
  };
}
