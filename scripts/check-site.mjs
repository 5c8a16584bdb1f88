// Checks the built reference site (`npm run docs` → docs/api) as a person would:
//  1. no page has a broken internal link (every relative href/src resolves to a file, and every
//     #anchor to an element with that id);
//  2. in Debian's Chromium (headless, driven by playwright-core; no browser download): the index,
//     the S3ObjectEvent page and a guide render (screenshots in .tmp/site/), and search finds
//     S3ObjectEvent. Set SITE_CHECK_BROWSER=skip to run only step 1 (a machine without chromium).
//  3. what a reader sees first: the index opens with `npm install s3-event-kit` and a first
//     handler (not the contributor's demo); the S3ObjectEvent page lists every member of the union
//     (one per name of S3_EVENT_NAMES) and the fields, each with its TSDoc; every "On This Page"
//     entry of the index, the guides and S3ObjectEvent reads as its heading does (a code span
//     dropped from a heading left "Duplicates and order: ,").
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'docs/api');
const shots = join(root, '.tmp/site');
let failed = 0;
const check = (label, ok, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${detail ? ` — ${detail}` : ''}`);
  if (!ok) failed++;
};

if (!existsSync(join(site, 'index.html'))) {
  console.error('docs/api/index.html is missing: run `npm run docs` first');
  process.exit(1);
}

// 1. Links.
const pages = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (entry.endsWith('.html')) pages.push(path);
  }
};
walk(site);
const idsOf = new Map();
const ids = (file) => {
  if (!idsOf.has(file)) idsOf.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  return idsOf.get(file);
};
const broken = [];
let links = 0;
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  for (const [, target] of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
    if (/^(?:[a-z]+:|\/\/|data:|mailto:)/i.test(target)) continue; // external or inline
    links++;
    const [pathPart, anchor] = target.split('#');
    const file = pathPart ? normalize(join(dirname(page), decodeURIComponent(pathPart.split('?')[0]))) : page;
    if (!file.startsWith(site) || !existsSync(file)) {
      broken.push(`${relative(site, page)} → ${target}`);
    } else if (anchor && extname(file) === '.html' && !ids(file).has(decodeURIComponent(anchor))) {
      broken.push(`${relative(site, page)} → ${target} (no id "${anchor}")`);
    }
  }
}
check(`no broken internal link in ${pages.length} pages (${links} links)`, broken.length === 0, broken.slice(0, 10).join('; '));

// 2. A browser.
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (process.env.SITE_CHECK_BROWSER === 'skip') {
  console.log('skip browser checks (SITE_CHECK_BROWSER=skip)');
} else if (!executablePath) {
  check('Debian chromium is installed (scripts/install-chromium.sh)', false);
} else {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
  const server = createServer((request, response) => {
    const path = normalize(join(site, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(site) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    mkdirSync(shots, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    for (const [name, path, expected] of [
      ['index', '/index.html', 's3-event-kit'],
      ['S3ObjectEvent', '/types/s3-event-kit.S3ObjectEvent.html', 'S3ObjectEvent'],
      ['roads guide', '/documents/roads.html', 'The roads an S3 event travels'],
    ]) {
      const response = await page.goto(base + path, { waitUntil: 'load' });
      const heading = await page.locator('h1').first().textContent();
      check(`${name} page renders`, response?.ok() === true && (heading ?? '').includes(expected), `h1 "${heading?.trim()}"`);
      await page.screenshot({ path: join(shots, `${name.replace(/\W+/g, '-')}.png`), fullPage: false });
    }
    // 3a. The index opens with what a user types.
    await page.goto(`${base}/index.html`, { waitUntil: 'load' });
    const blocks = await page.locator('.col-content .tsd-typography pre code').allTextContents();
    check('the index opens with `npm install s3-event-kit`', (blocks[0] ?? '').includes('npm install s3-event-kit'), `first block: ${JSON.stringify((blocks[0] ?? '').slice(0, 60))}`);
    check('the index shows a first handler next', (blocks[1] ?? '').includes('subscribe('), `second block: ${JSON.stringify((blocks[1] ?? '').slice(0, 60))}`);
    check('the index is not the contributor README', !blocks.some((block) => block.includes('npm run demo')));

    // 3b. S3ObjectEvent: the members of the union and the fields, each with its TSDoc.
    await page.goto(`${base}/types/s3-event-kit.S3ObjectEvent.html`, { waitUntil: 'load' });
    const names = [...(/S3_EVENT_NAMES = \[([\s\S]*?)\] as const/.exec(readFileSync(join(root, 'src/events/names.ts'), 'utf8'))?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    const members = await page.locator('.tsd-type-declaration > ul > li').allTextContents();
    const missingMembers = names.filter((name) => !members.some((member) => member.includes(name)));
    check(`S3ObjectEvent lists its ${names.length} members, each described`, names.length > 20 && members.length === names.length && missingMembers.length === 0 && members.every((member) => /\w+ \w+/.test(member.replace(/^\S+/, ''))), `${members.length} listed; missing ${missingMembers.join(', ')}`);
    for (const field of ['name', 'type', 'bucket', 'key', 'size', 'versionId', 'sequencer', 'time', 'via', 'record']) {
      const section = page.locator(`section:has(> h2#fields-of-every-variant) li:has(> h5#${field})`);
      const visible = await section.isVisible().catch(() => false);
      const doc = visible ? ((await section.locator('.tsd-comment').first().textContent().catch(() => '')) ?? '').trim() : '';
      check(`S3ObjectEvent lists the field \`${field}\` with its TSDoc`, visible && doc.length > 10, visible ? JSON.stringify(doc.slice(0, 50)) : 'not on the page');
    }
    for (const [family, field] of [['objectcreatedevent', 'size'], ['objectremovedevent', 'deletiontype'], ['replicationevent', 'replication']]) {
      check(`S3ObjectEvent lists ${family}'s own field ${field}`, await page.locator(`h5#${family}-${field}`).isVisible().catch(() => false));
    }
    await page.locator('#fields-of-every-variant').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'S3ObjectEvent-fields.png') });

    // 3c. "On This Page" reads as the headings do, on the index, every guide and S3ObjectEvent.
    const tocPages = ['/index.html', '/types/s3-event-kit.S3ObjectEvent.html', ...readdirSync(join(site, 'documents')).filter((file) => file.endsWith('.html')).map((file) => `/documents/${file}`)];
    const tocProblems = [];
    let tocEntries = 0;
    for (const path of tocPages) {
      await page.goto(base + path, { waitUntil: 'load' });
      const entries = await page.locator('.tsd-page-navigation a').evaluateAll((links) =>
        links.map((link) => {
          const id = decodeURIComponent(link.getAttribute('href')?.replace(/^#/, '') ?? '');
          const target = id ? document.getElementById(id) : null;
          return { text: (link.textContent ?? '').replace(/\s+/g, ' ').trim(), heading: (target?.textContent ?? '').replace(/\s+/g, ' ').trim(), id };
        }),
      );
      tocEntries += entries.length;
      for (const { text, heading, id } of entries) {
        // A field's heading goes on with its type (`bucket: string`); any other reads as its entry.
        if (text !== heading && !(heading.startsWith(text) && /^\??: /.test(heading.slice(text.length)))) tocProblems.push(`${path}#${id}: "${text}" ≠ heading "${heading}"`);
        else if (text === '' || /[:,;(\u2014-]$|[:,]\s*[,)]|(?<!\w)\(\s*\)|\s[,.;:]/.test(text)) tocProblems.push(`${path}#${id}: "${text}" (empty code span or dangling punctuation)`);
      }
    }
    check(`"On This Page" entries read as their headings (${tocEntries} entries on ${tocPages.length} pages)`, tocEntries > 50 && tocProblems.length === 0, tocProblems.slice(0, 5).join('; '));
    await page.goto(`${base}/documents/subscribe.html`, { waitUntil: 'load' });
    await page.screenshot({ path: join(shots, 'subscribe-guide.png') });

    await page.goto(`${base}/index.html`, { waitUntil: 'load' });
    await page.click('#tsd-search-trigger');
    await page.fill('#tsd-search-input', 'S3ObjectEvent');
    const result = page.locator('#tsd-search-results li a').first();
    await result.waitFor({ timeout: 10_000 }).catch(() => undefined);
    const href = (await result.getAttribute('href').catch(() => null)) ?? '';
    check('search finds S3ObjectEvent', href.includes('S3ObjectEvent'), href || 'no result');
    await page.screenshot({ path: join(shots, 'search.png') });
    check('no script error on the pages', errors.length === 0, errors.slice(0, 3).join('; '));
    console.log(`screenshots in ${relative(root, shots)}/`);
  } finally {
    await browser.close();
    server.close();
  }
}

if (failed > 0) {
  console.error(`${failed} site check(s) failed`);
  process.exit(1);
}
console.log('site checks passed');
