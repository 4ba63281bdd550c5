// The CLI's alpha rule: colour operations leave an image's alpha channel as it was, geometry moves it with its
// pixels. The colour channels go through the pipeline; the alpha plane goes through a geometry-only copy of it (the
// same tree and seed, every 'pixel' augmenter replaced by Identity in place), drawn at the same call and index.
// Each augmenter draws from its own address in the tree (path and parameter name), so the geometric augmenters of
// the copy draw exactly what they draw for the colours, and no geometric draw depends on the channel count: the
// alpha plane moves exactly as the alpha channel of a 4-channel run would (a constant border gets the same drawn
// `cval` as the colours, 0 = transparent by default).
import type { Augmenter, AugmenterSpec } from '../augmenters/base/augmenter.ts';
import { acceptsImage } from '../augmenters/base/define.ts';
import { type RegistryEntry, buildFromSpec } from '../augmenters/base/registry.ts';
import { registry } from '../augmenters/index.ts';
import type { Image } from '../core/image.ts';

/** The registry with the entries `replaced` picks built as Identity (keeping seed and name; Identity draws nothing). */
function identityFor(replaced: (entry: RegistryEntry) => boolean): ReadonlyMap<string, RegistryEntry> {
  return new Map(
    [...registry].map(([type, entry]): [string, RegistryEntry] => [
      type,
      !replaced(entry)
        ? entry
        : {
            ...entry,
            fromSpec: (spec, path, build) => {
              const identity: Record<string, unknown> = { type: 'Identity' };
              if (spec.seed !== undefined) identity.seed = spec.seed;
              if (spec.name !== undefined) identity.name = spec.name;
              return registry.get('Identity')!.fromSpec(identity, path, build);
            },
          },
    ]),
  );
}

const geometryRegistry = identityFor((entry) => entry.kind === 'pixel');

/** The pipeline of `spec` with its 'pixel' augmenters replaced by Identity: what moves the alpha plane. */
export function geometryOnly(spec: AugmenterSpec): Augmenter {
  return buildFromSpec(geometryRegistry, spec);
}

/** True when an augmenter of type `type` refuses uint8 images of `channels` channels (see `accepts`). */
function refuses(type: string, channels: number): boolean {
  const rule = registry.get(type)?.definition.accepts;
  return rule !== undefined && !acceptsImage(rule, new Uint8Array(0), channels);
}

/** The augmenter types anywhere in a pipeline's JSON form. */
function typesIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) typesIn(v, out);
  else if (value !== null && typeof value === 'object') {
    const type = (value as { type?: unknown }).type;
    if (typeof type === 'string') out.add(type);
    for (const v of Object.values(value)) typesIn(v, out);
  }
  return out;
}

/**
 * The CLI's rule for images that some augmenters of a pipeline do not take (a gray file through the colour-space
 * augmenters, which take RGB only): those augmenters leave such images as they are. Gives the pipeline of `spec` with
 * every augmenter that refuses uint8 images of `channels` channels built as Identity, at the same addresses (the
 * others draw what they draw for any image), or undefined when every augmenter in it takes them.
 */
export function forChannels(spec: AugmenterSpec, channels: number): Augmenter | undefined {
  if (![...typesIn(spec, new Set())].some((type) => refuses(type, channels))) return undefined;
  return buildFromSpec(
    identityFor((entry) => refuses(entry.type, channels)),
    spec,
  );
}

/** True for grey+alpha (2 channels) and RGBA (4): the last channel is alpha. */
export function hasAlpha(image: Image): boolean {
  return image.channels === 2 || image.channels === 4;
}

/** Splits a grey+alpha or RGBA image into its colour channels and its alpha plane (1 channel). */
export function splitAlpha(image: Image): { colour: Image; alpha: Image } {
  const { height, width, channels } = image;
  const n = height * width;
  const colour = new Uint8Array(n * (channels - 1));
  const alpha = new Uint8Array(n);
  for (let p = 0, q = 0; p < n; p++) {
    const base = p * channels;
    for (let c = 0; c < channels - 1; c++) colour[q++] = image.data[base + c];
    alpha[p] = image.data[base + channels - 1];
  }
  return {
    colour: { data: colour, height, width, channels: channels - 1 },
    alpha: { data: alpha, height, width, channels: 1 },
  };
}

/** Puts colour channels and an alpha plane of the same size back into one image. */
export function mergeAlpha(colour: Image, alpha: Image): Image {
  const { height, width } = colour;
  if (alpha.height !== height || alpha.width !== width || alpha.channels !== 1) {
    throw new Error(
      `the alpha plane came out ${alpha.width}×${alpha.height}×${alpha.channels} and the colours ${width}×${height}; they must match (a geometric draw that depends on the channel count?)`,
    );
  }
  const channels = colour.channels + 1;
  const n = height * width;
  const data = new Uint8Array(n * channels);
  for (let p = 0, q = 0; p < n; p++) {
    for (let c = 0; c < channels - 1; c++) data[p * channels + c] = colour.data[q++];
    data[p * channels + channels - 1] = alpha.data[p];
  }
  return { data, height, width, channels };
}

/** Augments one image: `colour` runs the pipeline; an alpha channel goes through `geometry` at the same address. */
export async function augmentKeepingAlpha(
  image: Image,
  colour: (image: Image) => Image | Promise<Image>,
  geometry: Augmenter,
  at: { readonly epoch: number; readonly index: number },
): Promise<Image> {
  if (!hasAlpha(image)) return colour(image);
  const parts = splitAlpha(image);
  const alpha = geometry.augmentImage(parts.alpha, at);
  return mergeAlpha(await colour(parts.colour), alpha);
}
