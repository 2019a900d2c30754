import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { Reply, Route } from './fake-api.js';

/** Debian's Chromium; CI installs it (`.ci/run`). Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile; fails, rather than skips, when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}; the browser tests need it. Install it with: apt-get install -y chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'sdkgen-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Serves fixed files on 127.0.0.1, as a static host serves an app's page and bundles. */
export async function serveFiles(files: Record<string, { type: string; body: string }>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * An API on another origin, as browsers meet real ones: preflights are
 * answered for `origin` and for a fixed list of request headers only, so a
 * client that sent any other header would fail in the browser as it would in
 * production.
 */
export function withCors(route: Route, origin: () => string, allowHeaders: string[]): Route {
  const cors = () => ({ 'access-control-allow-origin': origin(), vary: 'Origin' });
  return async (req) => {
    if (req.method === 'OPTIONS') {
      return { status: 204, headers: { ...cors(), 'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE', 'access-control-allow-headers': allowHeaders.join(', '), 'access-control-max-age': '0' } };
    }
    const reply: Reply = await route(req);
    return { ...reply, headers: { ...cors(), ...reply.headers } };
  };
}
