// What a person does in the VS Code workbench, as playwright steps: palette commands, quick picks, the activity
// bar, webview views (nested iframes), the Explorer's context menu, notifications. Selectors are VS Code 1.100's.
import { FrameLocator, Locator, Page } from 'playwright-core';

export const EXTENSION_ID = 'alexnet-trainer.alexnet-trainer';

export class Workbench {
  constructor(readonly page: Page) {}

  async waitReady(timeoutMs = 90_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  }

  /** Drags the side bar's edge to `width` px, so the panel's charts and tables show in the screenshots. */
  async widenSideBar(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) return;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  activityIcon(label: string): Locator {
    return this.page.locator(`.activitybar .action-item [aria-label^="${label}"]`).first();
  }

  /**
   * Shows a view container. Clicking the icon of the one already shown hides the side bar instead, and the
   * extension may be revealing its panel at this very moment (Train does), so look twice before clicking.
   */
  async openActivity(label: string): Promise<void> {
    const item = this.page.locator('.activitybar .action-item').filter({ has: this.page.locator(`[aria-label^="${label}"]`) }).first();
    await item.waitFor();
    const shown = async () =>
      /\bchecked\b/.test((await item.getAttribute('class')) ?? '') && (await this.page.locator('.part.sidebar').isVisible());
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await shown()) return;
      await this.page.waitForTimeout(1000);
      if (await shown()) return;
      await this.activityIcon(label).click();
      await this.page.waitForTimeout(500);
    }
    throw new Error(`could not show the ${label} view container`);
  }

  /**
   * Runs a palette command by its full title. The palette snapshots the command list when it opens, so an
   * extension that is still loading shows "No matching commands": close it and try again.
   */
  async runCommand(title: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`>${title}`);
      // Fuzzy matching could rank another "AlexNet: ..." entry first: click the exact one.
      const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({
        has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
      }).first();
      try {
        await row.waitFor({ timeout: 3000 });
        await row.click();
        // A pointer left resting on the palette raises a hover where the command's own QuickPick opens next,
        // and that hover swallows the click on its rows (seen in CI).
        await this.page.mouse.move(1, 1);
        return;
      } catch (err) {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw err;
        await this.page.waitForTimeout(1000);
      }
    }
  }

  quickPickRow(text: string | RegExp): Locator {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first();
  }

  /** The webview view or panel of this extension: VS Code nests the page in two iframes. */
  webview(): FrameLocator {
    return this.page
      .frameLocator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`)
      .frameLocator('#active-frame');
  }

  /** Toasts can be hidden (smoke-test mode, do-not-disturb); the notification centre always lists them. */
  async notification(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const item = this.page
      .locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item', { hasText: text })
      .first();
    try {
      await item.waitFor({ timeout: timeoutMs });
    } catch {
      await this.runCommand('Notifications: Show Notifications');
      await item.waitFor({ timeout: 5000 });
    }
    // The message itself; the item's whole text also holds its source and buttons.
    return (await item.locator('.notification-list-item-message').first().innerText()).replace(/\s+/g, ' ').trim();
  }

  /**
   * Waits for `target`, but fails at once with the message of an error notification that shows up meanwhile
   * (a failed training run says so in a toast long before any timeout).
   */
  async waitUnlessError(target: Locator, timeoutMs: number): Promise<void> {
    const error = this.page.locator('.notification-toast, .notifications-center .notification-list-item')
      .filter({ has: this.page.locator('.codicon-error') }).first();
    let stop = false;
    const watchError = (async () => {
      while (!stop) {
        try {
          await error.waitFor({ timeout: 1000 });
        } catch {
          continue;
        }
        throw new Error(`error notification: ${(await error.innerText()).split('\n')[0]}`);
      }
    })();
    try {
      await Promise.race([target.waitFor({ timeout: timeoutMs }), watchError]);
    } finally {
      stop = true;
      await watchError.catch(() => undefined);
    }
  }

  explorerRow(name: string): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row').filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }),
    }).first();
  }

  /** Expands folders one by one, like clicking down the tree, and returns the last row. */
  async revealInExplorer(segments: string[]): Promise<Locator> {
    await this.openActivity('Explorer');
    let row: Locator | undefined;
    for (const [i, name] of segments.entries()) {
      row = this.explorerRow(name);
      await row.waitFor({ timeout: 30_000 });
      const isLast = i === segments.length - 1;
      if (!isLast && (await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    }
    if (!row) throw new Error('empty path');
    return row;
  }

  /** A row of a tree view (such as AlexNet's Runs) by its label, e.g. 'last'. */
  treeRow(viewLabel: string, label: string): Locator {
    const pane = this.page.locator('.part.sidebar .pane').filter({
      has: this.page.locator('.pane-header .title', { hasText: new RegExp(`^${escapeRegExp(viewLabel)}$`, 'i') }),
    });
    return pane.locator('.monaco-list-row').filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    }).first();
  }

  /**
   * Waits for `child` under a tree row, expanding the row whenever it shows collapsed. The tree refreshes a moment
   * after files change, so a row may be expanded with its child not drawn yet: clicking it then would fold it.
   */
  async expandUntil(row: Locator, child: Locator, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await child.isVisible())) {
      if (Date.now() > end) return child.waitFor({ timeout: 1 });
      if ((await row.getAttribute('aria-expanded').catch(() => null)) === 'false') await row.click();
      await this.page.waitForTimeout(500);
    }
  }

  /** Answers a modal dialog (showWarningMessage with modal: true) with one of its buttons. */
  async answerDialog(button: string | RegExp, whileOpen?: () => Promise<void>, timeoutMs = 10_000): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: timeoutMs });
    const text = (await dialog.locator('.dialog-message-text').innerText()).trim();
    await whileOpen?.();
    await dialog.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    return text;
  }

  /** Right-click -> menu item. VS Code's menu ignores a click that comes right after it opens. */
  async contextMenu(row: Locator, item: string, whileOpen?: () => Promise<void>): Promise<void> {
    await row.click({ button: 'right' });
    const entry = this.page.getByRole('menuitem', { name: item, exact: true });
    await entry.waitFor({ timeout: 10_000 });
    await this.page.waitForTimeout(300);
    await entry.hover();
    await whileOpen?.();
    await entry.click();
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
