// The package as a consumer gets it: packs the tarball, installs it into a temporary copy of
// consumer-check/ (no registry needed: the package has no dependencies), and checks that
//  (a) `import type` of every public type of every entry type-checks with isolatedModules, under
//      moduleResolution node16, bundler and node (typesVersions), and bundles to 0 bytes;
//  (b) every entry loads as ESM and as CJS;
//  (c) a Lambda handler calling normalize(), and one calling subscribe(), bundle with esbuild
//      without any @aws-sdk code;
//  (d) the type-only import of every entry compiles for every `target` the engines field allows
//      (es2015 … es2020, each with its default lib) with `skipLibCheck: false`: the declarations
//      use no ES2021+ lib type (AggregateError, ErrorOptions, …);
//  (e) with @types/aws-lambda, the testing factories' payloads are SQSEvent, S3Event, SNSEvent and
//      EventBridgeEvent, and a subscription is S3Handler, SQSHandler, SNSHandler, EventBridgeHandler
//      and KinesisStreamHandler, without casts, under a strict and a loose tsconfig.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 's3-event-kit-consumer-'));
let failed = 0;
const check = (label, ok, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${detail ? ` — ${detail}` : ''}`);
  if (!ok) failed++;
};

try {
  cpSync(join(root, 'consumer-check'), work, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root }).toString().trim().split('\n').pop();
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--offline', '--omit=peer', join(work, tarball)], { cwd: work, stdio: 'inherit' });
  // A consumer that has the optional AWS SDK peers installed (as users of subscribe().start(), /config
  // and /aws do): link this checkout's copies in, so types resolve and any bundled import of them shows.
  symlinkSync(join(root, 'node_modules/@aws-sdk'), join(work, 'node_modules/@aws-sdk'), 'dir');
  // A consumer that types its handlers with @types/aws-lambda (resolved as a module, not a global).
  mkdirSync(join(work, 'node_modules/@types'), { recursive: true });
  symlinkSync(join(root, 'node_modules/@types/aws-lambda'), join(work, 'node_modules/@types/aws-lambda'), 'dir');

  const entries = Object.keys(pkg.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));

  // (a) every public name of every entry, imported type-only.
  const lines = [];
  const names = [];
  for (const [index, specifier] of entries.entries()) {
    const file = join(work, 'node_modules', pkg.name, pkg.exports[specifier === pkg.name ? '.' : `./${specifier.slice(pkg.name.length + 1)}`].import.types);
    const program = ts.createProgram([file], { skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file);
    if (!source) {
      check(`${specifier} ships its declarations`, false, `${file} is missing from the tarball`);
      continue;
    }
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).map((symbol) => symbol.getName()).sort();
    check(`${specifier} declares exports`, exported.length > 0, `${exported.length} names`);
    lines.push(`import type { ${exported.map((name) => `${name} as E${index}_${name}`).join(', ')} } from '${specifier}';`);
    names.push(...exported.map((name) => `E${index}_${name}`));
  }
  writeFileSync(join(work, 'types.ts'), `${lines.join('\n')}\nexport type { ${names.join(', ')} };\n`);
  for (const resolution of ['node16', 'bundler', 'node10']) {
    const module = resolution === 'node16' ? 'node16' : resolution === 'bundler' ? 'esnext' : 'commonjs';
    writeFileSync(join(work, `tsconfig.${resolution}.json`), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, isolatedModules: true, verbatimModuleSyntax: resolution !== 'node10', module, moduleResolution: resolution,
        target: 'es2022', lib: ['es2022'], skipLibCheck: false, ignoreDeprecations: '5.0',
        // A Node.js consumer: Node's types, and the optional AWS SDK peers that the SDK-facing entries name in their types.
        typeRoots: [join(root, 'node_modules/@types')], types: ['node'],
      },
      files: ['types.ts'],
    }));
    let output = '';
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${resolution}.json`], { cwd: work, stdio: 'pipe' });
    } catch (error) {
      output = `${error.stdout}${error.stderr}`.slice(0, 2000);
    }
    check(`import type of every public name type-checks (moduleResolution ${resolution}, isolatedModules)`, output === '', output);
  }
  const tsc = (config, label) => {
    writeFileSync(join(work, config.file), JSON.stringify(config.json));
    let output = '';
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config.file], { cwd: work, stdio: 'pipe' });
    } catch (error) {
      output = `${error.stdout}${error.stderr}`.slice(0, 2000);
    }
    check(label, output === '', output);
  };
  // (d) older targets, each with its default lib (lib.es6/es2017/es2019/es2020 with the DOM):
  // nothing in the declarations may need a newer lib. Node's types as a Node.js consumer has them.
  for (const target of ['es2015', 'es2017', 'es2019', 'es2020']) {
    tsc({
      file: `tsconfig.${target}.json`,
      json: {
        compilerOptions: {
          strict: true, noEmit: true, isolatedModules: true, verbatimModuleSyntax: true, module: 'node16', moduleResolution: 'node16',
          target, skipLibCheck: false, typeRoots: [join(root, 'node_modules/@types')], types: ['node'],
        },
        files: ['types.ts'],
      },
    }, `import type of every public name type-checks with target ${target} (default lib) and skipLibCheck false`);
  }
  // (e) @types/aws-lambda handlers and events, strict (the project's flags) and loose (the old defaults).
  const strictest = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, verbatimModuleSyntax: true };
  const loose = { strict: false, exactOptionalPropertyTypes: false, noUncheckedIndexedAccess: false };
  for (const [name, flags] of [['strict', strictest], ['loose', loose]]) {
    tsc({
      file: `tsconfig.aws-lambda-${name}.json`,
      json: {
        compilerOptions: {
          ...flags, noEmit: true, module: 'node16', moduleResolution: 'node16', target: 'es2020', skipLibCheck: false,
          typeRoots: [join(root, 'node_modules/@types')], types: ['node'],
        },
        files: ['aws-lambda.ts'],
      },
    }, `factories' payloads are @types/aws-lambda events, a subscription each road's handler type (${name} config)`);
  }

  const typeOnly = await esbuild.build({ entryPoints: [join(work, 'types.ts')], bundle: true, write: false, format: 'esm', platform: 'node', minify: true, absWorkingDir: work });
  check('a type-only import bundles to 0 bytes', typeOnly.outputFiles[0].text.trim().length === 0, `${typeOnly.outputFiles[0].text.length} bytes`);

  // (b) every entry as ESM and as CJS, from a plain Node process.
  for (const specifier of entries) {
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import('${specifier}'); console.log(Object.keys(m).length)`], { cwd: work }).toString().trim();
    const cjs = execFileSync(process.execPath, ['-e', `console.log(Object.keys(require('${specifier}')).length)`], { cwd: work }).toString().trim();
    check(`${specifier} loads as ESM and CJS with the same exports`, esm === cjs && Number(esm) > 0, `esm ${esm}, cjs ${cjs}`);
  }

  // (c) bundled handlers carry no AWS SDK code.
  for (const handler of ['handler.ts', 'subscribe-handler.ts']) {
    // The SDK is resolvable (as in a project that has it installed), so any import of it would be bundled.
    const result = await esbuild.build({ entryPoints: [join(work, handler)], bundle: true, write: false, format: 'esm', platform: 'node', minify: true, metafile: true, absWorkingDir: work, logLevel: 'silent' }).catch((error) => error);
    if (result instanceof Error) { check(`${handler} bundles`, false, result.message); continue; }
    // What ships: the output's inputs with bytes in it (esbuild also lists files it read and then tree-shook away).
    const shipped = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs).filter(([, info]) => info.bytesInOutput > 0).map(([input]) => input));
    const sdk = shipped.filter((input) => input.includes('@aws-sdk') || input.includes('@smithy'));
    check(`${handler} bundles without AWS SDK code`, sdk.length === 0, sdk.length ? sdk.slice(0, 3).join(', ') : `${result.outputFiles[0].text.length} bytes minified`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failed > 0) {
  console.error(`${failed} consumer check(s) failed`);
  process.exit(1);
}
console.log('consumer checks passed');
