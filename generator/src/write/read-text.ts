import { readFileSync } from 'node:fs';

/** The text of the file at `path`, or undefined when there is none to read. */
export function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
