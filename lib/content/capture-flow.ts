/**
 * Capture: findings on the page (QR candidates, key text, recovery code, app password) →
 * `capture.inspect` → the most useful offer in the prompt → `capture.save` after a trusted click →
 * a status line. The background decides what each finding is; the page only learns names.
 * Part of the page tools (page-tools.ts): loaded only once the page shows a capture cue.
 */
import type { CaptureItem, Offer } from '../messaging/content-protocol';
import { isSetupPage, pageText, SETUP_TEXT } from './capture-cues';
import { findAccountHint, findTextCaptures } from './capture-text';
import type { SearchRoot } from './dom';
import type { SendToBackground } from './messaging';
import { message } from './native-browser';
import type { Prompt } from './prompt';
import { saveStatus } from './prompt-text';
import { findQrCandidates, SentQrs } from './qr-candidates';
import { qrImageOf } from './qr-pixels';

export interface CaptureEnv {
  doc: Document;
  send: SendToBackground;
  prompt: Prompt;
  isValid: () => boolean;
  /** An account was saved (or was already there): its code can be filled now. */
  onAccountSaved: () => void;
}

interface Pending {
  item: CaptureItem;
  shows: number;
  offer: Exclude<Offer, { kind: 'nothing' }>;
}

/** Which offer is shown first when a page has several (account > advice > recovery > app password). */
const RANK: Record<Pending['offer']['kind'], number> = {
  account: 0,
  'microsoft-app': 1,
  migration: 2,
  recoveryCode: 3,
  appPassword: 4,
};
/** More candidates than this on one page are not a setup QR; the rest wait for the next pass. */
const MAX_QR_PER_PASS = 6;
/** A page that keeps removing our prompt gets an offer re-shown this many times, then dropped. */
const MAX_SHOWS = 5;

const accountKey = (o: Offer): string | null =>
  o.kind === 'account' ? `${o.issuer}\n${o.organisation ?? ''}\n${o.label}` : null;

/** Useful to show: not 'nothing', not already saved. */
function useful(offer: Offer): offer is Pending['offer'] {
  return offer.kind !== 'nothing' && !('alreadySaved' in offer && offer.alreadySaved);
}

export function createCaptureFlow(env: CaptureEnv) {
  const { prompt, send } = env;
  let inspected = new Set<string>();
  const sentQrs = new SentQrs();
  let queue: Pending[] = [];
  let current: Pending | null = null;

  async function findItems(roots: readonly SearchRoot[], user: boolean): Promise<CaptureItem[]> {
    const url = new URL(env.doc.location.href);
    const text = pageText(env.doc, roots);
    const setup = isSetupPage(url);
    const look = user || setup || SETUP_TEXT.test(text);
    const candidates = look ? findQrCandidates(roots, user || setup) : [];
    const fresh = candidates.filter((c) => sentQrs.isNew(c)).slice(0, MAX_QR_PER_PASS);
    const accountHint = fresh.length > 0 ? findAccountHint(roots) : undefined;
    const items: CaptureItem[] = [];
    // QR first: when a QR and its key text name the same account, the QR's URI wins (§3.5).
    for (const candidate of fresh) {
      const image = await qrImageOf(candidate);
      if (!image) continue;
      sentQrs.mark(candidate);
      items.push({ kind: 'qr', image, ...(accountHint && { accountHint }) });
    }
    return [...items, ...findTextCaptures(env.doc, url, roots, text)];
  }

  /** One offer per account (the QR's item preferred), and never the same finding twice. */
  function enqueue(next: Pending): void {
    const key = accountKey(next.offer);
    const waiting = [current, ...queue].filter((p): p is Pending => p !== null);
    const item = JSON.stringify(next.item);
    if (waiting.some((p) => JSON.stringify(p.item) === item)) return;
    const same = waiting.find((p) => key !== null && accountKey(p.offer) === key);
    if (same) {
      if (next.item.kind === 'qr' && same.item.kind !== 'qr') same.item = next.item;
      return;
    }
    queue.push(next);
    queue.sort((a, b) => RANK[a.offer.kind] - RANK[b.offer.kind]);
  }

  async function save(pending: Pending): Promise<void> {
    const result = await send({ type: 'capture.save', item: pending.item });
    if (!env.isValid()) return;
    current = null;
    if (!result.ok) {
      prompt.showStatus(message('promptCouldNotSave', result.error.message));
      return;
    }
    prompt.showStatus(saveStatus(result.value.status));
    const key = accountKey(pending.offer);
    if (key !== null) {
      queue = queue.filter((p) => accountKey(p.offer) !== key);
      if (result.value.status !== 'queued') env.onAccountSaved();
    }
  }

  /** Shows the current or next offer when nothing else (a status, a chooser) is on screen. */
  function showNext(): void {
    // A new offer may replace a status line ("Saved to TwoStep"), never another offer or a chooser.
    if ((prompt.shown && prompt.kind !== 'status') || !env.isValid()) return;
    current ??= queue.shift() ?? null;
    const pending = current;
    if (!pending) return;
    pending.shows += 1;
    if (pending.shows > MAX_SHOWS) {
      current = null;
      return;
    }
    prompt.showOffer(pending.offer, {
      onSave: () => void save(pending),
      onDismiss: () => {
        current = null;
        showNext();
      },
    });
  }

  /**
   * Advice about the Microsoft-app QR is stale once the page shows a usable code (the user chose
   * "Set up a different authenticator app" and the view swapped in place, microsoft-pages.md §2.1).
   */
  function replaceStaleAdvice(): void {
    const advice = current?.offer.kind === 'microsoft-app' || current?.offer.kind === 'migration';
    if (advice && queue[0]?.offer.kind === 'account') {
      current = null;
      prompt.hide();
    }
  }

  /**
   * One pass: new findings are inspected once each (a user scan starts afresh) and the best offer
   * is shown. Returns how many findings the page has now.
   */
  async function scan(roots: readonly SearchRoot[], user: boolean): Promise<number> {
    if (user) {
      inspected = new Set();
      sentQrs.reset();
    }
    const items = await findItems(roots, user);
    for (const item of items) {
      const key = item.kind === 'qr' ? null : JSON.stringify(item);
      if (key !== null && inspected.has(key)) continue;
      if (key !== null) inspected.add(key);
      const result = await send({ type: 'capture.inspect', item });
      if (!env.isValid()) return items.length;
      if (result.ok && useful(result.value.offer)) enqueue({ item, offer: result.value.offer, shows: 0 });
    }
    replaceStaleAdvice();
    showNext();
    return items.length;
  }

  return { scan, showNext };
}

export type CaptureFlow = ReturnType<typeof createCaptureFlow>;
