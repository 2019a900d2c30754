import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './packages.js';

export interface Mock {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A Prism mock of a spec on a free port of 127.0.0.1; with `errors`, requests that break the spec are refused.
 * A large spec takes Prism longer to read: `startTimeoutMs` gives it more than the usual 30 s.
 */
export async function startPrism(spec: string, options: { errors?: boolean; startTimeoutMs?: number } = {}): Promise<Mock> {
  const port = await freePort();
  const cli = join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');
  const args = [cli, 'mock', spec, '-h', '127.0.0.1', '-p', String(port), ...(options.errors ? ['--errors'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const url = `http://127.0.0.1:${port}`;
  const limit = options.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + limit;
  while (!/Prism is listening/.test(output)) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Prism did not start within ${limit / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    }),
  };
}
