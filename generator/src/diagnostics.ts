/** A place in a spec file, 1-based like editors show it. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  message: string;
  location?: SourceLocation | undefined;
}

/** Thrown by the library for bad input; the CLI prints its diagnostics and exits 2. */
export class SpecError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'SpecError';
    this.diagnostics = diagnostics;
  }
}

export function specError(message: string, location?: SourceLocation): SpecError {
  return new SpecError([{ severity: 'error', message, location }]);
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : '';
  return `${where}${d.severity}: ${d.message}`;
}
