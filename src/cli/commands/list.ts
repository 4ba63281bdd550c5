// `augkit list`: every registered augmenter with its kind and options, read from the registry.
import { defaultJSON } from '../../augmenters/base/define.ts';
import * as iaa from '../../augmenters/index.ts';
import { type Command, type ParsedArgs, SUMMARIES, flag } from '../command.ts';

/** One augmenter as `augkit list` shows it. */
export interface ListedAugmenter {
  readonly type: string;
  readonly kind: string;
  /** The option imgaug takes positionally, if any. */
  readonly primary?: string;
  /** Option names with their defaults in JSON form (where they have one), type, range and doc. */
  readonly options: readonly {
    readonly name: string;
    readonly default?: unknown;
    readonly type: string;
    readonly range?: string;
    readonly doc: string;
  }[];
}

/** Every registered augmenter, sorted by name, with its options as its definition documents them. */
export function listAugmenters(): ListedAugmenter[] {
  return [...iaa.registry.values()]
    .sort((a, b) => a.type.localeCompare(b.type))
    .map((entry) => ({
      type: entry.type,
      kind: entry.kind,
      ...(entry.primary !== undefined ? { primary: entry.primary } : {}),
      options: entry.keys.map((name) => {
        const def = entry.definition.options[name];
        const value = defaultJSON(def);
        return { name, ...(value !== undefined ? { default: value } : {}), ...def.meta };
      }),
    }));
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
