/** The `alexnet.*` settings as a TrainConfig; a getter stands in for vscode's configuration so tests need no host. */
import * as path from 'path';
import { BackendChoice, isBackendChoice } from '../shared/backendReport';
import { DEFAULT_RUNS_FOLDER } from '../shared/runLayout';
import { Augmentation, DEFAULT_TRAIN_CONFIG, TrainConfig } from '../shared/trainConfig';

export type SettingGetter = <T>(key: string) => T | undefined;

function num(get: SettingGetter, key: string, fallback: number, integer = false): number {
  const v = get<number>(key);
  if (typeof v !== 'number' || !Number.isFinite(v)) return fallback;
  return integer ? Math.round(v) : v;
}

export function backendSetting(get: SettingGetter): BackendChoice {
  const v = get<string>('backend');
  return typeof v === 'string' && isBackendChoice(v) ? v : DEFAULT_TRAIN_CONFIG.backend;
}

export function trainConfigFromSettings(get: SettingGetter, datasetDir: string, outDir: string): TrainConfig {
  const d = DEFAULT_TRAIN_CONFIG;
  const aug = get<Partial<Augmentation>>('augmentation') ?? {};
  return {
    ...d,
    datasetDir,
    outDir,
    epochs: num(get, 'epochs', d.epochs, true),
    batchSize: num(get, 'batchSize', d.batchSize, true),
    inputSize: num(get, 'inputSize', d.inputSize, true),
    lr: num(get, 'learningRate', d.lr),
    momentum: num(get, 'momentum', d.momentum),
    weightDecay: num(get, 'weightDecay', d.weightDecay),
    stepSize: num(get, 'stepSize', d.stepSize, true),
    gamma: num(get, 'gamma', d.gamma),
    hflip: typeof aug.hflip === 'boolean' ? aug.hflip : d.hflip,
    vflip: typeof aug.vflip === 'boolean' ? aug.vflip : d.vflip,
    randomCrop: typeof aug.randomCrop === 'boolean' ? aug.randomCrop : d.randomCrop,
    backend: backendSetting(get),
  };
}

/** The runs folder: the setting, relative to the first workspace folder (or the dataset's parent without one). */
export function resolveRunsFolder(setting: string | undefined, workspaceRoot: string | undefined, datasetDir?: string): string {
  const value = setting?.trim() || DEFAULT_RUNS_FOLDER;
  if (path.isAbsolute(value)) return value;
  const base = workspaceRoot ?? (datasetDir ? path.dirname(datasetDir) : process.cwd());
  return path.join(base, value);
}
