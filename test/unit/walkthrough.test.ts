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
