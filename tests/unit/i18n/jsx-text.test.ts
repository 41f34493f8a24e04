/**
 * No user-visible literal text in the extension pages' JSX (issue 6): text between tags, and the
 * text attributes a user sees or hears (aria-label, title, placeholder, alt), come from `t()`.
 *
 * Each .tsx file is compiled by esbuild with a marker JSX factory; the factory calls' arguments are
 * then read: a child that is a plain string literal with a letter in it is literal text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Files and folders not converted yet (the lead converts them): shrink this list as they are.
 * A path ending in "/" excludes the folder.
 */
const NOT_YET_TRANSLATED: readonly string[] = [];

const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description']);
const FACTORY = '__I18N_JSX__';

function tsxFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tsx')) out.push(path.relative(ROOT, full));
    }
  };
  walk(path.join(ROOT, 'components'));
  walk(path.join(ROOT, 'entrypoints'));
  return out.sort();
}

const excluded = (file: string) =>
  NOT_YET_TRANSLATED.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p));

/** The end (exclusive) of the string or template literal starting at `i`. */
function skipString(src: string, i: number): number {
  const quote = src[i];
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === '\\') j += 2;
    else if (c === quote) return j + 1;
    else if (quote === '`' && c === '$' && src[j + 1] === '{') j = skipBalanced(src, j + 1);
    else j++;
  }
  return j;
}

/** From an opening bracket at `i`, the index after its closing bracket. */
function skipBalanced(src: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < src.length) {
    const c = src[j] as string;
    if (c === '"' || c === "'" || c === '`') {
      j = skipString(src, j);
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return j;
}

/** The top-level, comma-separated parts between the brackets at `open`. */
function splitTopLevel(src: string, open: number): string[] {
  const close = skipBalanced(src, open) - 1;
  const parts: string[] = [];
  let start = open + 1;
  let j = open + 1;
  while (j < close) {
    const c = src[j] as string;
    if (c === '"' || c === "'" || c === '`') j = skipString(src, j);
    else if ('([{'.includes(c)) j = skipBalanced(src, j);
    else if (c === ',') {
      parts.push(src.slice(start, j).trim());
      start = ++j;
    } else j++;
  }
  parts.push(src.slice(start, close).trim());
  return parts.filter((p) => p !== '');
}

const STRING = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')$/;
const hasLetter = (text: string) => /\p{L}/u.test(text);
const literal = (code: string): string | null => {
  if (!STRING.test(code)) return null;
  const body = code.slice(1, -1);
  try {
    return code.startsWith('"') ? (JSON.parse(code) as string) : body;
  } catch {
    return body;
  }
};

/** Literal texts in one file's JSX: `text` children and text attributes. */
function literalTexts(source: string): string[] {
  const { code } = transformSync(source, {
    loader: 'tsx',
    jsx: 'transform',
    charset: 'utf8',
    jsxFactory: FACTORY,
    jsxFragment: `${FACTORY}_FRAGMENT`,
  });
  const found: string[] = [];
  let at = code.indexOf(`${FACTORY}(`);
  while (at >= 0) {
    const args = splitTopLevel(code, at + FACTORY.length);
    const [, props, ...children] = args;
    for (const child of children) {
      const text = literal(child);
      if (text !== null && hasLetter(text)) found.push(text.trim());
    }
    if (props?.startsWith('{')) {
      for (const entry of splitTopLevel(props, 0)) {
        const m = /^(?:"([^"]+)"|([\w$]+))\s*:\s*([\s\S]+)$/.exec(entry);
        const name = m?.[1] ?? m?.[2] ?? '';
        const value = literal(m?.[3]?.trim() ?? '');
        if (TEXT_ATTRIBUTES.has(name) && value !== null && hasLetter(value)) found.push(`${name}="${value}"`);
      }
    }
    at = code.indexOf(`${FACTORY}(`, at + 1);
  }
  return found;
}

describe('literal text in JSX', () => {
  it('the scanner finds text children and text attributes, and nothing in expressions', () => {
    const sample = `
      const x = <p class="a" title="Hello there">
        Loading… {t('k')} {'·'}
        <button aria-label={t('k')} type="button">Go</button>
        <span data-testid="code">{value}</span>
        <input placeholder="Search" />
        {cond ? 'expression' : null}
      </p>;`;
    expect(literalTexts(sample).sort()).toEqual(
      ['Go', 'Loading…', 'placeholder="Search"', 'title="Hello there"'].sort(),
    );
  });

  const files = tsxFiles().filter((f) => !excluded(f));
  it('scans the pages and components', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files)('%s has none (use t() from lib/i18n)', (file) => {
    expect(literalTexts(fs.readFileSync(path.join(ROOT, file), 'utf8'))).toEqual([]);
  });
});
