// `prepack` (npm pack / npm publish): builds dist/ unless it is already fresh, so a fresh clone never
// packs a package without code, and a pack right after `npm run build` (CI's consumer check) does
// not build twice. Fresh = every file the exports, main and bin name exists, and the oldest of them
// is newer than every file of src/ and the build's configuration. `PREPACK_BUILD=1` forces a build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const targets = new Set([pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin ?? {})]);
const collect = (value) => {
  if (typeof value === 'string') targets.add(value);
  else if (value && typeof value === 'object') Object.values(value).forEach(collect);
};
collect(pkg.exports);
const built = [...targets].filter((file) => typeof file === 'string' && file.startsWith('./dist/')).map((file) => join(root, file));

const newest = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
};
const inputs = Math.max(...['src', 'tsup.config.ts', 'tsconfig.json', 'package.json', 'scripts/slim-dist.mjs'].map((path) => newest(join(root, path))));
const missing = built.filter((file) => !existsSync(file));
const oldest = missing.length ? 0 : Math.min(...built.map((file) => statSync(file).mtimeMs));

if (process.env.PREPACK_BUILD !== '1' && missing.length === 0 && oldest >= inputs) {
  console.error('prepack: dist/ is newer than src/ and the build configuration; not rebuilding');
} else {
  console.error(`prepack: ${missing.length ? `${missing.length} built file(s) missing` : 'dist/ is older than its inputs'}; npm run build`);
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
}
