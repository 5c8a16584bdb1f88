/**
 * The production helpers (stores, dedupe, latestOnly, guard, backfill, reading objects, the aws
 * entry): every export has TSDoc with an `@example`; every example type-checks under the project's
 * strict settings as a file of its own (pasteable); examples without `declare`d values and without
 * AWS calls run, and each `expression; //=> value` claim in them holds.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as root from 's3-event-kit';
import * as aws from 's3-event-kit/aws';

const ROOT = new URL('../../', import.meta.url);
const FOLDERS = ['src/store/', 'src/dedupe/', 'src/order/', 'src/backfill/', 'src/aws/'];
const files = FOLDERS.flatMap((folder) =>
  readdirSync(new URL(folder, ROOT))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ file: `${folder}${file}`, text: readFileSync(new URL(`${folder}${file}`, ROOT), 'utf8') })),
);

const namesIn = (text: string): string[] =>
  [...text.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap(([, names]) => (names ?? '').split(',').map((n) => n.trim()).filter(Boolean));
const rootIndex = readFileSync(new URL('src/index.ts', ROOT), 'utf8');
const exported = [
  ...namesIn(rootIndex.split('\n').filter((line) => /from '\.\/(dedupe|order|store)\//.test(line)).join('\n')),
  ...namesIn(readFileSync(new URL('src/aws/index.ts', ROOT), 'utf8')),
];

function docOf(name: string): string | undefined {
  const declaration = new RegExp(`\\*/\\s*export (?:declare )?(?:async )?(?:function|const|class|type|interface) ${name}\\b`);
  for (const { text } of files) {
    const match = declaration.exec(text);
    if (match) return text.slice(text.lastIndexOf('/**', match.index), match.index + 2);
  }
  return undefined;
}

interface Example {
  readonly where: string;
  readonly code: string;
}

const guide = readFileSync(new URL('docs/production.md', ROOT), 'utf8');
const guideExamples: Example[] = [...guide.matchAll(/```ts\n([\s\S]*?)\n```/g)].map(([, code], index) => ({
  where: `docs/production.md #${index + 1}`,
  code: code ?? '',
}));

const examples: Example[] = [...files, { file: 'src/aws/index.ts', text: readFileSync(new URL('src/aws/index.ts', ROOT), 'utf8') }]
  .filter((f, i, all) => all.findIndex((g) => g.file === f.file) === i)
  .flatMap(({ file, text }) =>
    [...text.matchAll(/\/\*\*[\s\S]*?\*\//g)].flatMap(([comment]) =>
      [...comment.matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)].map(([, body], index) => ({
        where: `${file}: ${/export (?:async )?(?:function|const|class|type|interface) (\w+)/.exec(text.slice(text.indexOf(comment) + comment.length))?.[1] ?? 'module'} #${index + 1}`,
        code: (body ?? '').replace(/^\s*\* ?/gm, ''),
      })),
    ),
  );

describe('TSDoc of the production helpers', () => {
  it('found the exports', () => {
    expect(exported.length).toBeGreaterThan(40);
  });

  it.each(exported)('%s has TSDoc (with an @example, except result types)', (name) => {
    const doc = docOf(name);
    expect(doc, `${name} has no doc comment`).toBeDefined();
    const isResultType = /^(DedupeClaim|DedupeOutcome|DedupeBatch|LatestOutcome|LatestBatch|GuardOutcome|MemoryStore|BackfillProgress|BackfillResult|BackfillFailure|BackfillHandler|ListedObjectEvent)$/.test(name);
    if (!isResultType) expect(doc, name).toContain('@example');
  });
});

describe('TSDoc examples of the production helpers', () => {
  it('type-check, each as a file of its own, under the project settings (and those of docs/production.md)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(40);
    expect(guideExamples.length).toBeGreaterThanOrEqual(7);
    const dir = fileURLToPath(new URL('.tmp/tsdoc-production/', ROOT));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const names = [...examples, ...guideExamples].map((example, i) => {
      const name = `${dir}example-${i}.ts`;
      writeFileSync(name, `// ${example.where}\n${example.code}\nexport {};\n`);
      return name;
    });
    const config = ts.getParsedCommandLineOfConfigFile(fileURLToPath(new URL('tsconfig.json', ROOT)), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    if (!config) throw new Error('tsconfig.json not readable');
    const program = ts.createProgram(names, { ...config.options, noUnusedLocals: false, noUnusedParameters: false });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.includes('.tmp/tsdoc-production/'))
      .map((d) => {
        const where = d.file ? readFileSync(d.file.fileName, 'utf8').split('\n')[0] : '';
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  }, 120_000);

  const runnable = examples.filter((e) => !/\bdeclare\b|@aws-sdk|dynamoDbStore|backfill\(|getObjectFor\(|headObjectFor\(|subscribe\(/.test(e.code));
  it.each(runnable.map((example) => [example.where, example] as const))('%s runs and its claims hold', async (_where, example) => {
    const claims: { actual: unknown; expected: unknown; line: string }[] = [];
    const source = example.code
      .split('\n')
      .map((line) => {
        const claim = /^(\s*)(.*?);\s*\/\/=> (.*)$/.exec(line);
        return claim ? `${claim[1]}__claim(() => (${claim[2]}), () => (${claim[3]}), ${JSON.stringify(line.trim())});` : line;
      })
      .join('\n')
      .replace(/^export /gm, '');
    const { code } = transformSync(`(async () => {\n${source.replace(/^import .*$/gm, (line) => line.replace(/^import (type )?\{(.*)\} from '(.*)';$/, (_m, type: string | undefined, names: string, from: string) => (type ? '' : `const {${names.replace(/\btype \w+,?/g, '')}} = require('${from}');`)))}\n})()`, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
    });
    const modules: Record<string, unknown> = { 's3-event-kit': root, 's3-event-kit/aws': aws };
    const require = (name: string): unknown => {
      if (!(name in modules)) throw new Error(`example imports ${name}`);
      return modules[name];
    };
    const claim = (actual: () => unknown, expected: () => unknown, line: string): void => {
      claims.push({ actual: actual(), expected: expected(), line });
    };
    const log = console.log;
    console.log = () => undefined;
    try {
      await (new Function('require', '__claim', `return ${code.trim().replace(/;$/, '')};`) as (r: unknown, c: unknown) => Promise<void>)(require, claim);
    } finally {
      console.log = log;
    }
    for (const { actual, expected, line } of claims) expect(actual, line).toEqual(expected);
  });
});
