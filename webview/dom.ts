/** A tiny element builder: no innerHTML anywhere, so no markup is ever parsed from data. */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  title?: string;
  attrs?: Record<string, string>;
  onClick?: (ev: Event) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.title) el.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  if (props.onClick) el.addEventListener('click', props.onClick);
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function basename(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

/** The file with its folder ("3/00012.png"): in a class-folder dataset the folder is the class. */
export function shortPath(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}

/** A long path shown by its end: the box is right-to-left for the ellipsis, the marks keep the text left-to-right. */
export function pathLine(file: string, prefix = ''): HTMLElement {
  return h('p', { class: 'path', title: file }, `\u200e${prefix}${file}\u200e`);
}

/** Reads a theme colour (a CSS variable VS Code sets), with a fallback for pages outside VS Code. */
export function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

/** Text whose `backtick` spans (commands, settings, package names in engine messages) show as code. */
export function withCode(text: string): Child[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? h('code', {}, part) : part));
}
