/** Seeded mutations of JSON payloads: the hostile inputs `npm run fuzz` feeds the library. */

/** A small fast seeded PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const pick = <Item>(rng: Rng, items: readonly Item[]): Item => items[Math.floor(rng() * items.length)] as Item;

const MIB = 'x'.repeat(1024 * 1024);
const HOSTILE_STRINGS = [
  '', ' ', 'x', '%', '%E0%A4%A', '%FF', '%C3', '+%2B+', '\u0000', '\ud800', '💥'.repeat(1000), MIB,
  '__proto__', 'constructor', 'prototype', '{', '{"Records":[', 'null', 'aws:s3', 'aws:sqs', 'aws:sns', 'aws.s3',
  'ObjectCreated:Put', 's3:TestEvent', 'Notification', 'Object Created', 'Object Deleted', 'POST Object',
];

function hostileValue(rng: Rng, depth = 0, deep = false): Json {
  switch (Math.floor(rng() * 12)) {
    case 0: return null;
    case 1: return rng() < 0.5;
    case 2: return pick(rng, [0, -1, 1.5, 2 ** 53, -0, 1e308, Number.MAX_SAFE_INTEGER + 2]);
    case 3:
    case 4: return pick(rng, HOSTILE_STRINGS);
    case 5: return String.fromCodePoint(...Array.from({ length: 1 + Math.floor(rng() * 20) }, () => Math.floor(rng() * 0x110000)));
    case 6: return depth > 3 ? [] : Array.from({ length: Math.floor(rng() * 4) }, () => hostileValue(rng, depth + 1));
    case 7: return depth > 3 ? {} : { [pick(rng, HOSTILE_STRINGS)]: hostileValue(rng, depth + 1) };
    // Deep nesting only where nothing recursive walks it afterwards (the top level).
    case 8: return deep ? nest(rng, Math.floor(rng() * 3000)) : [[[[hostileValue(rng, depth + 1)]]]];
    case 9: return { __proto__: { polluted: true } } as unknown as Json;
    default: return JSON.stringify(hostileValue(rng, depth + 1)) ?? 'undefined';
  }
}

function nest(rng: Rng, depth: number): Json {
  let value: Json = 'deep';
  for (let level = 0; level < depth; level++) value = rng() < 0.5 ? [value] : { Records: [value] } as Json;
  return value;
}

/** Every container in a JSON tree, with a way to change each of its slots. */
function slots(root: Json): Array<{ parent: Json[] | { [key: string]: Json }; key: string | number }> {
  const found: Array<{ parent: Json[] | { [key: string]: Json }; key: string | number }> = [];
  const stack: Json[] = [root];
  while (stack.length > 0 && found.length < 5000) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      value.forEach((item, index) => { found.push({ parent: value, key: index }); stack.push(item); });
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) { found.push({ parent: value, key }); stack.push(value[key] as Json); }
    }
  }
  return found;
}

/** The JSON strings inside a value (SQS bodies, SNS messages) are payloads too: parse them so mutations reach inside. */
function unfold(value: Json): Json {
  if (typeof value === 'string' && (value.startsWith('{') || value.startsWith('['))) {
    try { return { __unfolded: unfold(JSON.parse(value) as Json) }; } catch { return value; }
  }
  if (Array.isArray(value)) return value.map(unfold);
  if (value !== null && typeof value === 'object') {
    const copy: { [key: string]: Json } = {};
    for (const key of Object.keys(value)) copy[key] = unfold(value[key] as Json);
    return copy;
  }
  return value;
}

function fold(value: Json): Json {
  if (Array.isArray(value)) return value.map(fold);
  if (value !== null && typeof value === 'object') {
    if ('__unfolded' in value && Object.keys(value).length === 1) return JSON.stringify(fold(value['__unfolded'] as Json));
    const copy: { [key: string]: Json } = {};
    for (const key of Object.keys(value)) copy[key] = fold(value[key] as Json);
    return copy;
  }
  return value;
}

/** One structural mutation at a random place (inside nested JSON strings too). */
export function mutate(seed: unknown, rng: Rng): unknown {
  const tree = unfold(structuredClone(seed) as Json);
  const places = slots(tree);
  const rounds = 1 + Math.floor(rng() * 3);
  for (let round = 0; round < rounds && places.length > 0; round++) {
    const { parent, key } = pick(rng, places);
    const op = rng();
    if (op < 0.3) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (op < 0.85) {
      (parent as Record<string | number, Json>)[key] = hostileValue(rng);
    } else if (!Array.isArray(parent)) {
      parent[pick(rng, ['__proto__', 'constructor', 'prototype', 'extra'])] = hostileValue(rng);
    }
  }
  return fold(tree);
}

/** A text-level mutation of the JSON: truncation, a flipped character, or a `__proto__` key spliced in. */
export function mutateText(seed: unknown, rng: Rng): string {
  const text = JSON.stringify(seed);
  const at = Math.floor(rng() * text.length);
  const op = rng();
  if (op < 0.4) return text.slice(0, at);
  if (op < 0.7) return text.slice(0, at) + pick(rng, ['"', '\\', '{', ']', ',', '\u0000', '%']) + text.slice(at + 1);
  return text.replace(/\{/g, (brace) => (rng() < 0.2 ? '{"__proto__":{"polluted":true},' : brace));
}

/** A random JSON-ish value with no seed at all. */
export function generate(rng: Rng): unknown {
  return hostileValue(rng, 0, true);
}
