/**
 * Microsoft sign-in and account pages (pure; microsoft-pages.md §2.1, §2.3–2.6, §8). Keys on
 * structure (legacy ids, form names) and reads text only to break ties; never on the generated
 * `floatingLabelInputN` number. Answers `undefined` for pages it does not know, so the generic
 * classifier runs.
 */
import type { FieldClassification, FieldDescriptor, PageContext } from '../descriptor';
import { channelOf, describeField, exclusion, isEditable, isShown, textsOf, tokens } from '../evidence';
import type { SiteRule } from './index';

/** microsoft-pages.md §1 (+ Entra External ID tenants, whose host §2.6 does not name). */
const HOSTS = new Set([
  'login.live.com',
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.microsoftonline.us',
  'account.live.com',
]);
const CIAM_HOST_SUFFIX = '.ciamlogin.com';

/** §2.3: old Converged UI; the same input also takes SMS codes. */
const OLD_UI_INPUT = 'idTxtBx_SAOTCC_OTC';
/** §2.4: new consumer UI; its visible input has a generated id and no name. */
const NEW_UI_FORM = 'OneTimeCodeViewForm';
/** §2.5: identity confirmation's authenticator-code input. */
const IDENTITY_TOTP_INPUT = 'iVerifyText';
/**
 * §2.5–2.6: inputs for codes Microsoft sent (never TOTP): identity page's `#iOttText`, the older
 * single box, the verify variant's visible `#otc-confirmation-input` (on the authenticator page
 * it is the hidden twin, which is never visible), and the e-mail-address proof.
 */
const SENT_CODE_IDS = new Set([
  'iOttText',
  'idTxtBx_OTC_Password',
  'otc-confirmation-input',
  'proof-confirmation-email-input',
]);
const SEGMENTED_SENT_ID = /^codeEntry-\d+$/; // §2.6: six `codeEntry-N` boxes, no maxlength
const SENT_ARIA_LABELS = new Set(['enter your security code']); // §2.6 (low confidence)
/** §2.1: the setup wizard's verify step (its input's id is unknown, §9). */
const SETUP_PATH = /^\/proofs\/(?:enabletfa|add)(?:[/?#]|$)/i;
const SETUP_INPUT_TYPES = ['', 'text', 'tel', 'number'];

const single = (f: FieldDescriptor, confidence: 'high' | 'medium', why: string): FieldClassification => ({
  kind: 'single',
  key: f.key,
  confidence,
  reason: `microsoft-signin: ${describeField(f)}: ${why}`,
});
const none = (why: string): FieldClassification => ({ kind: 'none', reason: `microsoft-signin: ${why}` });

/** §2.6 structures for sent codes; `name=otc` outside both TOTP structures is the CIAM email code. */
function isSentCodeField(f: FieldDescriptor): boolean {
  const ciamOtc = f.name === 'otc' && f.id !== OLD_UI_INPUT && f.formName !== NEW_UI_FORM;
  return (
    SENT_CODE_IDS.has(f.id) ||
    SEGMENTED_SENT_ID.test(f.id) ||
    SENT_ARIA_LABELS.has(f.ariaLabel.trim().toLowerCase()) ||
    ciamOtc
  );
}

/** The description decides between authenticator and SMS (§2.3 trap); `strict` needs an app cue. */
function byDescription(
  f: FieldDescriptor,
  page: PageContext,
  strict: boolean,
  fact: string,
): FieldClassification {
  const cue = channelOf(...textsOf(f), f.contextText, page.text);
  if (cue.channel === 'sent') {
    return none(`${describeField(f)}: ${fact}, but the code was sent ("${cue.cue}")`);
  }
  if (cue.channel === 'unknown' && strict) {
    return none(`${describeField(f)}: ${fact}, but the description names no authenticator app`);
  }
  return single(f, 'high', cue.channel === 'authenticator' ? `${fact}; "${cue.cue}"` : fact);
}

/** §2.1: "a visible tel/text input in the same form or dialog, length 6–8, near text about code". */
function setupVerify(shown: readonly FieldDescriptor[]): FieldClassification | undefined {
  const input = shown.find(
    (f) =>
      SETUP_INPUT_TYPES.includes(f.type.toLowerCase()) &&
      (f.maxLength === -1 || (f.maxLength >= 6 && f.maxLength <= 8)) &&
      exclusion(f) === undefined &&
      [...textsOf(f), f.contextText].flatMap(tokens).includes('code'),
  );
  return input && single(input, 'medium', 'setup verify step (microsoft-pages.md §2.1)');
}

function classify(fields: readonly FieldDescriptor[], page: PageContext): FieldClassification | undefined {
  const shown = fields.filter((f) => isShown(f) && isEditable(f));
  const verify = shown.find((f) => f.id === IDENTITY_TOTP_INPUT);
  if (verify) return single(verify, 'high', 'identity confirmation authenticator code (§2.5)');
  const sent = shown.find(isSentCodeField);
  if (sent) return none(`${describeField(sent)} takes a code sent by email or SMS (§2.5–2.6)`);
  // §2.4: the visible text input of the form; the hidden `name=otc` twin is filtered out above.
  const newUi = shown.find(
    (f) => f.formName === NEW_UI_FORM && ['', 'text', 'tel'].includes(f.type.toLowerCase()),
  );
  if (newUi) return byDescription(newUi, page, false, `visible input of ${NEW_UI_FORM} (§2.4)`);
  const oldUi = shown.find((f) => f.id === OLD_UI_INPUT);
  if (oldUi) return byDescription(oldUi, page, true, 'old sign-in code input (§2.3)');
  if (fields.some((f) => f.formName === NEW_UI_FORM)) {
    return none(`${NEW_UI_FORM} has no visible code input; its hidden otc twin is never filled (§2.4)`);
  }
  if (page.host.toLowerCase() === 'account.live.com' && SETUP_PATH.test(page.path)) return setupVerify(shown);
  return undefined;
}

export const microsoftSignIn: SiteRule = {
  name: 'microsoft-signin',
  applies: (page) => {
    const host = page.host.toLowerCase();
    return HOSTS.has(host) || host.endsWith(CIAM_HOST_SUFFIX);
  },
  classify,
};
