// The only network the browsers get: one HTTPS server on loopback that serves fixture pages by
// Host header, and a CONNECT proxy for Firefox (which has no --host-resolver-rules) that tunnels
// fixture hosts to it. Everything else is refused and logged, so a story can assert that no
// unexpected host was contacted.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

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
    const file = resolveFile(pagesDir, host, url.pathname);
    const body = file && readFileOrNull(file);
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

/** Maps "/" → index.html, "/a/" → a/index.html, "/a" → a.html, "/a.js" → a.js, inside the host folder. */
function resolveFile(pagesDir, host, pathname) {
  let rel;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  else if (!path.extname(rel)) rel += '.html';
  const root = path.resolve(pagesDir, host);
  const file = path.resolve(root, `.${rel}`);
  return file.startsWith(root + path.sep) ? file : null; // no ../ escapes
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
