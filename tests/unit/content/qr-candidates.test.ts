// @vitest-environment happy-dom
/**
 * Selection only: happy-dom has no canvas, so reading pixels (qr-pixels.ts) is left to the e2e
 * stories in real browsers.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openRoots } from '@/lib/content/dom';
import { backgroundUrl, findQrCandidates, isQrShaped, SentQrs } from '@/lib/content/qr-candidates';
import { page, useLayout } from './dom-setup';

beforeEach(() => useLayout());

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const ids = (doc: Document, thorough = false) =>
  findQrCandidates(openRoots(doc), thorough).map((c) => `${c.kind}:${c.el.id}`);

describe('which elements are QR candidates (microsoft-pages.md §3)', () => {
  it('takes square-ish visible img, canvas, svg and inline backgrounds of at least 80 px', () => {
    const doc = page(
      'https://account.live.com/proofs/Add',
      `<img id="qr" alt="QR code" src="${PNG}" data-rect="0 0 200 200">
      <img id="icon" src="${PNG}" data-rect="0 0 40 40">
      <img id="banner" src="${PNG}" data-rect="0 0 300 100">
      <img id="hidden" src="${PNG}" data-rect="0 0 200 200" style="display:none">
      <canvas id="c" data-rect="0 0 180 180"></canvas>
      <svg id="s" data-rect="0 0 164 170"><svg id="inner" data-rect="0 0 164 170"></svg></svg>
      <div id="bg" style="background-image: url('/qr.png')" data-rect="0 0 120 120"></div>
      <div id="gradient" style="background: linear-gradient(red, blue)" data-rect="0 0 120 120"></div>`,
    );
    expect(ids(doc)).toEqual(['img:qr', 'canvas:c', 'svg:s', 'background:bg']);
  });

  it('looks inside open shadow roots', () => {
    const doc = page('https://mysignins.microsoft.com/security-info', '<qr-view></qr-view>');
    const root = doc.querySelector('qr-view')?.attachShadow({ mode: 'open' });
    if (!root) throw new Error('no shadow root');
    root.innerHTML = '<canvas id="shadowed" data-rect="10 10 180 180"></canvas>';
    expect(ids(doc)).toEqual(['canvas:shadowed']);
  });

  it('checks stylesheet backgrounds only in a thorough scan', () => {
    const doc = page(
      'https://example.com/',
      `<style>.qr { background-image: url("https://cdn.example/qr.png"); }</style>
      <div class="qr" id="styled" data-rect="0 0 150 150"></div>`,
    );
    expect(ids(doc)).toEqual([]);
    expect(ids(doc, true)).toEqual(['background:styled']);
  });

  it('does nothing on a page without image-like elements', () => {
    const doc = page('https://example.com/', '<p>Hello</p><input>');
    expect(ids(doc)).toEqual([]);
  });
});

describe('helpers', () => {
  it('isQrShaped: ≥ 80 px each side, aspect 0.8–1.25', () => {
    expect(isQrShaped({ width: 80, height: 80 })).toBe(true);
    expect(isQrShaped({ width: 79, height: 200 })).toBe(false);
    expect(isQrShaped({ width: 200, height: 160 })).toBe(true);
    expect(isQrShaped({ width: 200, height: 159 })).toBe(false);
  });

  it('backgroundUrl reads the first url()', () => {
    expect(backgroundUrl('url("https://a.example/q.png"), linear-gradient(red, blue)')).toBe(
      'https://a.example/q.png',
    );
    expect(backgroundUrl("url('/q.png')")).toBe('/q.png');
    expect(backgroundUrl('url(data:image/png;base64,AAAA)')).toBe('data:image/png;base64,AAAA');
    expect(backgroundUrl('none')).toBeNull();
  });

  it('SentQrs: an element is sent once, again when its src changes, all again after reset', () => {
    const doc = page('https://example.com/', `<img id="qr" src="${PNG}" data-rect="0 0 200 200">`);
    const sent = new SentQrs();
    const [first] = findQrCandidates(openRoots(doc), false);
    if (!first) throw new Error('no candidate');
    expect(sent.isNew(first)).toBe(true);
    sent.mark(first);
    expect(sent.isNew(first)).toBe(false);
    doc.getElementById('qr')?.setAttribute('src', 'data:image/png;base64,AAAA');
    const [changed] = findQrCandidates(openRoots(doc), false);
    if (!changed) throw new Error('no candidate');
    expect(sent.isNew(changed)).toBe(true);
    sent.reset();
    expect(sent.isNew(first)).toBe(true);
  });
});
