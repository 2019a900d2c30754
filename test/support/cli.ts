import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './packages.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `sdkgen` bin (built by `npm test` before vitest starts). */
export function runCli(args: string[], cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'generator/bin/sdkgen.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningCli {
  stdout(): string;
  stderr(): string;
  exitCode(): number | null;
  /** Waits (up to 20 s) until `test` holds, and fails the test when it never does. */
  until(test: () => boolean): Promise<void>;
  stop(): void;
}

/** Starts the real `sdkgen` bin for a long-running command such as `generate --watch`. */
export function startCli(args: string[], cwd = ROOT): RunningCli {
  const child = spawn(process.execPath, [join(ROOT, 'generator/bin/sdkgen.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exitCode: () => child.exitCode,
    async until(test) {
      for (let i = 0; i < 800 && !test(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(test()).toBe(true);
    },
    stop: () => child.kill(),
  };
}
