/**
 * A text with one key URI per line: `otpauth://…` (Key URI Format) or `steam://SECRET`. Several apps
 * export this: Aegis and Stratum's plain "URI list", Authenticator.cc's "standard" backup
 * (peers.md §4.5) and Ente Auth's plain export, whose URIs carry an extra `codeDisplay` parameter
 * (peers.md §4.9). A line that fails to parse is skipped with the parser's reason; the file fails
 * only when no line is a URI at all.
 */
import { OtpError, parseOtpauthUri } from '../../../otp/index';
import { ResultBuilder } from '../entry';
import { ImportError, type Importer, type ImportInput } from '../types';

const FORMAT = 'otpauth-list';
const LABEL = 'List of otpauth:// links';

/** What the preview should call an Ente Auth plain export (detected by its `codeDisplay` parameter). */
export const ENTE_LABEL = 'Ente Auth';

/**
 * A line that is meant as a key URI: its scheme is one of ours (schemes are case-insensitive). A
 * Google export link counts too, so that its skip reason says it is imported separately.
 */
const URI_LINE = /^(?:otpauth|otpauth-migration|steam):/i;
/** A key URI somewhere at the start of a line; cheap enough for `detect` on large inputs. */
const HAS_URI_LINE = /(?:^|[\r\n])[ \t]*(?:otpauth|steam):/i;
/** Ente Auth adds `codeDisplay={…json…}` to every URI of its plain export. */
const ENTE_PARAMETER = /[?&]codeDisplay=/i;

/** Longest label shown in a skip reason: enough to recognise the account, short enough for the UI. */
const SHOWN_LABEL = 60;
/** How many line numbers of non-link lines the skip entry lists. */
const SHOWN_LINES = 10;

/**
 * Names a line that failed to parse: its number plus the URI's label (the label names the account
 * and never holds the secret, which is in the query).
 */
function lineName(number: number, uri: string): string {
  const path = /^[a-z]+:\/\/[^/?]*\/([^?]*)/i.exec(uri)?.[1] ?? '';
  let label: string;
  try {
    label = decodeURIComponent(path);
  } catch {
    label = path;
  }
  label = label.trim();
  // A damaged line can run the label into its own query (no '?') or into the next link: then it
  // may hold a secret, so only a label that looks like one is shown (found by `npm run fuzz`).
  if (label === '' || /[\p{Cc}&=?/]/u.test(label)) return `Line ${number}`;
  return `Line ${number} (${label.length > SHOWN_LABEL ? `${label.slice(0, SHOWN_LABEL)}…` : label})`;
}

export const otpauthListImporter: Importer = {
  format: FORMAT,
  label: LABEL,

  detect(input: ImportInput): boolean {
    return input.text !== undefined && input.json === undefined && HAS_URI_LINE.test(input.text);
  },

  needsPassword(): boolean {
    return false;
  },

  async read(input: ImportInput) {
    const builder = new ResultBuilder();
    let uriLines = 0;
    let ente = false;
    const otherLines: number[] = [];
    const lines = (input.text ?? '').split(/\r\n|\r|\n/);
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (line === '') return;
      if (!URI_LINE.test(line)) {
        otherLines.push(i + 1);
        return;
      }
      uriLines += 1;
      if (ENTE_PARAMETER.test(line)) ente = true;
      try {
        builder.add(parseOtpauthUri(line));
      } catch (error) {
        if (!(error instanceof OtpError)) throw error;
        builder.skip(lineName(i + 1, line), error.message);
      }
    });
    if (uriLines === 0) {
      throw new ImportError(
        'IMPORT_DAMAGED',
        'Expected one otpauth:// link per line, but no line of this text is such a link.',
        { format: FORMAT },
      );
    }
    if (otherLines.length > 0) {
      // Headers or notes between the links: one entry for all of them, named by line numbers only,
      // since such a line could hold anything (even a bare secret).
      const listed = otherLines.slice(0, SHOWN_LINES).join(', ');
      const more = otherLines.length > SHOWN_LINES ? ` and ${otherLines.length - SHOWN_LINES} more` : '';
      builder.skip(
        `${otherLines.length === 1 ? 'Line' : 'Lines'} ${listed}${more}`,
        'expected an otpauth:// or steam:// link, got other text',
      );
    }
    return { format: ente ? 'ente' : FORMAT, accounts: builder.accounts, skipped: builder.skipped };
  },
};
