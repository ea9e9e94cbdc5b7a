// Validates every manifest in deploy/k8s against the Kubernetes OpenAPI schemas (the `kubernetes-models`
// package: one model and JSON schema per apiVersion/kind), and checks itself: a broken copy of a
// Deployment must fail. Usage: node deploy/k8s/validate.mjs [file.yaml…]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(here).filter((f) => f.endsWith('.yaml')).map((f) => join(here, f));

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  const module = await import(`kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`);
  return module[kind];
}

async function validate(doc) {
  const { apiVersion, kind } = doc;
  if (!apiVersion || !kind) throw new Error('apiVersion and kind are required');
  const Model = await modelFor(apiVersion, kind);
  new Model(doc).validate();
}

let failures = 0;
let checked = 0;
for (const file of files) {
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (document.errors.length) throw new Error(`${file}: ${document.errors[0].message}`);
    const doc = document.toJS();
    if (!doc) continue;
    try {
      await validate(doc);
      checked++;
    } catch (error) {
      failures++;
      console.error(`${file}: ${doc.kind}/${doc.metadata?.name}: ${error.message}`);
    }
  }
}

// The validator must be able to fail: a probe port of the wrong type and an unknown field.
const broken = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'broken' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: {
      metadata: { labels: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'i', readinessProbe: { httpGet: { path: '/', port: { no: 'object' } } }, replicas: 2 }] },
    },
  },
};
let brokenFailed = false;
try {
  await validate(broken);
} catch {
  brokenFailed = true;
}
if (!brokenFailed) {
  console.error('self-check failed: a malformed Deployment validated');
  failures++;
}
if (failures) {
  console.error(`${failures} manifest problem(s)`);
  process.exit(1);
}
console.log(`${checked} Kubernetes objects valid against the schemas (kubernetes-models); a malformed one is refused`);
