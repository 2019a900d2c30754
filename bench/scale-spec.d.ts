/** The spec with `factor - 1` renamed copies of its paths, webhooks, tags and components beside the original. */
export function scaleSpec(spec: unknown, factor: number): Record<string, unknown>;
/** Scales a YAML or JSON spec file into `output` (JSON for `.json`, else YAML). */
export function scaleSpecFile(input: string, factor: number, output?: string): { bytes: number; schemas: number; paths: number };
