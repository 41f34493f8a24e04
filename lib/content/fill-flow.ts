/**
 * Fill: collect fields → classify (lib/page, pure) → `code.request` → fill, choose or do nothing.
 * The background decides whether this frame may get a code (origin binding, from `sender`); this
 * side only decides where a code would go. A field is filled automatically at most once; the
 * user's own request ("fill the focused field") may fill it again.
 */
import type { CodeReply } from '../messaging/content-protocol';
import type { FieldClassification } from '../page/descriptor';
import { classifyPage } from '../page/sites/index';
import { collectFields, type FieldElement, pageContext } from './collect';
import { deepActiveElement, isTextControl, queryAll, type SearchRoot } from './dom';
import { type FillOutcome, fillField, fillSegmented, submitNear } from './fill';
import type { ContentResult, SendToBackground } from './messaging';
import { message } from './native-browser';
import type { Prompt } from './prompt';

export interface FillEnv {
  doc: Document;
  send: SendToBackground;
  prompt: Prompt;
  isValid: () => boolean;
}

type Attempt = 'pending' | 'done' | 'retry';
interface Target {
  kind: 'single' | 'segmented';
  els: FieldElement[];
}

function targetOf(answer: FieldClassification, elements: Map<number, FieldElement>): Target | null {
  if (answer.kind === 'none') return null;
  const keys = answer.kind === 'single' ? [answer.key] : answer.keys;
  const els = keys.map((k) => elements.get(k)).filter((el): el is FieldElement => el !== undefined);
  return els.length === keys.length ? { kind: answer.kind, els } : null;
}

function fillTarget(target: Target, code: string): FillOutcome {
  if (target.kind === 'segmented') return fillSegmented(target.els, code);
  const [el] = target.els;
  return el ? fillField(el, code) : { filled: false, reason: 'no field' };
}

/** Focus inside a child frame: that frame's own script answers, not the top one. */
const isFrame = (el: Element | null): boolean => el?.localName === 'iframe' || el?.localName === 'frame';

export function createFillFlow(env: FillEnv) {
  const { prompt, send } = env;
  /** Per element: asked already; `retry` (locked, no account, error) may ask again after `allowRetry`. */
  const attempts = new WeakMap<Element, { state: Attempt; generation: number }>();
  let generation = 0;

  function classify(roots: readonly SearchRoot[]): {
    target: Target | null;
    elements: Map<number, FieldElement>;
  } {
    const { fields, elements } = collectFields(env.doc, roots);
    if (!fields.some((f) => f.visible)) return { target: null, elements };
    return { target: targetOf(classifyPage(fields, pageContext(env.doc, roots)), elements), elements };
  }

  /** 'done' when the reply was acted on (filled, or the user was asked to choose). */
  async function act(reply: ContentResult<'code.request'>, target: Target, user: boolean): Promise<Attempt> {
    if (!reply.ok) return 'retry';
    const value: CodeReply = reply.value;
    switch (value.status) {
      case 'code': {
        const outcome = fillTarget(target, value.code);
        if (outcome.filled && value.autoSubmit) submitNear(target.els[0] as FieldElement);
        if (!outcome.filled && user) prompt.showStatus(message('promptNotFilled', outcome.reason));
        return 'done';
      }
      case 'choose':
        prompt.showChooser(value.choices, (accountId) => {
          void send({ type: 'code.choose', accountId }).then((chosen) => {
            if (env.isValid()) void act(chosen, target, true);
          });
        });
        return 'done';
      case 'locked':
        if (user) prompt.showStatus(message('promptLocked'));
        return 'retry';
      case 'none':
        if (user) prompt.showStatus(message('promptNoAccount'));
        return 'retry';
    }
  }

  /** The automatic step: fills the page's code field once, if the background has a code for it. */
  async function auto(roots: readonly SearchRoot[]): Promise<void> {
    if (queryAll(roots, 'input:not([type=hidden])').length === 0) return;
    const { target } = classify(roots);
    if (!target) return;
    const seen = target.els.map((el) => attempts.get(el));
    if (seen.some((a) => a && (a.state !== 'retry' || a.generation === generation))) return;
    const mark = (state: Attempt) => {
      for (const el of target.els) attempts.set(el, { state, generation });
    };
    mark('pending');
    const reply = await send({ type: 'code.request', trigger: 'auto' });
    if (!env.isValid()) return;
    mark(await act(reply, target, false));
  }

  /**
   * `twostep.fillFocused`: the focused input (through shadow roots), or the whole row of boxes it
   * belongs to. With nothing focused, the top frame falls back to the classified field; other
   * frames, and the top frame while focus is in a child frame, stay silent (the message may reach
   * every frame of the tab, and the first reply wins).
   */
  /** Whether this frame acts on `twostep.fillFocused` (decided synchronously: only it replies). */
  function handlesFocused(): boolean {
    const active = deepActiveElement(env.doc);
    return isTextControl(active) || (window.top === window && !isFrame(active));
  }

  async function focused(roots: readonly SearchRoot[]): Promise<boolean> {
    const active = deepActiveElement(env.doc);
    const { target: classified } = classify(roots);
    let target: Target | null = null;
    if (isTextControl(active)) {
      target = classified?.els.includes(active) ? classified : { kind: 'single', els: [active] };
    } else if (window.top === window && !isFrame(active)) {
      target = classified;
    }
    if (!target) return false;
    const reply = await send({ type: 'code.request', trigger: 'user' });
    if (!env.isValid()) return false;
    return (await act(reply, target, true)) === 'done';
  }

  /** After an unlock or a new account: fields that got 'locked' or 'none' may ask once more. */
  function allowRetry(): void {
    generation += 1;
  }

  return { auto, focused, handlesFocused, allowRetry };
}

export type FillFlow = ReturnType<typeof createFillFlow>;
