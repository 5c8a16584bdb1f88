// Second half of `npm run build` (after tsup): what the tarball does not need to carry twice.
//  - Each public entry's ESM declarations (`dist/<entry>.d.ts`) become one line re-exporting its
//    CommonJS twin (`dist/<entry>.d.cts`), and the ESM-only declaration chunks go. Both files must
//    exist: in a `"type": "module"` package a `.d.ts` describes an ES module and a `.d.cts` a
//    CommonJS one, and TypeScript (node16/nodenext) wants the types of `import` and of `require` to
//    say which kind the JavaScript they describe is; an ES module may re-export a CommonJS one, so
//    the ESM side needs no copy of its own. (The reverse — `.d.cts` re-exporting `.d.ts` — is an
//    error under node16: `require` of an ES module.)
//  - The CommonJS build of the CLI (`bin` runs `dist/cli.js`).
// Runs on an existing dist/ and is idempotent; `tsup` alone still gives a complete, larger dist/.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entries = Object.keys(pkg.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => (subpath === '.' ? 'index' : subpath.slice(2)));

for (const name of entries) {
  const cts = join(dist, `${name}.d.cts`);
  if (!existsSync(cts)) throw new Error(`slim-dist: ${cts} is missing (run tsup first)`);
  // `export *` re-exports every named export, types included, but neither a default export nor `export =`.
  if (/^export (default|=)/m.test(readFileSync(cts, 'utf8'))) {
    throw new Error(`slim-dist: ${name}.d.cts has a default export; the re-export stub would drop it`);
  }
  writeFileSync(join(dist, `${name}.d.ts`), `export * from './${name}.cjs';\n`);
}
const stubs = new Set(entries.map((name) => `${name}.d.ts`));
for (const file of readdirSync(dist)) {
  const orphan = (file.endsWith('.d.ts') && !stubs.has(file)) || file === 'cli.cjs' || file.endsWith('.map');
  if (orphan) rmSync(join(dist, file));
}
