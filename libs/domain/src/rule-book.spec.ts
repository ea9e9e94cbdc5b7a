import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The `rule` ids the domain gives clients are the ones docs/domain.md defines, each defined once. */

const RULE_ID = /\b(?:GEN|AUTH|KP|ORD|ESC|IND|CIR|PD|DOC|TGT|ASM|PUB|EVA|REM|TODO|MSG)-[A-Z]+-\d+\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const ruleBook = readFileSync(join(__dirname, '../../../docs/domain.md'), 'utf8');
const defined = [
  ...ruleBook.matchAll(/^\s*- \*\*((?:GEN|AUTH|KP|ORD|ESC|IND|CIR|PD|DOC|TGT|ASM|PUB|EVA|REM|TODO|MSG)-[A-Z]+-\d+)\*\*/gm),
].map((m) => m[1]);
const used = new Set(sources(__dirname).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(RULE_ID)].map((m) => m[0])));

it('defines every rule id once', () => {
  expect(defined.filter((id, i) => defined.indexOf(id) !== i)).toEqual([]);
  expect(defined.length).toBeGreaterThan(40);
});

it('defines every rule id the domain refers to', () => {
  expect([...used].filter((id) => !defined.includes(id)).sort()).toEqual([]);
});

it('mentions no rule id it does not define', () => {
  const mentioned = new Set(ruleBook.match(RULE_ID));
  expect([...mentioned].filter((id) => !defined.includes(id)).sort()).toEqual([]);
});
