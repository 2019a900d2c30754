// The client's logging, worded here and reached only through `logging`: a
// client given `logger` needs `logging` beside it (the full client class passes
// it itself), so a bundle that never logs carries none of these words. Its
// types stay unexported: the generator keeps every name the runtime exports
// from the package's models, and `Level` or `Log` is a likely schema name.
import type { Attempt } from './request.js';
import type { Logger, LogLevel } from './types.js';

type Level = Exclude<LogLevel, 'off'>;

/** A line worded by its source (the redirect follower, the validators), scrubbed of `secrets`. */
type Log = (at: Level, message: string, data: unknown, secrets: string[]) => void;

/** What the client tells the log of one try of a call (`Attempt`). */
interface TryEvent {
  attempt: number;
  /** The URL the try went to, when a hook may have changed it; else the call's. */
  url?: string;
  /** The answer, once it came, and the milliseconds it took. */
  response?: Response;
  ms?: number;
  /** The connection error the try failed with, or the error the next try follows. */
  error?: Error;
  /** Milliseconds before the next try. */
  retryIn?: number;
}

/** A client's log: lines worded elsewhere, and the tries of its calls. */
interface Logging {
  line: Log;
  tried(call: Pick<Attempt, 'spec' | 'url' | 'secrets'>, event: TryEvent): void;
}

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

/** Logs to `logger` the lines at `level` and above, with every known secret scrubbed from messages and data. */
export function logging(logger: Logger, level: LogLevel = 'info'): Logging {
  const line: Log = (at, message, data, secrets) => {
    if (ORDER.indexOf(at) >= ORDER.indexOf(level)) logger[at](redact(message, secrets), redactData(data, secrets));
  };
  return {
    line,
    tried({ spec, url: sent, secrets }, { attempt, url = sent, response, ms, error, retryIn }) {
      const call = `${spec.method} ${redactURL(url, secrets)}`;
      if (retryIn !== undefined) line('warn', `retrying ${call} in ${retryIn} ms (attempt ${attempt + 2})`, { reason: error?.message }, secrets);
      else if (error) line('error', `${call} failed: ${error.message}`, undefined, secrets);
      else if (response) line('info', `${call} -> ${response.status} (${ms} ms)`, undefined, secrets);
      else line('info', call, { attempt }, secrets);
    },
  };
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[redacted]');
  return out;
}

/** A URL with every secret scrubbed, whether written plain or percent-encoded. */
export function redactURL(url: string, secrets: string[]): string {
  return redact(url, [...secrets, ...secrets.map(encodeURIComponent)]);
}

function redactData(data: unknown, secrets: string[]): unknown {
  if (data === undefined) return undefined;
  return JSON.parse(redact(JSON.stringify(data), secrets.map((s) => JSON.stringify(s).slice(1, -1)))) as unknown;
}
