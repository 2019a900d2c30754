/** Reports a loss of precision at the place in the spec that caused it. */
export type Warn = (message: string, node: unknown, key?: string) => void;
