/**
 * The CSV an Exchange Online administrator feeds to an IMAP migration batch (microsoft-pages.md
 * §7.1): one row per mailbox, header `EmailAddress,UserName,Password`, written per RFC 4180.
 * Callers export one file per provider (one source IMAP server per batch, §7.1).
 */

export interface ImapMigrationRow {
  /** The target Microsoft 365 mailbox (§7.1). */
  emailAddress: string;
  /** The login on the source IMAP server, usually the full address (§7.1). */
  userName: string;
  /** The captured app password exactly as stored: Google's without spaces, Apple's with hyphens. */
  password: string;
}

/** Exchange's limit per migration batch (§7.1). */
export const MAX_IMAP_ROWS = 50_000;

/** Exactly these names, no spaces: a missing column fails the whole batch (§7.1). */
export const IMAP_CSV_HEADER = 'EmailAddress,UserName,Password';

export type CsvExportErrorCode = 'no-rows' | 'too-many-rows' | 'invalid-email' | 'empty-field';

export class CsvExportError extends Error {
  override readonly name = 'CsvExportError';
  constructor(
    readonly code: CsvExportErrorCode,
    message: string,
    /** 1-based data row (the header is not counted), when one row is at fault. */
    readonly row?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Deliberately loose (one `@`, a dot in the domain, no spaces or CSV specials): Exchange does the real check. */
const EMAIL = /^[^\s@",;<>()]+@[^\s@",;<>()]+\.[^\s@",;<>().]+$/u;

/**
 * Characters that make a spreadsheet read a cell as a formula ("CSV injection", OWASP). We quote
 * such fields, as asked, but must be honest about the limit: RFC 4180 quoting survives into the
 * file, yet Excel/Calc/Sheets strip the quotes and still evaluate `"=…"`. The real fix, a leading
 * `'`, would change the password Exchange reads, so it is not an option here. What protects the
 * user is that this file holds only values from their own vault (validated addresses and app
 * passwords of known shapes: Apple's hyphens are inside, never leading) and is meant for the
 * Exchange admin centre, not a spreadsheet; the UI warns not to open it in one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 §2.6–2.7: quote fields with `,`, `"`, CR or LF, doubling inner quotes. */
function field(value: string): string {
  const needsQuotes = /[",\r\n]/.test(value) || FORMULA_START.test(value);
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

function check(row: ImapMigrationRow, n: number): string {
  const email = row.emailAddress.trim();
  if (!EMAIL.test(email)) {
    const found = email === '' ? 'nothing' : `'${email.slice(0, 80)}'`;
    throw new CsvExportError(
      'invalid-email',
      `row ${n}: EmailAddress must be the target mailbox as name@domain, got ${found}`,
      n,
    );
  }
  const userName = row.userName.trim();
  if (userName === '') {
    throw new CsvExportError(
      'empty-field',
      `row ${n} (${email}): UserName must be the source login, got nothing`,
      n,
    );
  }
  // The password is never trimmed or echoed: it must reach Exchange byte for byte.
  if (row.password === '') {
    throw new CsvExportError('empty-field', `row ${n} (${email}): Password must not be empty`, n);
  }
  return [email, userName, row.password].map(field).join(',');
}

/**
 * Builds the migration CSV: the header, one CRLF-terminated record per row (RFC 4180 §2.1–2.2), no
 * byte-order mark (whether the admin centre accepts one is not established, §7.1). Email and user
 * name are trimmed (whitespace is never part of them); the password is written exactly.
 *
 * @throws {CsvExportError} for no rows, more than 50,000 rows, or a row with an address that is not
 *   an email address or an empty user name or password; the message names the row (1-based).
 */
export function imapMigrationCsv(rows: readonly ImapMigrationRow[]): string {
  if (rows.length === 0) {
    throw new CsvExportError('no-rows', 'expected at least one mailbox to migrate, got none');
  }
  if (rows.length > MAX_IMAP_ROWS) {
    throw new CsvExportError(
      'too-many-rows',
      `an IMAP migration batch takes at most ${MAX_IMAP_ROWS} rows, got ${rows.length}; split it into batches`,
    );
  }
  const lines = [IMAP_CSV_HEADER, ...rows.map((row, i) => check(row, i + 1))];
  return `${lines.join('\r\n')}\r\n`;
}
