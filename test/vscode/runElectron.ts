// Runs the same in-host suite on desktop VS Code through @vscode/test-electron, for contributors whose machine can
// download VS Code (update.code.visualstudio.com). Usage: npm run build && node out/test/vscode/runElectron.js
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './harness/paths';
import { prepareSuiteWorkspace } from './harness/suiteWorkspace';

async function main(): Promise<void> {
  const root = repoRoot();
  const workspace = await prepareSuiteWorkspace();
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
