import { MARKER } from '../support/import-package.js';

/**
 * Code that, if it ever runs, leaves three traces: a global, a file in the
 * working folder and a line of output. `id` names the payload and its place.
 */
export function trace(id: string): string {
  return `globalThis.${MARKER}_${id}=1;console.log("PWNED ${id}");process.getBuiltinModule?.("fs")?.writeFileSync("${id}","")`;
}

/** Ways spec text could break out of where a generator puts it, each wrapped around code to run (`code`, or for short ones, a marker named `id`). */
export const PAYLOADS: Record<string, (code: string, id: string) => string> = {
  blockComment: (c) => `*/ ${c}; /*`,
  staticBlock: (c) => `gone */ static { ${c} } /*`,
  lineBreak: (c) => `x\n${c};\n// `,
  lineSeparators: (c) => `x\u2028${c};\u2029${c};//`,
  carriageReturn: (c) => `x\r${c};\r// `,
  singleQuote: (c) => `'; ${c}; '`,
  singleQuoteCall: (c) => `'); ${c}; ('`,
  doubleQuote: (c) => `"; ${c}; "`,
  templateLiteral: (c) => `\`; ${c}; \` \${${c}}`,
  backslash: (c) => `\\'; ${c}; //\\`,
  topLevel: (c) => `}); ${c}; ({ } ${c}; {`,
  script: (c) => `</script><script>${c}</script><img src=x onerror="${c}">`,
  handlebars: (c) => `{{${c}}} {{{${c}}}} {{> partial}} {{#each x}}`,
  markdownFence: (c) => `x\n\n\`\`\`js\n${c}\n\`\`\`\n\n<script>${c}</script>`,
  mixed: (c) => `*/'"\`\\\u2028</script>{{{ }}} \${${c}} /* \n\`\`\`\n${c}`,
  // Short and on one line, as a spec's example must be for docs to show it (the long ones fall back to placeholders there).
  shortComment: (_, id) => `*/globalThis.${MARKER}_${id}=1/*`,
  shortStaticBlock: (_, id) => `*/static{globalThis.${MARKER}_${id}=1}/*`,
  shortQuote: (_, id) => `';globalThis.${MARKER}_${id}=1;'`,
  shortTemplate: (_, id) => `\${globalThis.${MARKER}_${id}=1}\``,
};

/** The text a payload shape puts in a place. */
export function payloadFor(shape: string, place: string, places: readonly string[]): string {
  const id = idOf(shape, place, places);
  return PAYLOADS[shape]!(trace(id), id);
}

/**
 * A short id for a payload in a place, `s3p17`: ids end up in names the
 * generator derives (file names among them), so they stay short.
 */
export function idOf(shape: string, place: string, places: readonly string[]): string {
  return `s${Object.keys(PAYLOADS).indexOf(shape)}p${places.indexOf(place)}`;
}

/** `shape in place` for the id of a payload that ran, so a failure says where it got in. */
export function describeId(id: string, places: readonly string[]): string {
  const m = /s(\d+)p(\d+)/.exec(id);
  return m ? `${Object.keys(PAYLOADS)[Number(m[1])]} in ${places[Number(m[2])]}` : id;
}
