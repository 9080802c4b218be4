// Entry point that VS Code's test runner loads inside the extension host (the `extensionTestsPath` contract of
// @vscode/test-electron and of code-server's payload URL): run() resolves when every test passed.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** The line runners read to count results; mocha's own "N passing" is not parsed by CI. */
export const RESULT_PREFIX = 'alexnet-vscode-suite result:';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  // Files run in name order: the training test leaves the checkpoint that the classification test uses.
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures };
      console.log(`${RESULT_PREFIX} ${stats.passes} passed, ${stats.failures} failed`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
