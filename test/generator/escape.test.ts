import CodeBlockWriter from 'code-block-writer';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { jsdocText, markdownCode, markdownInline, objectKey, propertyKey, stringLiteral } from '../../generator/src/emit/escape.js';

describe('escaping', () => {
  it('string literals hold exactly the value, whatever it contains', () => {
    const hostile = "a'b\\c\n${x}`</script>\u2028\u2029\0😀*/";
    const literal = stringLiteral(hostile);
    expect(literal).not.toMatch(/[\n\u2028\u2029\0]/);
    expect(new Function(`return ${literal};`)()).toBe(hostile);
  });

  it('a literal ending in backslashes leaves code-block-writer indenting the code after it', () => {
    for (const value of ['a\\', 'a\\\\', '\\', "\\'", 'x`y']) {
      const w = new CodeBlockWriter({ indentNumberOfSpaces: 2 });
      w.write('type T =').indent(() => w.writeLine(`| ${stringLiteral(value)} | 'x\`y';`));
      w.write('interface I').block(() => w.writeLine('a: string;'));
      expect(w.toString(), JSON.stringify(value)).toContain('interface I {\n  a: string;\n}');
      expect(new Function(`return ${stringLiteral(value)};`)()).toBe(value);
    }
  });

  it('keys are bare only when they are identifiers; __proto__ stays data in object literals', () => {
    expect(propertyKey('email_address')).toBe('email_address');
    expect(propertyKey('page[number]')).toBe("'page[number]'");
    const obj = new Function(`return { ${objectKey('__proto__')}: 1 };`)() as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(obj)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
  });

  it('JSDoc text cannot close its comment', () => {
    const text = jsdocText('ends here */ alert(1) /*\n@internal');
    expect(text).not.toContain('*/');
    expect(text).toContain('\\@internal');
  });

  it('markdown escapes markup and keeps table cells whole', () => {
    expect(markdownInline('<img src=x onerror=alert(1)> | *b*')).toBe('\\<img src=x onerror=alert\\(1\\)\\> \\| \\*b\\*');
    expect(markdownCode('a`b|c')).toBe('``a`b\\|c``');
    expect(markdownInline('keys like `sk_live_...` | <b>')).toBe('keys like `sk_live_...` \\| \\<b\\>');
    expect(markdownInline('`<script>` and `a|b`')).toBe('`<script>` and `a\\|b`');
    expect(markdownInline('an unpaired ` stays text')).toBe('an unpaired \\` stays text');
  });

  it('a code span is one span for any text, the empty one too, so no later backtick pairs with it', () => {
    for (const text of ['', ' ', '`', 'a`b', '``x', 'x``', '</script>']) {
      const tokens = marked.lexer(`${markdownCode(text)} \`<b>\``)[0] as { tokens?: { type: string }[] };
      expect(tokens.tokens?.map((t) => t.type), JSON.stringify(text)).toEqual(['codespan', 'text', 'codespan']);
    }
  });
});
