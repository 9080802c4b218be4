/**
 * Inside the network, for the panel: asks the trainer for feature maps, conv1 filters, Grad-CAM and per-file
 * predictions, and shows them. Commands and panel messages call it; it never touches tfjs itself.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { RunsModel } from '../runs/runsModel';
import { CheckpointInfo } from '../runs/runStore';
import { BackendChoice } from '../shared/backendReport';
import { ClassifyResult } from '../shared/checkpointMeta';
import { cellFiles, FilePrediction } from '../shared/inspect';
import { GalleryView, InspectView, MAX_GALLERY_ITEMS } from '../shared/inspectView';
import { CHECKPOINT_KINDS, checkpointDir } from '../shared/runLayout';
import { TrainerClient } from '../trainer/trainerClient';
import { PanelController } from './panelController';

export interface InspectorDeps {
  panel: PanelController;
  runs: RunsModel;
  trainer: () => TrainerClient;
  backend: () => BackendChoice;
  log: { warn(message: string): void; error(message: string): void };
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class Inspector {
  private seq = 0;
  /** The last Classify Folder with labels: its evaluation's cells are answered from its files. */
  private folder: { source: string; files: FilePrediction[] } | undefined;
  /** meta.json's createdAt of the checkpoint the shown maps came from: a checkpoint rewritten since (a new epoch) is asked again. */
  private mapsFrom = '';

  constructor(private readonly deps: InspectorDeps) {}

  /** Classify Folder showed an evaluation: keep its per-file list for the cells. */
  rememberFolder(source: string, result: ClassifyResult): void {
    const files = result.files.flatMap((f) =>
      f.trueClass !== undefined && f.predicted !== undefined && f.probability !== undefined ? [{ file: f.file, trueClass: f.trueClass, predicted: f.predicted, probability: f.probability }] : [],
    );
    this.folder = { source, files };
  }

  /** Feature maps of an image (default: the one shown, else the latest classified, else one the user picks). */
  async featureMaps(image?: string, layer?: string): Promise<InspectView | null> {
    const info = await this.checkpoint();
    if (!info) return null;
    const cp = info.dir;
    const stamp = info.meta?.createdAt ?? '';
    const current = this.deps.panel.current.inspect;
    const file = image ?? current?.image ?? this.deps.panel.current.predictions[0]?.file ?? (await pickImage());
    if (!file) return null;
    if (current?.maps && current.image === file && current.checkpoint === cp && !current.failed && stamp === this.mapsFrom) {
      this.show({ ...current, layer: layer ?? current.layer });
      return this.deps.panel.current.inspect;
    }
    const seq = ++this.seq;
    const base: InspectView = {
      checkpoint: cp,
      classes: current?.checkpoint === cp ? current.classes : [],
      image: file,
      thumbnail: this.deps.panel.thumbnailUri(file),
      maps: null,
      layer: layer ?? current?.layer ?? null,
      filters: current?.checkpoint === cp ? current.filters : null,
      status: vscode.l10n.t('computing the feature maps of {0}…', path.basename(file)),
      failed: false,
    };
    this.show(base);
    try {
      const reply = await this.deps.trainer().request('featureMaps', { checkpoint: cp, image: file, backend: this.deps.backend() });
      if (seq === this.seq) {
        this.mapsFrom = stamp;
        this.show({ ...base, classes: reply.classes, maps: reply.maps, status: '' });
      }
    } catch (err) {
      this.deps.log.error(`feature maps of ${file}: ${errorText(err)}`);
      if (seq === this.seq) this.show({ ...base, status: vscode.l10n.t('No feature maps: {0}', errorText(err)), failed: true });
    }
    return this.deps.panel.current.inspect;
  }

  /** conv1's filters of the checkpoint in use, trained and at initialisation. */
  async filters(): Promise<void> {
    const cp = (await this.checkpoint())?.dir;
    if (!cp) return;
    const current = this.deps.panel.current.inspect;
    const keep = current?.checkpoint === cp ? current : null;
    const base: InspectView = keep ?? { checkpoint: cp, classes: [], image: null, thumbnail: null, maps: null, layer: null, filters: null, status: '', failed: false };
    this.show({ ...base, status: vscode.l10n.t('reading conv1’s filters…'), failed: false });
    try {
      const filters = await this.deps.trainer().request('filters', { checkpoint: cp, backend: this.deps.backend() });
      this.show({ ...(this.deps.panel.current.inspect ?? base), filters, status: '', failed: false });
    } catch (err) {
      this.show({ ...base, status: vscode.l10n.t('No filters: {0}', errorText(err)), failed: true });
    }
  }

  /** Grad-CAM for a prediction card, with the checkpoint that classified it. */
  async explain(file: string, at: string, className?: string): Promise<void> {
    const card = this.deps.panel.current.predictions.find((p) => p.file === file && p.at === at);
    if (!card) return;
    try {
      const cam = await this.deps.trainer().request('explain', { checkpoint: card.checkpoint, image: file, className, backend: this.deps.backend() });
      this.deps.panel.update({ type: 'predictionCam', file, at, cam });
    } catch (err) {
      this.deps.log.error(`Grad-CAM of ${file}: ${errorText(err)}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('AlexNet: no Grad-CAM for {0}: {1}', path.basename(file), errorText(err)));
    }
  }

  /** The images of confusion cell [row][col] of the evaluation shown. */
  async openCell(row: number, col: number): Promise<GalleryView | null> {
    const state = this.deps.panel.current;
    const ev = state.evaluation;
    if (!ev || row >= ev.classes.length || col >= ev.classes.length) return null;
    const trueClass = ev.classes[row];
    const predicted = ev.classes[col];
    let files: FilePrediction[] | undefined;
    let source = ev.source;
    let missing = '';
    if (this.folder && this.folder.source === ev.source) {
      files = this.folder.files;
    } else if (state.training.runDir && ev.epoch !== undefined) {
      for (const kind of CHECKPOINT_KINDS) {
        const dir = checkpointDir(state.training.runDir, kind);
        const p = await this.deps.trainer().request('predictions', { checkpoint: dir }).catch(() => null);
        if (p && p.epoch === ev.epoch) {
          files = p.files;
          source = `${ev.source}, ${kind}/`;
          break;
        }
      }
      if (!files) missing = vscode.l10n.t('Per-file predictions are kept for the best and last epochs of a run (in best/ and last/predictions.json); epoch {0} is neither, or the run predates them.', ev.epoch);
    } else {
      missing = vscode.l10n.t('Per-file predictions come with a training run’s epochs and with Classify Folder on a folder of class folders.');
    }
    const cell = files ? cellFiles(files, trueClass, predicted) : [];
    const gallery: GalleryView = {
      source,
      trueClass,
      predicted,
      items: cell.slice(0, MAX_GALLERY_ITEMS).map((f) => ({ ...f, thumbnail: this.deps.panel.thumbnailUri(f.file) })),
      total: files ? cell.length : ev.confusion[row][col],
      missing,
    };
    this.deps.panel.update({ type: 'gallery', gallery });
    return gallery;
  }

  private show(inspect: InspectView): void {
    this.deps.panel.update({ type: 'inspect', inspect });
    void this.deps.panel.reveal('inspect');
  }

  private async checkpoint(): Promise<CheckpointInfo | undefined> {
    const cp = await this.deps.runs.checkpointForPredictions();
    if (cp) return cp;
    const train = vscode.l10n.t('Train');
    void vscode.window.showWarningMessage(vscode.l10n.t('AlexNet: no checkpoint yet to look inside. Train a model first.'), train).then((c) => {
      if (c === train) void vscode.commands.executeCommand('alexnet.train');
    });
    return undefined;
  }
}

async function pickImage(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Show Feature Maps'),
    title: vscode.l10n.t('An image to pass through the network'),
    filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'bmp', 'gif', 'webp', 'tif', 'tiff', 'ppm', 'pgm'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0]?.fsPath;
}
