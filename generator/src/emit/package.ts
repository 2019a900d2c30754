import type { IR } from '../ir/types.js';
import type { Assets } from '../assets.js';
import { renderTemplates } from './artefacts.js';
import { emitIndex, INDEX_FILE } from './barrel.js';
import { CLIENT_FILE, emitClient } from './client.js';
import { emitModels, MODELS_FILE } from './models.js';
import { emitResource, resourceFile } from './resources.js';

/** Every file of a generated package, by path relative to the package root, in a stable order. */
export function emitPackage(ir: IR, assets: Assets, typescriptVersion: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set(MODELS_FILE, emitModels(ir.models));
  for (const r of ir.resources) files.set(resourceFile(r), emitResource(ir, r));
  files.set(CLIENT_FILE, emitClient(ir));
  files.set(INDEX_FILE, emitIndex(ir));
  for (const [name, text] of Object.entries(assets.runtime)) files.set(`src/core/${name}`, text);
  for (const [path, text] of renderTemplates(ir, assets.templates, typescriptVersion)) files.set(path, text);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
