/**
 * Messages between the extension host and the side-panel webview. Shared by both sides; plain JSON.
 * The webview says `ready` when its script runs; the host answers with a full `snapshot` and then sends
 * incremental updates, and sends a snapshot again whenever the view becomes visible.
 */
import { BackendReport } from './backendReport';
import { DatasetSummary } from './dataset';
import { LayerTable } from './layerTable';
import { BatchEvent, EpochEvent } from './metrics';
import { CompareView } from './compareRuns';
import { CamView } from './inspect';
import { GalleryView, InspectView } from './inspectView';
import { EvaluationView, PanelState, PredictionView, TrainingPhase } from './panelState';

export type PanelSection = 'dataset' | 'backend' | 'layers' | 'inspect' | 'training' | 'evaluation' | 'predictions' | 'compare';
export const PANEL_SECTIONS: readonly PanelSection[] = ['dataset', 'backend', 'layers', 'inspect', 'training', 'evaluation', 'predictions', 'compare'];

export type HostToPanel =
  | { type: 'snapshot'; state: PanelState }
  | { type: 'trust'; trusted: boolean }
  | { type: 'dataset'; summary: DatasetSummary }
  | { type: 'backend'; report: BackendReport }
  | { type: 'layers'; table: LayerTable }
  /** A run begins: clears the curves; `history` holds the epochs already done when resuming. */
  | {
      type: 'runStarted';
      runDir: string;
      datasetDir: string;
      classes: string[];
      epochs: number;
      history: EpochEvent[];
    }
  | { type: 'batch'; event: BatchEvent }
  | { type: 'epoch'; event: EpochEvent }
  | { type: 'phase'; phase: TrainingPhase; message: string }
  | { type: 'evaluation'; evaluation: EvaluationView }
  /** Newly classified files, most recent first; prepended to the list. */
  | { type: 'predictions'; items: PredictionView[] }
  | { type: 'checkpoint'; path: string | null }
  /** Grad-CAM for the prediction card of `file` classified at `at`. */
  | { type: 'predictionCam'; file: string; at: string; cam: CamView }
  | { type: 'inspect'; inspect: InspectView | null }
  | { type: 'gallery'; gallery: GalleryView | null }
  | { type: 'compare'; compare: CompareView | null }
  /** Scroll a section into view and expand it (not part of the state). */
  | { type: 'reveal'; section: PanelSection };

/** Commands the panel's buttons may run; anything else from the webview is refused. */
export const PANEL_COMMANDS = [
  'alexnet.train',
  'alexnet.stopTraining',
  'alexnet.resumeTraining',
  'alexnet.checkDataset',
  'alexnet.createSampleDataset',
  'alexnet.classifyImage',
  'alexnet.classifyFolder',
  'alexnet.selectCheckpoint',
  'alexnet.showBackendInfo',
  'alexnet.showLayerTable',
] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

export type PanelToHost =
  | { type: 'ready' }
  | { type: 'command'; command: PanelCommand }
  /** Open a file named in the panel (a skipped dataset file, a classified image). */
  | { type: 'openFile'; path: string }
  | { type: 'clearPredictions' }
  /** Show the file in the Explorer (a right-click on a thumbnail). */
  | { type: 'revealFile'; path: string }
  /** Feature maps of an image (default: the one shown, else the latest classified) at the checkpoint in use. */
  | { type: 'featureMaps'; path?: string; layer?: string }
  /** Grad-CAM of a prediction card's image for a class (default: its top-1). */
  | { type: 'explain'; path: string; at: string; className?: string }
  /** conv1's filters of the checkpoint in use, trained and at initialisation. */
  | { type: 'filters' }
  /** The images of confusion cell [row][col] of the evaluation shown. */
  | { type: 'confusionCell'; row: number; col: number }
  /** An error inside the webview, for the output channel. */
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

export type ParseResult = { ok: true; message: PanelToHost } | { ok: false; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_TEXT = 4000;

/** Validates a message from the webview; the webview is not trusted to send well-formed data. */
export function parsePanelMessage(raw: unknown): ParseResult {
  if (!isRecord(raw)) return { ok: false, reason: 'not an object' };
  switch (raw.type) {
    case 'ready':
    case 'clearPredictions':
      return { ok: true, message: { type: raw.type } };
    case 'command': {
      const command = raw.command;
      if (typeof command !== 'string' || !(PANEL_COMMANDS as readonly string[]).includes(command)) {
        return { ok: false, reason: `command not allowed from the panel: ${String(command)}` };
      }
      return { ok: true, message: { type: 'command', command: command as PanelCommand } };
    }
    case 'openFile':
    case 'revealFile': {
      const p = raw.path;
      if (typeof p !== 'string' || p.length === 0 || p.length > MAX_TEXT) return { ok: false, reason: `${raw.type} needs a path` };
      return { ok: true, message: { type: raw.type, path: p } };
    }
    case 'featureMaps': {
      const p = raw.path;
      const layer = raw.layer;
      if (p !== undefined && (typeof p !== 'string' || p.length === 0 || p.length > MAX_TEXT)) return { ok: false, reason: 'featureMaps: bad path' };
      if (layer !== undefined && (typeof layer !== 'string' || !/^[A-Za-z0-9_]{1,64}$/.test(layer))) return { ok: false, reason: 'featureMaps: bad layer name' };
      return { ok: true, message: { type: 'featureMaps', ...(p === undefined ? {} : { path: p }), ...(layer === undefined ? {} : { layer }) } };
    }
    case 'filters':
      return { ok: true, message: { type: 'filters' } };
    case 'explain': {
      const { path: p, at, className } = raw;
      if (typeof p !== 'string' || p.length === 0 || p.length > MAX_TEXT || typeof at !== 'string' || at.length > 64) return { ok: false, reason: 'explain needs a path and the card time' };
      if (className !== undefined && (typeof className !== 'string' || className.length > 1000)) return { ok: false, reason: 'explain: bad class name' };
      return { ok: true, message: { type: 'explain', path: p, at, ...(className === undefined ? {} : { className }) } };
    }
    case 'confusionCell': {
      const { row, col } = raw;
      const index = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 100_000;
      if (!index(row) || !index(col)) return { ok: false, reason: 'confusionCell needs row and col indices' };
      return { ok: true, message: { type: 'confusionCell', row, col } };
    }
    case 'log': {
      const level = raw.level;
      if (level !== 'info' && level !== 'warn' && level !== 'error') return { ok: false, reason: `bad log level ${String(level)}` };
      if (typeof raw.message !== 'string') return { ok: false, reason: 'log needs a message' };
      return { ok: true, message: { type: 'log', level, message: raw.message.slice(0, MAX_TEXT) } };
    }
    default:
      return { ok: false, reason: `unknown message type ${JSON.stringify(raw.type)}` };
  }
}
