/** The only module that calls acquireVsCodeApi (it may be called once per page). */
import type { PanelToHost } from '../src/shared/panelProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: PanelToHost): void {
  api.postMessage(message);
}

/** View-only state kept across reloads of the webview: which sections are folded, and whether the narrow layer table shows every column. */
export interface ViewState {
  closed: string[];
  allLayerColumns: boolean;
}

export function loadViewState(): ViewState {
  const s = api.getState() as Partial<ViewState> | undefined;
  return {
    closed: Array.isArray(s?.closed) ? s.closed.filter((x): x is string => typeof x === 'string') : [],
    allLayerColumns: s?.allLayerColumns === true,
  };
}

/** Changes part of the view state and keeps the rest. */
export function saveViewState(change: Partial<ViewState>): void {
  api.setState({ ...loadViewState(), ...change });
}
