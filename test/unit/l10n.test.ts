/**
 * Translations stay complete and current: every string the code passes to l10n.t() and every %key% of package.json
 * is in the English and the zh-CN files, no file keeps a key nothing uses, and each translation keeps its
 * placeholders. The used keys are extracted with @vscode/l10n-dev, the tool that writes l10n/bundle.l10n.json.
 */
import { getL10nJson } from '@vscode/l10n-dev';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');
const LANGUAGES = ['zh-cn'];

type Bundle = Record<string, string | { message: string; comment: string[] }>;

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(path.join(root, file), 'utf8')) as T;
}

async function sources(dir: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, dir), { recursive: true });
  return entries.map(String).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(dir, f));
}

/** Keys the code uses, as `npm run l10n` extracts them. */
async function usedKeys(): Promise<Set<string>> {
  const files = [...(await sources('src')), ...(await sources('webview'))];
  const contents = await Promise.all(files.map(async (f) => ({ extension: '.ts', contents: await fs.readFile(path.join(root, f), 'utf8') })));
  return new Set(Object.keys(await getL10nJson(contents)));
}

function manifestKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    if (m) into.add(m[1]);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) manifestKeys(v, into);
  }
  return into;
}

/** Placeholders such as {0} and markdown command links must survive translation. */
function tokens(text: string): string[] {
  return [...text.matchAll(/\{\d+\}|\(command:[^)]+\)|`[^`]+`/g)].map((m) => m[0]).sort();
}

function message(v: Bundle[string]): string {
  return typeof v === 'string' ? v : v.message;
}

function compare(name: string, used: Set<string>, english: Bundle, translated: Record<string, Bundle>): void {
  const missingEnglish = [...used].filter((k) => !(k in english));
  assert.deepEqual(missingEnglish, [], `${name}: keys the code uses but the English file lacks (run npm run l10n)`);
  const unusedEnglish = Object.keys(english).filter((k) => !used.has(k));
  assert.deepEqual(unusedEnglish, [], `${name}: keys in the English file that nothing uses`);
  for (const [lang, bundle] of Object.entries(translated)) {
    assert.deepEqual([...used].filter((k) => !(k in bundle)), [], `${name}: keys missing from ${lang}`);
    assert.deepEqual(Object.keys(bundle).filter((k) => !used.has(k)), [], `${name}: keys in ${lang} that nothing uses`);
    for (const [k, v] of Object.entries(bundle)) {
      if (k in english) assert.deepEqual(tokens(message(v)), tokens(message(english[k])), `${name} ${lang}: placeholders of "${k}"`);
    }
  }
  console.log(`${name}: ${used.size} keys used; ${Object.entries(translated).map(([l, b]) => `${l} has ${Object.keys(b).filter((k) => used.has(k)).length}/${used.size}`).join(', ')}`);
}

/** Fields VS Code shows to people: in package.json they must be %key% references, never literal text. */
const SHOWN_FIELDS = new Set(['displayName', 'description', 'markdownDescription', 'title', 'shortTitle', 'name', 'contents', 'category', 'label',
  'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'markdownDeprecationMessage']);

function literalStrings(value: unknown, at: string, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => literalStrings(v, `${at}[${i}]`, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const shown = SHOWN_FIELDS.has(k) && k !== 'name' ? true : k === 'name' && at.includes('.views.');
      const texts = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
      if (shown && texts) texts.forEach((t, i) => !/^%.+%$/.test(t) && into.push(`${at}.${k}${texts.length > 1 || Array.isArray(v) ? `[${i}]` : ''}: ${t}`));
      else literalStrings(v, `${at}.${k}`, into);
    }
  }
  return into;
}

test('package.json shows no literal text: every contributed string is a %key%', async () => {
  const pkg = await readJson<Record<string, unknown>>('package.json');
  const { displayName, description, capabilities, contributes } = pkg;
  assert.deepEqual(literalStrings({ displayName, description, capabilities, contributes }, 'package.json'), []);
});

test('package.nls files cover exactly the %keys% package.json uses', async () => {
  const used = manifestKeys(await readJson('package.json'));
  const translated = Object.fromEntries(await Promise.all(LANGUAGES.map(async (l) => [l, await readJson<Bundle>(`package.nls.${l}.json`)] as const)));
  compare('package.nls', used, await readJson<Bundle>('package.nls.json'), translated);
});

test('l10n bundles cover exactly the strings the code passes to l10n.t()', async () => {
  const pkg = await readJson<{ l10n?: string }>('package.json');
  assert.equal(pkg.l10n, './l10n', 'package.json names the bundle folder');
  const used = await usedKeys();
  assert.ok(used.size > 50, `only ${used.size} strings found: is the extraction working?`);
  const translated = Object.fromEntries(await Promise.all(LANGUAGES.map(async (l) => [l, await readJson<Bundle>(`l10n/bundle.l10n.${l}.json`)] as const)));
  compare('bundle.l10n', used, await readJson<Bundle>('l10n/bundle.l10n.json'), translated);
});
