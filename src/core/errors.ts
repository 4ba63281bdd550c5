/** Formats a received value for an error message: short, JSON-like, never throws. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as Uint8Array).length}`;
  if (Array.isArray(value)) {
    const inner = value.slice(0, 6).map(describeValue).join(', ');
    return `[${inner}${value.length > 6 ? ', …' : ''}]`;
  }
  if (typeof value === 'object') {
    const spec = (value as { spec?: unknown }).spec;
    if (spec !== undefined) return `parameter ${safeJson(spec)}`;
    return safeJson(value);
  }
  return String(value);
}

function safeJson(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}…` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Builds the one error shape used everywhere:
 * "Multiply: mul must be a number, a [min, max] range or an iap parameter; received [1.5, 0.5] (min > max)".
 * `kind` chooses TypeError (wrong type) or RangeError (right type, value out of range).
 */
export function argumentError(
  owner: string,
  option: string,
  accepted: string,
  received: unknown,
  kind: 'type' | 'range' = 'range',
  why?: string,
): TypeError | RangeError {
  const message = `${owner}: ${option} must be ${accepted}; received ${describeValue(received)}${why ? ` (${why})` : ''}`;
  const error = kind === 'type' ? new TypeError(message) : new RangeError(message);
  // Kept on the error so a JSON pipeline can report the path of the option (`children[1].rotate`).
  Object.assign(error, {
    owner,
    option,
    detail: `expected ${accepted}; received ${describeValue(received)}${why ? ` (${why})` : ''}`,
  });
  return error;
}

/**
 * An error in a JSON pipeline, carrying the JSON path of the problem (`children[1].rotate`) and, once known, the
 * augmenter whose option it is.
 */
export class SpecError extends TypeError {
  constructor(
    readonly path: string,
    readonly detail: string,
    readonly owner?: string,
  ) {
    super(`${path ? `${path}: ` : ''}${detail}${owner ? ` (in ${owner})` : ''}`);
    this.name = 'SpecError';
  }
}
