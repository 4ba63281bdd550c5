// `augkit list`: every registered augmenter with its kind and options, read from the registry.
import * as iaa from '../../augmenters/index.ts';
import { toSpec } from '../../params/sugar.ts';
import { type Command, type ParsedArgs, SUMMARIES, flag } from '../command.ts';

/** One augmenter as `augkit list` shows it. */
export interface ListedAugmenter {
  readonly type: string;
  readonly kind: string;
  /** The option imgaug takes positionally, if any. */
  readonly primary?: string;
  /** Option names with their defaults in JSON form where the definition has them. */
  readonly options: readonly { readonly name: string; readonly default?: unknown }[];
}

/** Every registered augmenter, sorted by name, with the defaults of augmenters made with `defineAugmenter`. */
export function listAugmenters(): ListedAugmenter[] {
  const factories = iaa.definedFactories as Record<string, { definition?: { options?: Record<string, unknown> } }>;
  return [...iaa.registry.values()]
    .sort((a, b) => a.type.localeCompare(b.type))
    .map((entry) => {
      const defs = factories[entry.type]?.definition?.options as Record<string, { default?: unknown }> | undefined;
      return {
        type: entry.type,
        kind: entry.kind,
        ...(entry.primary !== undefined ? { primary: entry.primary } : {}),
        options: entry.keys.map((name) =>
          defs?.[name] !== undefined && defs[name].default !== undefined
            ? { name, default: toSpec(defs[name].default) }
            : { name },
        ),
      };
    });
}

function formatOption(option: ListedAugmenter['options'][number], primary: string | undefined): string {
  const name = option.name === primary ? `${option.name}*` : option.name;
  return option.default === undefined ? name : `${name}=${JSON.stringify(option.default)}`;
}

/** `augkit list`. */
export const command: Command = {
  name: 'list',
  summary: SUMMARIES.list,
  usage: 'augkit list [--json]',
  help: [
    'Shows each registered augmenter’s type (the "type" of a pipeline JSON object), its kind (pixel, geometric or',
    'meta) and its options with their defaults; * marks the option imgaug takes positionally. Every augmenter also',
    'takes "seed" and "name".',
    '',
    'Options:',
    '  --json      print the list as JSON',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  async run(args: ParsedArgs, io) {
    const list = listAugmenters();
    if (flag(args, 'json')) {
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const typeWidth = Math.max(...list.map((a) => a.type.length));
    const kindWidth = Math.max(...list.map((a) => a.kind.length));
    for (const a of list) {
      const options = a.options.map((o) => formatOption(o, a.primary)).join(', ');
      io.stdout.write(`${a.type.padEnd(typeWidth)}  ${a.kind.padEnd(kindWidth)}  ${options}\n`);
    }
    io.stdout.write(`\n${list.length} augmenters. Pipeline files: { "type": "<name>", "<option>": value, … }\n`);
    return 0;
  },
};
