/**
 * CSV as RFC 4180 defines it, which is what password managers export: fields separated by commas,
 * records by line breaks; a field in double quotes may hold commas, line breaks and `""` (one quote).
 * Lenient only where every common writer agrees: LF or a lone CR ends a record as CRLF does, a
 * final line break adds no empty record, and a quote inside an unquoted field is kept as a
 * character (RFC 4180 §2.5 forbids it, spreadsheets write it). What cannot be read unambiguously
 * (a quoted field never closed, text right after a closing quote) is an error, never a guess.
 */

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    message: string,
    /** 1-based line of the problem (counting line breaks inside quoted fields too). */
    readonly line: number,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Parses the whole text into records of fields (strings, never trimmed).
 * @throws {CsvSyntaxError} for an unterminated quoted field or text after a closing quote.
 */
export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let line = 1;
  let i = 0;
  // True from the start of a record until its end: decides whether EOF closes a record.
  let inRecord = false;

  const endRecord = (): void => {
    records.push(record);
    record = [];
    inRecord = false;
  };

  /** Consumes a line break at `i` (CRLF, LF or CR); returns false if there is none. */
  const lineBreak = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === CR) {
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else if (c === LF) {
      i += 1;
    } else {
      return false;
    }
    line += 1;
    return true;
  };

  while (i < text.length) {
    inRecord = true;
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      const startLine = line;
      i += 1;
      let value = '';
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) {
          throw new CsvSyntaxError(
            `expected a closing double quote for the field opened on line ${startLine}, got the end of the text`,
            startLine,
          );
        }
        const chunk = text.slice(i, close);
        line += countLineBreaks(chunk);
        value += chunk;
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      field = value;
      const next = text.charCodeAt(i);
      if (i < text.length && next !== COMMA && next !== CR && next !== LF) {
        throw new CsvSyntaxError(
          `expected a comma or line break after a closing double quote on line ${line}, got '${text.charAt(i)}'`,
          line,
        );
      }
    } else {
      const start = i;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === CR || c === LF) break;
        i += 1;
      }
      field = text.slice(start, i);
    }
    record.push(field);
    if (text.charCodeAt(i) === COMMA) {
      i += 1;
      // A trailing comma means one more (empty) field, even at the end of the text.
      if (i >= text.length) record.push('');
      continue;
    }
    if (lineBreak()) endRecord();
  }
  if (inRecord) endRecord();
  return records;
}

/** Line breaks as `parseCsv` counts them: CRLF, LF and a lone CR each count once. */
function countLineBreaks(chunk: string): number {
  const matches = chunk.match(/\r\n|\r|\n/g);
  return matches === null ? 0 : matches.length;
}
