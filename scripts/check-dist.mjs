// Checks the built package the way consumers load it: every entry through `exports`, as ESM and as
// CJS, from a plain Node process; one error class across entries; no AWS SDK code loaded by the
// root entry. Run after `npm run build`.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

if (failed > 0) {
  console.error(`${failed} dist check(s) failed`);
  process.exit(1);
}
console.log('dist checks passed');
