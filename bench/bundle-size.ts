/**
 * Bundle size of a tiny Lambda handler per library: esbuild `--bundle --minify --platform=node
 * --format=esm` (the settings of research/anchors.md §(ii)), gzip level 9.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { DIST_ESM, ROOT } from './dist.js';

export interface BundleTarget {
  readonly id: string;
  readonly label: string;
  readonly handler: string;
}

export interface BundleResult extends BundleTarget {
  readonly minBytes: number;
  readonly gzipBytes: number;
  /** Files from `@aws-sdk/*` or `@smithy/*` with bytes in the output, and whether the output names `@aws-sdk`. */
  readonly awsSdkInputs: string[];
  readonly mentionsAwsSdk: boolean;
  /** How the AWS SDK got in: `importer → import path` for each edge from our code into `@aws-sdk`/`@smithy`. */
  readonly awsSdkTrail: string[];
}

export const BUNDLE_TARGETS: readonly BundleTarget[] = [
  {
    id: 'ours',
    label: 's3-event-kit (dist)',
    handler: `import { normalize } from ${JSON.stringify(DIST_ESM)};
export const handler = async (event) => { for (const e of normalize(event)) console.log(e.name, e.bucket, e.key); };`,
  },
  {
    id: 'powertools',
    label: 'Powertools parser (SqsEnvelope + SnsSqsEnvelope, S3Schema)',
    handler: `import { parse } from '@aws-lambda-powertools/parser';
import { SqsEnvelope } from '@aws-lambda-powertools/parser/envelopes/sqs';
import { SnsSqsEnvelope } from '@aws-lambda-powertools/parser/envelopes/sns-sqs';
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
const schema = JSONStringified(S3Schema);
export const handler = async (event) => {
  const sns = JSON.parse(event.Records[0].body).Type === 'Notification';
  for (const m of parse(event, sns ? SnsSqsEnvelope : SqsEnvelope, schema))
    for (const r of m.Records) console.log(r.eventName, r.s3.bucket.name, decodeURIComponent(r.s3.object.key.replace(/\\+/g, ' ')));
};`,
  },
  {
    id: 'middy',
    label: '@middy/event-normalizer (without @middy/core)',
    handler: `import eventNormalizer from '@middy/event-normalizer';
const { before } = eventNormalizer();
export const handler = async (event) => {
  await before({ event });
  for (const r of event.Records) {
    const s3 = r.body.Type === 'Notification' ? r.body.Message : r.body;
    for (const x of s3.Records) console.log(x.eventName, x.s3.bucket.name, x.s3.object.key);
  }
};`,
  },
];

const AWS_SDK = /(^|\/)node_modules\/(@aws-sdk|@smithy)\//;

export async function measureBundle(target: BundleTarget): Promise<BundleResult> {
  const result = await build({
    stdin: { contents: target.handler, resolveDir: ROOT, sourcefile: `${target.id}-handler.mjs`, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${target.label}`);
  // `metafile.inputs` lists every file esbuild read, tree-shaken or not; what ships is in the output's inputs.
  const output = Object.values(result.metafile.outputs)[0];
  const shipped = new Set(Object.entries(output?.inputs ?? {}).filter(([, v]) => v.bytesInOutput > 0).map(([path]) => path));
  const awsSdkInputs = [...shipped].filter((p) => AWS_SDK.test(p));
  const awsSdkTrail: string[] = [];
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    if (AWS_SDK.test(path) || !shipped.has(path)) continue;
    for (const edge of input.imports) {
      if (AWS_SDK.test(edge.path) && shipped.has(edge.path)) awsSdkTrail.push(`${path} → ${edge.original ?? edge.path} (${edge.kind})`);
    }
  }
  if (file.text.includes('@aws-sdk') && awsSdkTrail.length === 0) awsSdkTrail.push('the bundle text names "@aws-sdk" (an unresolved import?)');
  return {
    ...target,
    minBytes: file.contents.byteLength,
    gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength,
    awsSdkInputs,
    mentionsAwsSdk: file.text.includes('@aws-sdk'),
    awsSdkTrail,
  };
}
