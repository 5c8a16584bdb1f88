/**
 * The options of subscribe() and start() carry their own TSDoc: the dedupe and latestOnly options
 * state their default and an example, and every option's `@example` compiles as pasted into a
 * file of its own (test/docs/tsdoc.test.ts covers the exports' examples, not their members').
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INTERFACES = ['SubscribeOptions', 'ConsumerOptions'];

const tsconfig = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
if (!tsconfig) throw new Error('tsconfig.json is not readable');
const options: ts.CompilerOptions = { ...tsconfig.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
const program = ts.createProgram([`${ROOT}src/index.ts`], options);
const checker = program.getTypeChecker();
const index = checker.getSymbolAtLocation(program.getSourceFile(`${ROOT}src/index.ts`)!)!;

const members = checker.getExportsOfModule(index).flatMap((symbol) => {
  if (!INTERFACES.includes(symbol.name)) return [];
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return [...(target.members?.values() ?? [])].map((member) => ({ name: `${symbol.name}.${member.name}`, tags: member.getJsDocTags(checker) }));
});
const examples = members.flatMap(({ name, tags }) =>
  tags
    .filter((tag) => tag.name === 'example')
    .map((tag, i) => ({ where: `${name} #${i + 1}`, code: /```ts\n([\s\S]*?)```/.exec(ts.displayPartsToString(tag.text))?.[1] ?? '' })),
);

describe('TSDoc of the subscribe options', () => {
  it.each(['SubscribeOptions.dedupe', 'SubscribeOptions.latestOnly'])('%s has a @defaultValue and an @example', (name) => {
    const tags = members.find((m) => m.name === name)?.tags.map((t) => t.name);
    expect(tags).toEqual(expect.arrayContaining(['defaultValue', 'example']));
  });

  it('has option examples that compile as pasted', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const files = new Map<string, { where: string; code: string }>(examples.map((e, i) => [`${ROOT}test/subscribe/__examples__/option-${i}.ts`, e]));
    const text = (file: string): string => `${files.get(file)?.code ?? ''}\nexport {};\n`;
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
    host.readFile = (file) => (files.has(file) ? text(file) : readFile.call(host, file));
    host.getSourceFile = (file, language, ...rest) =>
      files.has(file) ? ts.createSourceFile(file, text(file), language, true) : getSourceFile.call(host, file, language, ...rest);
    const compiled = ts.createProgram([...files.keys()], options, host, program);
    const errors = [...files.keys()].flatMap((file) =>
      ts.getPreEmitDiagnostics(compiled, compiled.getSourceFile(file)).map((d) => `${files.get(file)?.where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    );
    expect(errors).toEqual([]);
  }, 120_000);
});
