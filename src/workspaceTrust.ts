/** Restricted Mode: what reads and decodes workspace files, or runs the trainer on them, asks for trust first. */
import * as vscode from 'vscode';

/** In Restricted Mode, says why `what` is unavailable and offers to manage trust; true when trusted. */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t(
        'AlexNet: {0} is disabled in Restricted Mode. It reads and decodes files from this workspace and runs the trainer process on them; trust the workspace to enable it.',
        what,
      ),
      manage,
    )
    .then((choice) => {
      if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
