/**
 * The reference and the guides, checked as a user reads them:
 * - every export of every public entry has a TSDoc summary, an `@example` and a `@category`, and
 *   every entry file has a `@module` block;
 * - every `@example`, and every `ts` block of README.md and docs/*.md, compiles as pasted into a
 *   file of its own (against the public entries, under the project's strict settings);
 * - examples that state results (`expression; //=> value`) run, and the results hold.
 * Blocks marked `<!-- example: docs/examples/x.ts -->` are those files (see readme-examples.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as aws from 's3-event-kit/aws';
import * as config from 's3-event-kit/config';
import * as root from 's3-event-kit';
import * as testing from 's3-event-kit/testing';
import { entries } from '../../tsup.config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { name: string; exports: Record<string, unknown> };
/** Public entry specifier → its source file, from `exports` and the tsup entries. */
const ENTRIES = Object.keys(pkg.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => {
    const name = subpath === '.' ? 'index' : subpath.slice(2);
    return { specifier: subpath === '.' ? pkg.name : `${pkg.name}/${name}`, file: `${ROOT}${(entries as Record<string, string>)[name]}` };
  });
const MODULES: Record<string, unknown> = { 's3-event-kit': root, 's3-event-kit/testing': testing, 's3-event-kit/config': config, 's3-event-kit/aws': aws };

interface Example {
  readonly where: string;
  readonly code: string;
}

const tsconfig = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
if (!tsconfig) throw new Error('tsconfig.json is not readable');
// Examples may declare names they do not use.
const options: ts.CompilerOptions = { ...tsconfig.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
const program = ts.createProgram(ENTRIES.map((entry) => entry.file), options);
const checker = program.getTypeChecker();

/** The example with each `expression; //=> value` line turned into a recorded claim, or undefined if a claim is prose. */
function withClaims(code: string): string | undefined {
  let prose = false;
  const source = code
    .split('\n')
    .map((line) => {
      const claim = /^(\s*)(.*?);?\s*\/\/=> (.*?)(?:\s+\(.*\))?$/.exec(line);
      if (!claim) return line;
      const [, indent, actual = '', expected = ''] = claim;
      try {
        transformSync(`(${actual});(${expected});`, { loader: 'ts' });
      } catch {
        prose = true;
      }
      return `${indent}__claim(() => (${actual}), () => (${expected}), ${JSON.stringify(line.trim())});`;
    })
    .join('\n')
    .replace(/^export /gm, '')
    .replace(/^import (type )?\{([\s\S]*?)\} from '([^']+)';$/gm, (_line, type: string | undefined, names: string, from: string) =>
      type ? '' : `const {${names.replace(/\btype \w+,?/g, '').replace(/\bas\b/g, ':')}} = __require('${from}');`,
    );
  return prose ? undefined : source;
}

function codeOf(example: string): string {
  return /```ts\n([\s\S]*?)```/.exec(example)?.[1] ?? example;
}

interface Documented {
  readonly where: string;
  readonly summary: string;
  readonly tags: readonly ts.JSDocTagInfo[];
}

const documented = new Map<ts.Declaration, Documented>();
const modules: { specifier: string; hasModuleBlock: boolean }[] = [];
for (const { specifier, file } of ENTRIES) {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${file} is missing`);
  modules.push({ specifier, hasModuleBlock: source.getFullText().includes(`@module ${specifier}`) });
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declaration = target.declarations?.[0];
    if (!declaration || documented.has(declaration)) continue;
    documented.set(declaration, {
      where: `${specifier} ${symbol.name} (${declaration.getSourceFile().fileName.replace(ROOT, '')})`,
      summary: ts.displayPartsToString(target.getDocumentationComment(checker)).trim(),
      tags: target.getJsDocTags(checker),
    });
  }
}
const exported = [...documented.values()];
const tsdocExamples: Example[] = exported.flatMap(({ where, tags }) =>
  tags.filter((tag) => tag.name === 'example').map((tag, index) => ({ where: `${where} #${index + 1}`, code: codeOf(ts.displayPartsToString(tag.text)) })),
);
const pages = ['README.md', ...readdirSync(`${ROOT}docs`).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)];
const guideExamples: Example[] = pages.flatMap((page) =>
  [...readFileSync(`${ROOT}${page}`, 'utf8').matchAll(/(<!-- example: \S+ -->\n)?```ts\n([\s\S]*?)\n```/g)]
    .filter(([, marker]) => marker === undefined)
    .map(([, , code], index) => ({ where: `${page} block #${index + 1}`, code: code ?? '' })),
);

describe('TSDoc of every public entry', () => {
  it('finds the exports of every entry', () => {
    expect(ENTRIES.map((entry) => entry.specifier)).toEqual(Object.keys(MODULES));
    expect(exported.length).toBeGreaterThan(250);
  });

  it.each(modules)('$specifier opens with a @module block', ({ hasModuleBlock }) => {
    expect(hasModuleBlock).toBe(true);
  });

  it('gives every export a summary, an @example and a @category', () => {
    const missing = exported.flatMap(({ where, summary, tags }) => [
      ...(summary === '' ? [`${where}: no summary`] : []),
      ...(tags.some((tag) => tag.name === 'example') ? [] : [`${where}: no @example`]),
      ...(tags.some((tag) => tag.name === 'category') ? [] : [`${where}: no @category`]),
    ]);
    expect(missing).toEqual([]);
  });
});

describe('examples', () => {
  it('compile as pasted, each as a file of its own', () => {
    const files = new Map<string, Example>();
    [...tsdocExamples, ...guideExamples].forEach((example, index) => files.set(`${ROOT}test/docs/__examples__/example-${index}.ts`, example));
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    const text = (file: string): string => `${files.get(file)?.code ?? ''}\nexport {};\n`;
    host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
    host.readFile = (file) => (files.has(file) ? text(file) : readFile.call(host, file));
    host.getSourceFile = (file, language, ...rest) =>
      files.has(file) ? ts.createSourceFile(file, text(file), language, true) : getSourceFile.call(host, file, language, ...rest);
    const compiled = ts.createProgram([...files.keys()], options, host, program);
    const errors = [...files.keys()].flatMap((file) =>
      ts.getPreEmitDiagnostics(compiled, compiled.getSourceFile(file)).map((d) => `${files.get(file)?.where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    );
    expect(tsdocExamples.length).toBeGreaterThan(250);
    expect(guideExamples.length).toBeGreaterThan(10);
    expect(errors).toEqual([]);
  }, 180_000);

  // Examples that state results (`expression; //=> value`, both complete expressions) run. Those
  // that `declare` values, call AWS, or describe output in prose after `//=>` are type-checked only.
  const runnable = tsdocExamples.flatMap((example) => {
    if (!example.code.includes('//=>') || /\bdeclare\b|@aws-sdk|\.start\(/.test(example.code)) return [];
    const prepared = withClaims(example.code);
    return prepared ? [[example.where, prepared] as const] : [];
  });
  it('finds examples that state results', () => {
    expect(runnable.length).toBeGreaterThan(40);
  });
  it.each(runnable)('%s runs and its //=> claims hold', async (_where, source) => {
    const claims: { actual: unknown; expected: unknown; line: string }[] = [];
    const { code } = transformSync(`(async () => {\n${source}\n})()`, { loader: 'ts', format: 'cjs', target: 'node20' });
    const requireModule = (name: string): unknown => {
      if (!(name in MODULES)) throw new Error(`example imports ${name}`);
      return MODULES[name];
    };
    const claim = (actual: () => unknown, expected: () => unknown, line: string): void => {
      claims.push({ actual: actual(), expected: expected(), line });
    };
    const log = console.log;
    console.log = () => undefined;
    try {
      await (new Function('__require', '__claim', `return ${code.trim().replace(/;$/, '')};`) as (r: unknown, c: unknown) => Promise<void>)(requireModule, claim);
    } finally {
      console.log = log;
    }
    expect(claims.length, 'the example states results').toBeGreaterThan(0);
    for (const { actual, expected, line } of claims) expect(actual, line).toEqual(expected);
  });
});
