// A TypeDoc plugin for `npm run docs`: adds each augmenter's options (type, default, range, what it does) and its
// definition's example options to the augmenter's page, from the same definitions as docs/augmenters.md, so the API
// reference never lists options by hand. Runs under tsx (see package.json's docs script), which loads the sources.
import { Comment, type CommentDisplayPart, Converter, type DeclarationReflection, ReflectionKind } from 'typedoc';
import type { Application, Context } from 'typedoc';
import { registry } from '../src/augmenters/index.ts';
import { optionsTable } from './augmenter-list.ts';

/** The markdown TypeDoc renders under an augmenter: its options table and example options. */
function optionsMarkdown(type: string): string | undefined {
  const entry = registry.get(type);
  if (entry === undefined) return undefined;
  const { definition } = entry;
  const lines = [
    '**Options** (★ may be given positionally; every augmenter also takes `seed` and `name`):',
    '',
    ...optionsTable(definition),
    '',
    '**Example options** (JSON, as the contract tests run them):',
    '',
    ...definition.examples.map((example) => `- \`${JSON.stringify({ type, ...example })}\``),
  ];
  return lines.join('\n');
}

/** TypeDoc's entry: called with the application when the plugin loads. */
export function load(app: Application): void {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context: Context, reflection: DeclarationReflection) => {
    if (!reflection.kindOf(ReflectionKind.Variable | ReflectionKind.Function)) return;
    const markdown = optionsMarkdown(reflection.name);
    if (markdown === undefined) return;
    const part: CommentDisplayPart = { kind: 'text', text: `\n\n${markdown}` };
    reflection.comment ??= new Comment();
    reflection.comment.summary.push(part);
  });
}
