/**
 * An allocation probe: counts the fresh memory made for typed arrays while `fn` runs. It wraps, for the duration of
 * the call, every typed-array constructor and ArrayBuffer (`new Float64Array(9)`, `new Uint8Array(list)`, ...: any
 * construction that is not a view on an existing buffer), the typed arrays' `slice`, `map` and `filter` (which copy)
 * and WebAssembly memory growth. Views (`subarray`, `new Int32Array(buffer, offset, n)`) and plain objects are not
 * counted: a call that makes none of the counted things takes no new pixel or scratch memory.
 *
 * Code that looks the constructors up when it runs (all of src/) is seen; code that kept a reference to a constructor
 * from before the probe is not (none in src/ does).
 * @example const { count } = countAllocations(() => aug.augmentImage(image, { out })); // count === 0
 */
export function countAllocations(fn: () => void): { count: number; what: string[] } {
  const what: string[] = [];
  const g = globalThis as Record<string, unknown>;
  const names = [
    'ArrayBuffer',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int8Array',
    'Uint16Array',
    'Int16Array',
    'Uint32Array',
    'Int32Array',
    'Float32Array',
    'Float64Array',
  ];
  const saved = new Map<string, unknown>();
  for (const name of names) {
    const real = g[name] as new (...args: unknown[]) => object;
    saved.set(name, real);
    g[name] = new Proxy(real, {
      construct(target, args, newTarget) {
        const first = args[0];
        const view = first instanceof ArrayBuffer || first instanceof SharedArrayBuffer;
        if (!view) what.push(`new ${name}(${typeof first === 'number' ? first : typeof first})`);
        return Reflect.construct(target, args, newTarget === g[name] ? target : newTarget);
      },
    });
  }
  const typedProto = Object.getPrototypeOf(Uint8Array.prototype) as Record<string, unknown>;
  const copying = ['slice', 'map', 'filter'];
  for (const method of copying) {
    const real = typedProto[method] as (...args: unknown[]) => unknown;
    saved.set(`proto.${method}`, real);
    typedProto[method] = function (this: unknown, ...args: unknown[]) {
      what.push(`${method}()`);
      return real.apply(this, args);
    };
  }
  const memoryProto = WebAssembly.Memory.prototype as unknown as Record<string, unknown>;
  const grow = memoryProto.grow as (pages: number) => number;
  saved.set('grow', grow);
  memoryProto.grow = function (this: WebAssembly.Memory, pages: number) {
    what.push(`WebAssembly.Memory.grow(${pages})`);
    return grow.call(this, pages);
  };
  try {
    fn();
  } finally {
    for (const name of names) g[name] = saved.get(name);
    for (const method of copying) typedProto[method] = saved.get(`proto.${method}`);
    memoryProto.grow = grow;
  }
  return { count: what.length, what };
}
