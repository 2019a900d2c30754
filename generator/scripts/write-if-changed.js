import { readFileSync, writeFileSync } from 'node:fs';

/** Writes `text` unless the file holds it already, so an up-to-date build touches nothing; whether it wrote. */
export function writeIfChanged(file, text) {
  let old;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return false;
  writeFileSync(file, text);
  return true;
}
