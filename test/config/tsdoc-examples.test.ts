/**
 * Every `@example` in src/config is pasteable: each block is compiled as its own module against
 * the public entries (`s3-event-kit`, `s3-event-kit/config`) and the installed SDK clients.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = join(root, 'src/config');

function examplesOf(file: string): { name: string; code: string }[] {
  const text = readFileSync(join(dir, file), 'utf8');
  const out: { name: string; code: string }[] = [];
  for (const match of text.matchAll(/@example\n((?:\s*\*.*\n)*?)\s*\*\s*```ts\n((?:\s*\*.*\n)*?)\s*\*\s*```/g)) {
    const code = (match[2] ?? '')
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n');
    const line = text.slice(0, match.index).split('\n').length;
    out.push({ name: `${file}:${line}`, code });
  }
  return out;
}

const files = readdirSync(dir).filter((file) => file.endsWith('.ts'));
const examples = files.flatMap(examplesOf);
const tmp = mkdtempSync(join(tmpdir(), 's3-event-kit-config-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const entry = join(dir, 'index.ts');
let program: ts.Program | undefined;
/** One program for both tests: the entry and every example, compiled together. */
function compile(): ts.Program {
  program ??= ts.createProgram(
    [
      entry,
      ...examples.map((example, i) => {
        const path = join(tmp, `example-${i}.mts`);
        writeFileSync(path, `${example.code}\nexport {};\n`);
        return path;
      }),
    ],
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
      baseUrl: root,
      paths: {
        's3-event-kit': [join(root, 'src/index.ts')],
        's3-event-kit/config': [entry],
        's3-event-kit/testing': [join(root, 'src/testing/index.ts')],
        '@aws-sdk/*': [join(root, 'node_modules/@aws-sdk/*/dist-types/index.d.ts')],
      },
    },
  );
  return program;
}

test('every export of s3-event-kit/config has TSDoc with an @example and @category Config', () => {
  const checker = compile().getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(compile().getSourceFile(entry) as ts.SourceFile) as ts.Symbol;
  const missing: string[] = [];
  const exports = checker.getExportsOfModule(moduleSymbol);
  for (const exported of exports) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (declaration === undefined) continue;
    const tags = ts.getJSDocTags(declaration).map((tag) => `${tag.tagName.text} ${ts.getTextOfJSDocComment(tag.comment) ?? ''}`.trim());
    if (!tags.some((tag) => tag.startsWith('example'))) missing.push(`${exported.name}: no @example`);
    if (!tags.includes('category Config')) missing.push(`${exported.name}: no @category Config`);
  }
  expect(exports.length).toBeGreaterThan(90);
  expect(missing).toEqual([]);
  expect(examples.length).toBeGreaterThanOrEqual(exports.length - 5);
}, 120_000);

test('every @example compiles', () => {
  const problems = ts
    .getPreEmitDiagnostics(compile())
    .filter((d) => d.file !== undefined && d.file.fileName.startsWith(tmp))
    .map((d) => {
      const index = Number(/example-(\d+)\.mts$/.exec(d.file?.fileName ?? '')?.[1]);
      return `${examples[index]?.name}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  expect(problems).toEqual([]);
}, 120_000);
