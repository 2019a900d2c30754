import type { Logger, LogLevel } from './types.js';

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

/** A logger that drops lines below the level and scrubs every known secret from what it passes on. */
export function levelled(logger: Logger | undefined, level: LogLevel): (at: Exclude<LogLevel, 'off'>, message: string, data: unknown, secrets: string[]) => void {
  return (at, message, data, secrets) => {
    if (!logger || ORDER.indexOf(at) < ORDER.indexOf(level)) return;
    logger[at](redact(message, secrets), redactData(data, secrets));
  };
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[redacted]');
  return out;
}

function redactData(data: unknown, secrets: string[]): unknown {
  if (data === undefined) return undefined;
  return JSON.parse(redact(JSON.stringify(data), secrets.map((s) => JSON.stringify(s).slice(1, -1)))) as unknown;
}
