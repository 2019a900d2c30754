import { describe, expect, it } from 'vitest';
import { patternExample } from './pattern-example.js';

describe('strings for the patterns specs use', () => {
  it.each([
    '^aplt_[0-9A-Fa-f]{32}$', '^(user|org|mch|scim)_\\w{27}$', '^[a-zA-Z0-9_\\-\\:]+$', '^oauth_[a-z]+$', '[^@]+@[^.]+\\.com',
    '^\\d{3}-\\d{2}$', '^(?:ab|cd)?x*y+$', '^[A-Z]{2,3}\\.[0-9]{1,}$',
  ])('%s', (pattern) => {
    const s = patternExample(pattern);
    expect(s).toBeTypeOf('string');
    expect(new RegExp(pattern).test(s!)).toBe(true);
  });

  it('gives up on what it does not know rather than guess', () => {
    expect(patternExample('^(?!admin)\\w+$')).toBeUndefined();
    expect(patternExample('^(a)\\1$')).toBeUndefined();
  });
});
