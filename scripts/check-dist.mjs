// Checks the built package the way consumers load it: every entry through `exports`, as ESM and as
// CJS, from a plain Node process; one error class across entries; no AWS SDK code loaded by the
// root entry; and what the tarball holds (no source maps, every file the manifest names, the ESM
// declarations declaring what their CommonJS twins do, a size budget). Run after `npm run build`.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const require = createRequire(import.meta.url);
const subpaths = Object.keys(pkg.exports).filter((path) => path !== './package.json');
let failed = 0;

function check(label, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${detail ? ` — ${detail}` : ''}`);
  if (!ok) failed++;
}

for (const subpath of subpaths) {
  const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
  const esm = await import(specifier);
  const cjs = require(specifier);
  const esmNames = Object.keys(esm).sort();
  const cjsNames = Object.keys(cjs).filter((name) => name !== '__esModule').sort();
  check(`${specifier} loads as ESM`, esmNames.length > 0 || subpath !== '.', `${esmNames.length} exports`);
  check(`${specifier} loads as CJS with the same exports`, JSON.stringify(esmNames) === JSON.stringify(cjsNames));
}

const root = await import(pkg.name);
const input = '{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","eventTime":"2024-01-01T00:00:00.000Z","awsRegion":"us-east-1","s3":{"bucket":{"name":"b"},"object":{"key":"a+b","size":1,"eTag":"e"}}}]}';
check('normalize works from the built ESM entry', root.normalize(input)[0]?.key === 'a b');
check('normalize works from the built CJS entry', require(pkg.name).normalize(input)[0]?.key === 'a b');
try {
  root.decodeKey('%');
  check('decodeKey throws S3EventParseError', false);
} catch (error) {
  check('decodeKey throws the ESM S3EventParseError', error instanceof root.S3EventParseError);
  check('isS3EventParseError recognises it from the CJS build', require(pkg.name).isS3EventParseError(error));
}

// The root entry must load no AWS SDK code (CJS: inspect the module cache of a fresh process).
const loaded = execFileSync(process.execPath, [
  '-e',
  `require(${JSON.stringify(pkg.name)}); console.log(Object.keys(require.cache).filter((p) => p.includes('@aws-sdk')).length)`,
]).toString().trim();
check('the root entry loads no @aws-sdk module', loaded === '0', `${loaded} loaded`);

// What `npm pack` would ship (scripts skipped: this checks dist/ as it is, never rebuilds it).
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
const shipped = new Set(packed.files.map((file) => file.path));
const named = new Set([pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin ?? {})]);
const collect = (value) => (typeof value === 'string' ? named.add(value) : value && typeof value === 'object' && Object.values(value).forEach(collect));
collect(pkg.exports);
collect(pkg.typesVersions);
const absent = [...named].filter((file) => typeof file === 'string' && file.startsWith('./') && !shipped.has(file.slice(2)));
check('the tarball holds every file package.json names', absent.length === 0, absent.join(', ') || `${packed.entryCount} files`);
const maps = [...shipped].filter((file) => file.endsWith('.map'));
check('the tarball holds no source maps (docs/benchmarks.md, "Package")', maps.length === 0, maps.slice(0, 3).join(', '));
const BUDGET = 1024 * 1024;
check('the tarball unpacks to at most 1 MiB', packed.unpackedSize <= BUDGET, `${packed.size} B packed, ${packed.unpackedSize} B unpacked, ${packed.entryCount} files`);
// Each entry's `.d.ts` (ESM) declares the same names as its `.d.cts` (CommonJS) twin, which it re-exports.
for (const subpath of subpaths) {
  const { import: esm, require: cjs } = pkg.exports[subpath];
  const names = (file) => {
    const program = ts.createProgram([file], { noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] });
    const source = program.getSourceFile(file);
    const checker = program.getTypeChecker();
    const symbol = source && checker.getSymbolAtLocation(source);
    return symbol ? checker.getExportsOfModule(symbol).map((s) => s.getName()).sort() : [];
  };
  const esmNames = names(fileURLToPath(new URL(`../${esm.types}`, import.meta.url)));
  const cjsNames = names(fileURLToPath(new URL(`../${cjs.types}`, import.meta.url)));
  check(`${esm.types} declares what ${cjs.types} does`, esmNames.length > 0 && JSON.stringify(esmNames) === JSON.stringify(cjsNames), `${esmNames.length} vs ${cjsNames.length} names`);
}

if (failed > 0) {
  console.error(`${failed} dist check(s) failed`);
  process.exit(1);
}
console.log('dist checks passed');
