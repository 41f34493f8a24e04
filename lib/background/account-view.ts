import type { AccountView } from '../messaging/protocol';
import { generateCode } from '../otp';
import type { OtpAccountRecord } from '../vault/types';

/** The popup's view of an account: the current code, never the secret. */
export function toAccountView(record: OtpAccountRecord, now: number): AccountView {
  const view: AccountView = {
    id: record.id,
    issuer: record.issuer,
    label: record.label,
    kind: record.kind,
    algorithm: record.algorithm,
    digits: record.digits,
    period: record.period,
    code: generateCode(record, now),
    validUntil: null,
    sites: [...record.sites],
  };
  if (record.organisation) view.organisation = record.organisation;
  if (record.kind === 'hotp') {
    view.counter = record.counter;
  } else {
    // RFC 6238 §4.2: T = floor(unixtime / period); the code changes at (T + 1) · period.
    const periodMs = record.period * 1000;
    view.validUntil = (Math.floor(now / periodMs) + 1) * periodMs;
  }
  return view;
}

/** Search is done in the popup; sorting here keeps the order stable between refreshes. */
export function compareAccounts(a: OtpAccountRecord, b: OtpAccountRecord): number {
  return (
    a.issuer.localeCompare(b.issuer, undefined, { sensitivity: 'base' }) ||
    a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) ||
    a.createdAt - b.createdAt
  );
}
