// The only network the browsers get: one HTTPS server on loopback that serves fixture pages by
// Host header, and a CONNECT proxy for Firefox (which has no --host-resolver-rules) that tunnels
// fixture hosts to it. Everything else is refused and logged, so a story can assert that no
// unexpected host was contacted.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import QRCode from 'qrcode';
import { FIXTURE_ALIASES } from './hosts.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * @param {{ pagesDir: string, hosts: string[], cert: { key: Buffer, cert: Buffer } }} options
 */
export async function startServer({ pagesDir, hosts, cert }) {
  const allowed = new Set(hosts.map((h) => h.toLowerCase()));
  /** Every request that reached a fixture host (served or 404). */
  const requests = [];
  /** Every request refused because its host is not a fixture host, or it was not HTTPS. */
  const refused = [];
  const sockets = new Set();
  const track = (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const refuse = (entry) => refused.push({ time: Date.now(), ...entry });

  const servePage = (req, res) => {
    const host = hostOf(req);
    const url = new URL(req.url ?? '/', 'https://x');
    if (!allowed.has(host)) {
      refuse({ via: 'https', host, url: req.url, reason: 'not a fixture host' });
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture host\n');
      return;
    }
    if (url.pathname.startsWith('/__qr.')) {
      serveQr(url)
        .then(({ type, body }) => {
          requests.push({ time: Date.now(), host, path: url.pathname, status: 200 });
          res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
        })
        .catch((error) => {
          requests.push({ time: Date.now(), host, path: url.pathname, status: 400 });
          res.writeHead(400, { 'content-type': 'text/plain' }).end(`${error?.message ?? error}\n`);
        });
      return;
    }
    const folder = FIXTURE_ALIASES[host] ?? host;
    const file = resolveFile(pagesDir, folder, url.pathname);
    const body = file && readFileOrNull(file);
    if (!body && url.pathname === '/favicon.ico') {
      // Browsers ask on every host; a 404 would fill FAIL reports with console-error noise.
      requests.push({ time: Date.now(), host, path: url.pathname, status: 204 });
      res.writeHead(204).end();
      return;
    }
    requests.push({ time: Date.now(), host, path: url.pathname, status: body ? 200 : 404 });
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such fixture page\n');
      return;
    }
    res
      .writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      })
      .end(body);
  };

  const httpsServer = https.createServer({ key: cert.key, cert: cert.cert }, servePage);
  // Chromium maps every host name (also http://) to this one port; plain HTTP gets a 403 here.
  const plainServer = http.createServer((req, res) => {
    refuse({ via: 'http', host: hostOf(req), url: req.url, reason: 'plain http' });
    res.writeHead(403, { 'content-type': 'text/plain' }).end('plain http is refused\n');
  });
  httpsServer.on('tlsClientError', () => {}); // a browser aborting a handshake is not our problem
  // Sniff the first byte: 0x16 starts a TLS handshake, anything else is plain HTTP. The socket is
  // piped to the right inner server on its own loopback port: handing a half-read socket to a TLS
  // server directly loses the sniffed bytes (TLS reads the native handle, not the JS buffer).
  const front = net.createServer((socket) => {
    track(socket);
    socket.on('error', () => {});
    socket.once('data', (chunk) => {
      const port = chunk[0] === 0x16 ? innerHttpsPort : innerPlainPort;
      const inner = net.connect(port, '127.0.0.1', () => {
        inner.write(chunk);
        inner.pipe(socket);
        socket.pipe(inner);
      });
      track(inner);
      inner.on('error', () => socket.destroy());
      socket.on('close', () => inner.destroy());
    });
  });

  // Firefox's proxy: tunnels only <fixture host>:443, answers 403 to everything else.
  const proxy = http.createServer((req, res) => {
    refuse({ via: 'proxy-http', host: hostOf(req), url: req.url, reason: 'not CONNECT' });
    res.writeHead(403, { 'content-type': 'text/plain' }).end('only CONNECT to fixture hosts\n');
  });
  proxy.on('connection', track);
  proxy.on('connect', (req, client, head) => {
    const target = String(req.url ?? '').toLowerCase();
    const [host, port] = target.split(':');
    client.on('error', () => {});
    if (port !== '443' || !allowed.has(host)) {
      refuse({ via: 'connect', host, url: target, reason: 'not a fixture host:443' });
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(innerHttpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head?.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });

  const listen = (server) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server.address().port));
    });
  for (const s of [httpsServer, plainServer]) s.on('connection', track);
  const innerHttpsPort = await listen(httpsServer);
  const innerPlainPort = await listen(plainServer);
  const httpsPort = await listen(front);
  const proxyPort = await listen(proxy);

  return {
    httpsPort,
    proxyPort,
    hosts: [...allowed],
    requests,
    refused,
    /** https URL of a fixture page, e.g. url('login.live.com', '/') */
    url: (host, pathname = '/') => `https://${host}${pathname}`,
    /** Refused requests since `since` (ms epoch), for "nothing unexpected was contacted" checks. */
    refusedSince: (since = 0) => refused.filter((r) => r.time >= since),
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        [front, proxy, httpsServer, plainServer].map(
          (s) => new Promise((resolve) => (s.listening ? s.close(() => resolve()) : resolve())),
        ),
      );
    },
  };
}

/**
 * Maps "/" → index.html, "/a/" → a/index.html, "/a" → a.html (else a.json), "/a.js" → a.js, inside
 * the host folder. A path with an extension the folder lacks (Microsoft's "/login.srf") falls back
 * to that name plus ".html" ("login.srf.html").
 */
function resolveFile(pagesDir, host, pathname) {
  let rel;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const candidates = rel.endsWith('/')
    ? [`${rel}index.html`]
    : !path.extname(rel)
      ? [`${rel}.html`, `${rel}.json`]
      : [rel, `${rel}.html`];
  const root = path.resolve(pagesDir, host);
  const inside = candidates
    .map((c) => path.resolve(root, `.${c}`))
    .filter((file) => file.startsWith(root + path.sep)); // no ../ escapes
  return inside.find((file) => fs.existsSync(file)) ?? inside[0] ?? null;
}

/**
 * QR images made at request time with the `qrcode` dev dependency, so no binary is committed:
 *   /__qr.png?text=…&scale=5&margin=4&invert=0&ecl=M   a PNG (invert=1: light modules on dark)
 *   /__qr.svg?text=…&margin=4&invert=0&ecl=M           an SVG document
 *   /__qr.json?text=…&ecl=M                            { size, modules: "0101…" } row by row,
 *                                                      for pages that draw the code themselves
 * Served on every fixture host, so a page can load its QR same-origin or cross-origin.
 */
async function serveQr(url) {
  const q = url.searchParams;
  const text = q.get('text');
  if (!text) throw new Error('?text= is required');
  const errorCorrectionLevel = /^[LMQH]$/.test(q.get('ecl') ?? '') ? q.get('ecl') : 'M';
  const margin = clampInt(q.get('margin'), 0, 16, 4);
  const invert = q.get('invert') === '1';
  const color = invert
    ? { dark: '#ffffffff', light: '#000000ff' }
    : { dark: '#000000ff', light: '#ffffffff' };
  const kind = url.pathname.slice('/__qr.'.length);
  if (kind === 'png') {
    const scale = clampInt(q.get('scale'), 1, 20, 5);
    const body = await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel, margin, scale, color });
    return { type: TYPES['.png'], body };
  }
  if (kind === 'svg') {
    const body = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel, margin, color });
    return { type: TYPES['.svg'], body };
  }
  if (kind === 'json') {
    const { modules } = QRCode.create(text, { errorCorrectionLevel });
    const body = JSON.stringify({
      size: modules.size,
      modules: Array.from(modules.data, (b) => (b ? '1' : '0')).join(''),
    });
    return { type: TYPES['.json'], body };
  }
  throw new Error(`unknown QR format ${JSON.stringify(kind)}: png, svg or json`);
}

function clampInt(text, min, max, fallback) {
  const n = Number.parseInt(text ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** The Host header without its port, lower case. */
function hostOf(req) {
  return String(req.headers.host ?? '')
    .replace(/:\d+$/, '')
    .toLowerCase();
}

function readFileOrNull(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}
