/** Errors of the background's own rules (not of the vault or OTP code), shown to the user as-is. */
export class BackgroundError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class LockedError extends BackgroundError {
  constructor() {
    super('locked', 'TwoStep is locked: unlock it with your master password first.');
  }
}

export class TooManyAttemptsError extends BackgroundError {
  constructor(readonly retryAfterMs: number) {
    super(
      'too-many-attempts',
      `Too many wrong passwords: wait ${Math.ceil(retryAfterMs / 1000)} s before trying again.`,
    );
  }
}

export class DuplicateAccountError extends BackgroundError {
  constructor(issuer: string, label: string) {
    const name = [issuer, label].filter(Boolean).join(' – ') || 'an unnamed account';
    super('duplicate', `This secret is already in TwoStep as “${name}”; nothing was added.`);
  }
}

export class NotAnAccountError extends BackgroundError {
  constructor(id: string, why = 'no such account (it may have been deleted in another window)') {
    super('not-found', `Cannot use account ${id}: ${why}.`);
  }
}
