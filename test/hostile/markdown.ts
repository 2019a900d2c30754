import { Marked } from 'marked';

const marked = new Marked({ gfm: true, async: false });

/** Markdown rendered to HTML as a documentation site or a package registry would (GitHub-flavoured). */
export function renderMarkdown(md: string): string {
  return marked.parse(md) as string;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g;

/**
 * The shape of rendered HTML: every element but paragraphs and inline code
 * (which spec prose may legitimately make), with its attribute names.
 * Spec text that got out as markup (a heading, link, list, block of code,
 * emphasis, raw HTML, a table cell) changes it.
 */
export function skeleton(html: string): string[] {
  const out: string[] = [];
  let inPre = false;
  for (const m of html.matchAll(TAG)) {
    const [, close, name, attrs] = m as unknown as [string, string, string, string];
    const tag = name.toLowerCase();
    if (tag === 'pre') inPre = close === '';
    if (tag === 'p' || (tag === 'code' && !inPre)) continue;
    const names = [...attrs.matchAll(/([^\s=]+)(?:="[^"]*")?/g)].map((a) => a[1]).join(' ');
    out.push(`<${close}${tag}${names ? ` ${names}` : ''}>`);
  }
  return sameRowsOnce(out);
}

/** A table's rows are data (one per parameter, say); a run of rows of the same shape counts once. */
function sameRowsOnce(tokens: string[]): string[] {
  const out: string[] = [];
  let previous = '';
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== '<tr>') {
      out.push(tokens[i]!);
      previous = '';
      continue;
    }
    const end = tokens.indexOf('</tr>', i);
    const row = tokens.slice(i, end + 1).join('');
    if (row !== previous) out.push(row);
    previous = row;
    i = end;
  }
  return out;
}

/** Link targets a generated document may hold: its own doc pages and anchors on the page. */
export function unexpectedLinks(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!).filter((href) => !/^(docs\/[A-Za-z0-9_$]+\.md|#[a-z0-9_-]*)$/.test(href));
}

/**
 * Elements only raw HTML makes (`script`, `iframe`, `div`…), and images:
 * markdown's own elements are fine in themselves, and `skeleton` finds any
 * that spec text added.
 */
export function forbiddenElements(html: string): string[] {
  const allowed = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'a', 'hr', 'br', 'del', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
  return [...html.matchAll(TAG)].map((m) => m[2]!.toLowerCase()).filter((tag) => !allowed.has(tag));
}

const INLINE = new Set(['code', 'a', 'strong', 'em']);

/** What a reader sees: the HTML's text, with entities decoded and white space collapsed. */
export function renderedText(html: string): string {
  return html
    .replace(TAG, (tag: string, _close: string, name: string) => (INLINE.has(name.toLowerCase()) ? '' : ' '))
    .replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot);/gi, (_, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return ({ lt: '<', gt: '>', amp: '&', quot: '"' } as Record<string, string>)[e.toLowerCase()]!;
    })
    .replace(/[\s\u2028\u2029]+/g, ' ');
}
