import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAssets } from '../../generator/src/assets.js';
import { renderTemplates } from '../../generator/src/emit/artefacts.js';
import { checkTemplate } from '../../generator/src/emit/template-engine.js';
import { buildPackage } from '../../generator/src/generate.js';

describe('templates print spec text only through escaping helpers', () => {
  const { ir } = buildPackage({ spec: join(import.meta.dirname, '../../specs/syncano.yaml'), out: '/nonexistent' });
  const templates = loadAssets().templates;

  it('the shipped templates pass the check', () => {
    for (const [name, source] of Object.entries(templates)) expect(() => checkTemplate(name, source), name).not.toThrow();
  });

  it.each([
    ['a bare triple mustache', '# {{{title}}}'],
    ['a bare double mustache', '# {{title}}'],
    ['a bare value inside a block', '{{#each resources}}{{{docPath}}}{{/each}}'],
    ['a printer called with nothing', '{{{md}}}'],
    ['a partial', '{{> other}}'],
  ])('a template with %s is refused before it renders', (_, source) => {
    expect(() => renderTemplates(ir, { ...templates, 'README.md.hbs': source }, '5.9.3')).toThrow(/template README\.md\.hbs/);
  });
});
