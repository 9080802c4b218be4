import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

interface Step {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; walkthroughs: { steps: Step[] }[] };
};

// Step texts are %keys% into the package.nls files: each language's text must carry the same command button.
const nlsFiles = ['package.nls.json', 'package.nls.zh-cn.json'];
const nls = nlsFiles.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, string>);
const localised = (text: string, bundle: Record<string, string>) => text.replace(/^%(.+)%$/, (_, key: string) => bundle[key] ?? text);

test('Get Started: each step has a button for a contributed command, completes on that command (or its view), and its page exists', () => {
  const commands = new Set(pkg.contributes.commands.map((c) => c.command));
  const views = new Set(Object.values(pkg.contributes.views).flat().map((v) => v.id));
  const [walkthrough] = pkg.contributes.walkthroughs;
  assert.deepEqual(walkthrough.steps.map((s) => s.id), ['sample', 'train', 'curves', 'classify', 'layers']);
  for (const step of walkthrough.steps) {
    const buttons = nls.map((bundle) => /\(command:([\w.]+)\)/.exec(localised(step.description, bundle))?.[1]);
    const button = buttons[0];
    assert.ok(button, `${step.id}: no command button`);
    buttons.forEach((b, i) => assert.equal(b, button, `${step.id}: ${nlsFiles[i]} has another button`));
    const view = button.endsWith('.focus') ? button.slice(0, -'.focus'.length) : undefined;
    if (view) {
      assert.ok(views.has(view), `${step.id}: ${view} is not a contributed view`);
      assert.deepEqual(step.completionEvents, [`onView:${view}`]);
    } else {
      assert.ok(commands.has(button), `${step.id}: ${button} is not a contributed command`);
      assert.deepEqual(step.completionEvents, [`onCommand:${button}`]);
    }
    assert.ok(step.media.markdown && fs.existsSync(path.join(step.media.markdown)), `${step.id}: ${step.media.markdown} missing`);
  }
});

// VS Code shows a step's page as <page>.nls.<language>.md when there is one (then <page>.nls.<lang>.md, then <page>.md).
test('Get Started pages have zh-CN versions, in Chinese, with the same code and settings', () => {
  const [walkthrough] = pkg.contributes.walkthroughs;
  const code = (text: string) => [...text.matchAll(/`[^`]+`/g)].map((m) => m[0]).sort();
  for (const step of walkthrough.steps) {
    const page = step.media.markdown ?? '';
    const zh = page.replace(/\.md$/, '.nls.zh-cn.md');
    assert.ok(fs.existsSync(zh), `${step.id}: ${zh} missing`);
    const [english, chinese] = [page, zh].map((f) => fs.readFileSync(f, 'utf8'));
    assert.match(chinese, /^# \S*[\u4e00-\u9fff]/, `${zh}: a Chinese heading`);
    assert.deepEqual(code(chinese), code(english), `${zh}: the code spans of ${page}`);
    // Chinese has no spaces between words: a line break inside a sentence would show as a stray space.
    const broken = chinese.split('\n').filter((line, i, all) => /[\u4e00-\u9fff，。；：）]$/.test(line) && /^[\u4e00-\u9fff（]/.test(all[i + 1] ?? ''));
    assert.deepEqual(broken, [], `${zh}: sentences broken across lines`);
  }
});
