/**
 * The one place where spec text becomes generated text. Every string that
 * reaches generated code or documents passes through a function here.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Names are decided in the IR; this refuses anything that is not one, rather than trusting it. */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not an identifier: ${JSON.stringify(name)}`);
  return name;
}

/** A single-quoted TypeScript string literal holding exactly `value`. */
export function stringLiteral(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  // code-block-writer takes a quote after a backslash for an escaped one, however many backslashes
  // come before it, and would read the rest of the file as inside a string, where it stops indenting.
  if (out.endsWith('\\')) out = `${out.slice(0, -2)}\\u005c`;
  return `${out}'`;
}

/** A number as TypeScript source; non-finite numbers cannot be literals. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return Object.is(value, -0) ? '0' : String(value);
}

export function literal(value: string | number | boolean | null): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return numberLiteral(value);
  return String(value);
}

/** A key in an interface or type literal. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** A key in an object literal value: `__proto__` must be computed or it sets the prototype. */
export function objectKey(name: string): string {
  if (name === '__proto__') return `[${stringLiteral(name)}]`;
  return propertyKey(name);
}

/** `target.name`, or `target['name']` when the name is not an identifier. */
export function propertyAccess(target: string, name: string): string {
  return IDENTIFIER.test(name) ? `${target}.${name}` : `${target}[${stringLiteral(name)}]`;
}

/** Text safe inside a `/** … *\/` comment: it can neither close the comment nor smuggle control characters. */
export function jsdocText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\*\//g, '*\\/')
    .replace(/^(\s*)@/gm, '$1\\@')
    .trimEnd();
}

/** `jsdocText` on one line, for a tag's value. */
export function jsdocLine(text: string): string {
  return jsdocText(text).replace(/\n+/g, ' ');
}

/** A JSDoc tag name: letters only, so a tag can never carry text of its own. */
export function jsdocTagName(name: string): string {
  if (!/^[A-Za-z]+$/.test(name)) throw new Error(`not a JSDoc tag name: ${JSON.stringify(name)}`);
  return name;
}

/**
 * Code shown in a doc comment, fenced. A `*` before a `/` is written `*\/`,
 * so the comment cannot close; in the string literals where that pair can
 * occur, `\/` reads as `/`, so the shown code still means what it says.
 */
export function jsdocCode(code: string, lang: string): string {
  return markdownFence(jsdocText(code), lang);
}

/** Markdown text on one line (tables, headings): no HTML, no table breaks, no links or emphasis from spec text. */
export function markdownInline(text: string): string {
  return markdownBlock(text).replace(/\n+/g, ' ');
}

/**
 * Markdown paragraphs from spec text. Inline code spans, the markup spec
 * authors use most (`` `email_address` ``), stay code spans; every other
 * markup character is escaped, so no HTML, link, heading or fence gets in.
 */
export function markdownBlock(text: string): string {
  const clean = text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
  let out = '';
  let last = 0;
  for (const span of clean.matchAll(/`([^`\n]+)`/g)) {
    out += markdownProse(clean.slice(last, span.index)) + markdownCode(span[1]!);
    last = span.index + span[0].length;
  }
  return out + markdownProse(clean.slice(last));
}

function markdownProse(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

/** An inline code span that holds `text` whatever backticks it contains. */
export function markdownCode(text: string): string {
  const clean = text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  // An empty span (two backticks) is no span at all, so it would pair with the next backtick on the line.
  const pad = clean === '' || clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`.replace(/\|/g, '\\|');
}

/** A link target in markdown: anything but plain path characters is percent-encoded, so it cannot end the link or start markup. */
export function markdownLinkTarget(target: string): string {
  return target.replace(/[^A-Za-z0-9_$.\/#-]/gu, (c) => [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** A fenced code block body: the fence is longer than any backtick run inside. */
export function markdownFence(code: string, lang: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang.replace(/[^a-z]/g, '')}\n${code}\n${fence}`;
}
