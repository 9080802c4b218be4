import { BackendChoice } from '../shared/backendReport';
import { Options } from './args';

export interface CliContext {
  positionals: string[];
  values: Record<string, unknown>;
  backend: BackendChoice;
}

/** One `alexnet <name>` subcommand: its options, its help text and what it does. */
export interface Subcommand {
  name: string;
  summary: string;
  help: string;
  options: Options;
  run(ctx: CliContext): Promise<number | void>;
}
