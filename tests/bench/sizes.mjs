// Gzip sizes of what each entrypoint loads, read from the built extension: the HTML pages' scripts
// and styles (with the chunks they import), the background script, each content script, and the
// page tools the content script loads on demand (lib/content/page-tools.ts).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** lib/page/hosts.ts PAGE_TOOLS_FILE, without its leading slash. */
const PAGE_TOOLS_FILE = 'page-tools.js';

function gzipBytes(file) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** The JS and CSS files an HTML page pulls in, following static `import` statements between chunks. */
function pageAssets(dir, htmlFile) {
  const html = fs.readFileSync(path.join(dir, htmlFile), 'utf8');
  const seen = new Set();
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  while (queue.length) {
    const ref = queue.shift().replace(/^\//, '');
    if (seen.has(ref)) continue;
    seen.add(ref);
    if (!ref.endsWith('.js')) continue;
    const code = fs.readFileSync(path.join(dir, ref), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
      queue.push(path.posix.join(path.posix.dirname(ref), m[1]));
    }
  }
  return [...seen];
}

export function bundleSizes(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const sum = (files) => files.reduce((total, f) => total + gzipBytes(path.join(dir, f)), 0);
  const sizes = {};
  const popup = manifest.action?.default_popup ?? manifest.browser_action?.default_popup;
  if (popup) {
    const assets = pageAssets(dir, popup);
    sizes.popup_gzip_bytes = sum(assets);
    // What the popup runs before its first paint: its chunk and every chunk that chunk imports.
    sizes.popup_js_gzip_bytes = sum(assets.filter((f) => f.endsWith('.js')));
  }
  const background = manifest.background?.service_worker
    ? [manifest.background.service_worker]
    : (manifest.background?.scripts ?? []);
  sizes.background_gzip_bytes = sum(background);
  const contentFiles = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
  sizes.content_gzip_bytes = sum([...new Set(contentFiles)]);
  if (fs.existsSync(path.join(dir, PAGE_TOOLS_FILE))) sizes.page_tools_gzip_bytes = sum([PAGE_TOOLS_FILE]);
  return sizes;
}
