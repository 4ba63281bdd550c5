// The package's entry points and what each exports, read with the TypeScript compiler API (no build, no TypeDoc
// run): for test/public-api.test.ts, which checks README.md's list and the doc comments.
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** Each entry point of package.json's `exports`, by the name a user imports, and its source file. */
export const ENTRY_POINTS: Readonly<Record<string, string>> = {
  augkit: 'src/index.ts',
  'augkit/node': 'src/node.ts',
  'augkit/tfjs': 'src/tfjs.ts',
};

/** One exported name: whether it has a doc comment, and the names inside it that have none (a namespace's). */
export interface ExportedName {
  readonly name: string;
  readonly documented: boolean;
  readonly undocumentedMembers: readonly string[];
  /** For a class: its members whose doc comment says `@internal` (left out of the built declarations). */
  readonly internalMembers: readonly string[];
}

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');

/** The doc comment's text of `symbol` (an alias resolved to what it names), '' when it has none. */
function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return ts.displayPartsToString(target.getDocumentationComment(checker)).trim();
}

/** True for a symbol that names a module (`export * as iap from …`). */
function isModule(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return (target.flags & ts.SymbolFlags.ValueModule) !== 0 && target.valueDeclaration !== undefined
    ? ts.isSourceFile(target.valueDeclaration)
    : false;
}

/** The members of a class whose doc comment has an `@internal` tag. */
function internalMembersOf(symbol: ts.Symbol, checker: ts.TypeChecker): string[] {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  if (!(target.flags & ts.SymbolFlags.Class) || target.members === undefined) return [];
  const out: string[] = [];
  target.members.forEach((member, name) => {
    if (member.getJsDocTags(checker).some((tag) => tag.name === 'internal')) out.push(String(name));
  });
  return out.sort();
}

let cached: Map<string, ExportedName[]> | undefined;

/** Every entry point's exports, sorted by name. A namespace counts as documented when each of its names is. */
export function entryPointExports(): Map<string, ExportedName[]> {
  if (cached !== undefined) return cached;
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const files = Object.values(ENTRY_POINTS).map((file) => join(ROOT, file));
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const out = new Map<string, ExportedName[]>();
  for (const [entry, file] of Object.entries(ENTRY_POINTS)) {
    const source = program.getSourceFile(join(ROOT, file));
    const module = source && checker.getSymbolAtLocation(source);
    if (module === undefined) throw new Error(`${file}: not a module`);
    const names = checker.getExportsOfModule(module).map((symbol): ExportedName => {
      if (isModule(symbol, checker)) {
        const target = checker.getAliasedSymbol(symbol);
        const undocumentedMembers = checker
          .getExportsOfModule(target)
          .filter((member) => docOf(member, checker) === '')
          .map((member) => member.name)
          .sort();
        return {
          name: symbol.name,
          documented: undocumentedMembers.length === 0,
          undocumentedMembers,
          internalMembers: [],
        };
      }
      return {
        name: symbol.name,
        documented: docOf(symbol, checker) !== '',
        undocumentedMembers: [],
        internalMembers: internalMembersOf(symbol, checker),
      };
    });
    out.set(
      entry,
      names.sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
  }
  cached = out;
  return out;
}
