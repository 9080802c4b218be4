/** Command arguments arrive from menus (Uri, tree nodes), from the panel (none) or from tests (paths). */
import * as vscode from 'vscode';
import { RunsNode } from '../runs/runsTree';

export function asPath(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string' && arg.length > 0) return arg;
  if (isNode(arg)) return arg.kind === 'run' ? arg.run.dir : arg.checkpoint.dir;
  return undefined;
}

export function isNode(arg: unknown): arg is RunsNode {
  if (typeof arg !== 'object' || arg === null) return false;
  const kind = (arg as { kind?: unknown }).kind;
  return kind === 'run' || kind === 'checkpoint';
}

/** Explorer menus pass (clicked, allSelected); other callers pass one Uri, a path or a list. */
export function asPaths(first: unknown, all: unknown): string[] {
  if (Array.isArray(all) && all.length > 0) return all.map(asPath).filter((p): p is string => p !== undefined);
  if (Array.isArray(first)) return first.map(asPath).filter((p): p is string => p !== undefined);
  const one = asPath(first);
  return one ? [one] : [];
}

