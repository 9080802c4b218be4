/** What a class-folder dataset holds, as found by the engine's scanner. Plain data. */
import type { CodedMessage } from './messages';

export interface SkippedFile {
  file: string;
  /** In English, for logs and the CLI. */
  reason: string;
  /** The reason as a code, for the UI to show in its language. */
  message?: CodedMessage;
}

export interface DatasetSummary {
  root: string;
  /** 'split': root/train + root/test (or val/valid); 'folders': root/<class>, split with a seeded fraction. */
  layout: 'split' | 'folders';
  trainDir: string;
  testDir: string | null;
  /** Class names in index order (sorted by code point, like Python's sorted). */
  classes: string[];
  counts: { train: number[]; test: number[] };
  skipped: SkippedFile[];
  /** In English, for logs and the CLI. */
  warnings: string[];
  /**
   * True when every file was decoded (`check`): counts exclude undecodable files and warnings include identical
   * train/test files. Otherwise the counts come from the folder listing alone, and bad files show up in training.
   */
  decoded?: boolean;
  /** warnings[i] as a code, for the UI to show in its language (same order; absent or null: show the text). */
  warningMessages?: (CodedMessage | null)[];
}

/** Adds a warning in both forms, keeping the two lists in step. */
export function addWarning(summary: Pick<DatasetSummary, 'warnings' | 'warningMessages'>, warning: { text: string; coded?: CodedMessage }): void {
  summary.warningMessages = [...(summary.warningMessages ?? summary.warnings.map(() => null)), warning.coded ?? null];
  summary.warnings.push(warning.text);
}

/** What writing the sample dataset made: its folder, class names and image counts per split. */
export interface SampleDataResult {
  dir: string;
  classes: string[];
  train: number;
  test: number;
}
