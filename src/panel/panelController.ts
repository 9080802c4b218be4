/**
 * The side panel's host half: keeps the PanelState, applies each update to it and forwards the update to the
 * webview once it has said `ready`; sends a full snapshot on `ready` and whenever the view is shown again.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { HostToPanel, PanelSection, PanelToHost, parsePanelMessage } from '../shared/panelProtocol';
import { applyHostMessage } from '../shared/panelReducer';
import { PanelState, PredictionView, initialPanelState } from '../shared/panelState';
import { panelHtml } from './panelHtml';

export const PANEL_VIEW_ID = 'alexnet.panel';

export interface PanelEvents {
  onMessage(message: PanelToHost): void;
  /** Called on each `ready`, after the snapshot went out: a chance to fetch what the panel still lacks. */
  onReady(): void;
}

export class PanelController implements vscode.WebviewViewProvider, vscode.Disposable {
  private state: PanelState;
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private pendingReveal: PanelSection | undefined;
  private revealTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** data: URIs of classified images outside the folders the webview may load from. */
  private readonly inlineThumbnails = new Map<string, string>();
  /** Waiters for the page's next `ready` (tests and other extensions, through activate()'s API). */
  private readyWaiters: (() => void)[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly events: PanelEvents,
    trusted: boolean,
  ) {
    this.state = initialPanelState(trusted);
  }

  get current(): PanelState {
    return this.state;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Resolves once the webview has loaded and said `ready` (at once if it already has). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: this.resourceRoots() };
    view.webview.html = panelHtml(view.webview, this.extensionUri);
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidChangeVisibility(() => {
        // A hidden view's page is usually destroyed and reloaded when shown (it then says `ready` again); if it
        // was kept, it is still listening. Either way: send a snapshot now and treat the page as listening.
        if (view.visible) {
          this.ready = true;
          this.postSnapshot();
        } else {
          this.ready = false;
        }
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  /** Applies an update to the state and forwards it when the webview listens. */
  update(msg: HostToPanel): void {
    this.state = applyHostMessage(this.state, msg);
    if (msg.type === 'predictions') {
      this.post({ type: 'predictions', items: msg.items.map((p) => this.withThumbnail(p)) });
    } else if (msg.type === 'snapshot') {
      this.postSnapshot();
    } else {
      this.post(msg);
    }
  }

  /** Remembers a data: URI for an image the webview cannot load from disk. */
  setInlineThumbnail(file: string, dataUri: string): void {
    this.inlineThumbnails.set(file, dataUri);
  }

  /** Whether the webview may load this file directly (it lies under a local resource root). */
  canLoad(file: string): boolean {
    return this.resourceRoots().some((root) => isInside(root.fsPath, file));
  }

  /** A URI the webview may load for an image: inline if remembered, from disk under a resource root, else null. */
  thumbnailUri(file: string): string | null {
    return this.withThumbnail({ file, thumbnail: null, checkpoint: '', top: [], at: '' }).thumbnail;
  }

  clearPredictions(): void {
    this.state = { ...this.state, predictions: [] };
    for (const key of [...this.inlineThumbnails.keys()]) this.inlineThumbnails.delete(key);
    this.postSnapshot();
  }

  /** Shows the panel and scrolls to a section. */
  async reveal(section?: PanelSection): Promise<void> {
    await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
    if (!section) return;
    this.post({ type: 'reveal', section });
    // The page may be reloading after having been hidden: repeat the reveal after its `ready`, if that comes soon.
    this.pendingReveal = section;
    clearTimeout(this.revealTimer);
    this.revealTimer = setTimeout(() => (this.pendingReveal = undefined), 5000);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private resourceRoots(): vscode.Uri[] {
    // dist (script) and media (css); workspace folders so classified images show as thumbnails.
    return [
      vscode.Uri.joinPath(this.extensionUri, 'dist'),
      vscode.Uri.joinPath(this.extensionUri, 'media'),
      ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
    ];
  }

  private receive(raw: unknown): void {
    const parsed = parsePanelMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`[panel] ignored a message from the webview: ${parsed.reason}`);
      return;
    }
    const msg = parsed.message;
    if (msg.type === 'ready') {
      this.ready = true;
      this.postSnapshot();
      if (this.pendingReveal) {
        this.post({ type: 'reveal', section: this.pendingReveal });
        this.pendingReveal = undefined;
      }
      this.events.onReady();
      const waiters = this.readyWaiters;
      this.readyWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    this.events.onMessage(msg);
  }

  private postSnapshot(): void {
    const state = { ...this.state, predictions: this.state.predictions.map((p) => this.withThumbnail(p)) };
    this.post({ type: 'snapshot', state });
  }

  private withThumbnail(p: PredictionView): PredictionView {
    const webview = this.view?.webview;
    if (!webview) return p;
    const inline = this.inlineThumbnails.get(p.file);
    const thumbnail = inline ?? (this.canLoad(p.file) ? webview.asWebviewUri(vscode.Uri.file(p.file)).toString() : null);
    return { ...p, thumbnail };
  }

  private post(msg: HostToPanel): void {
    if (!this.view || !this.ready) return; // the snapshot after the next `ready` carries it
    void this.view.webview.postMessage(msg).then(undefined, (err: Error) => this.log.warn(`[panel] post failed: ${err.message}`));
  }
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
