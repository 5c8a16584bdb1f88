/**
 * Every public export of subscribe (src/subscribe) has TSDoc with an `@example` and is in the
 * Subscribe category, and every example (and every ts block of docs/subscribe.md) compiles as
 * pasted into a user's file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CORE = /\/src\/subscribe\/[^/]+\.ts$/;

interface Member {
  readonly name: string;
  readonly tags: readonly ts.JSDocTagInfo[];
}

function load(): { program: ts.Program; exports: { name: string; file: string; tags: readonly ts.JSDocTagInfo[]; members: Member[] }[] } {
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  // Examples may declare names they do not use; the same options let the examples' program reuse this one.
  const options = { ...config.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
  const program = ts.createProgram([`${root}src/index.ts`], options);
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(`${root}src/index.ts`)!)!;
  const exports = checker.getExportsOfModule(index).flatMap((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const file = target.declarations?.[0]?.getSourceFile().fileName ?? '';
    // Options (interface members) may carry examples of their own: those must compile too.
    const members = [...(target.members?.values() ?? [])].map((m) => ({ name: `${symbol.name}.${m.name}`, tags: m.getJsDocTags(checker) }));
    return CORE.test(file) ? [{ name: symbol.name, file, tags: target.getJsDocTags(checker), members }] : [];
  });
  return { program, exports };
}

function examples(tags: readonly ts.JSDocTagInfo[]): string[] {
  return tags
    .filter((tag) => tag.name === 'example')
    .map((tag) => ts.displayPartsToString(tag.text))
    .map((text) => /```ts\n([\s\S]*?)```/.exec(text)?.[1] ?? text);
}

describe('TSDoc of subscribe()', () => {
  const { program: core, exports } = load();

  it('finds the subscribe exports', () => {
    expect(exports.map((e) => e.name)).toEqual(expect.arrayContaining(['subscribe', 'Subscription', 'S3EventConsumer', 'ConsumerOptions', 'SqsConsumerError']));
  });

  it('puts every public export in the Subscribe category', () => {
    const outside = exports.filter((e) => !e.tags.some((t) => t.name === 'category' && ts.displayPartsToString(t.text).trim() === 'Subscribe'));
    expect(outside.map((e) => e.name)).toEqual([]);
  });

  it('gives every public export an @example', () => {
    const missing = exports.filter((e) => examples(e.tags).length === 0).map((e) => `${e.name} (${e.file.replace(root, '')})`);
    expect(missing).toEqual([]);
  });

  it('documents the dedupe and latestOnly options with a default and an example', () => {
    const options = exports.find((e) => e.name === 'SubscribeOptions')?.members ?? [];
    for (const name of ['SubscribeOptions.dedupe', 'SubscribeOptions.latestOnly']) {
      const tags = options.find((m) => m.name === name)?.tags ?? [];
      expect(tags.map((t) => t.name), name).toEqual(expect.arrayContaining(['defaultValue', 'example']));
    }
  });

  it('has examples that compile as written, importing from s3-event-kit', () => {
    const files = new Map<string, string>();
    for (const { name, tags, members } of exports) {
      for (const { name: where, tags: its } of [{ name, tags }, ...members]) {
        examples(its).forEach((code, i) => files.set(`${root}test/subscribe/__examples__/${where}-${i}.ts`, `${code}\nexport {};\n`));
      }
    }
    // The guide's code blocks too.
    const guide = [...readFileSync(`${root}docs/subscribe.md`, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)];
    expect(guide.length).toBeGreaterThanOrEqual(4);
    guide.forEach(([, code], i) =>
      files.set(`${root}test/subscribe/__examples__/docs-subscribe-${i}.ts`, `${code}\nexport {};\n`),
    );
    const options = core.getCompilerOptions();
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
    host.readFile = (file) => files.get(file) ?? readFile.call(host, file);
    host.getSourceFile = (file, language, ...rest) =>
      files.has(file) ? ts.createSourceFile(file, files.get(file)!, language, true) : getSourceFile.call(host, file, language, ...rest);
    const program = ts.createProgram([...files.keys()], options, host, core);

    const errors = [...files.keys()].flatMap((file) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(file))
        .map((d) => `${file.replace(`${root}test/subscribe/__examples__/`, '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    );
    expect(files.size).toBeGreaterThan(20);
    expect(errors).toEqual([]);
  }, 120_000);
});
