/**
 * What a Chinese reader would still see in English: the Latin words in the visible text and tooltips of a part of
 * the page, less what stays as it is in a Chinese interface (the names of products, libraries, layers and keys, and
 * the paths, file names and class names that came from the user).
 */
import { Locator } from 'playwright-core';

/** Names a Chinese AlexNet tutorial and a Chinese VS Code also write in Latin letters. */
const KEPT = new Set(
  [
    'AlexNet', 'ReLU', 'LRN', 'Dropout', 'Softmax', 'Grad', 'CAM', 'SGD', 'StepLR', 'PyTorch', 'ImageFolder',
    'CPU', 'GPU', 'CUDA', 'cuDNN', 'WebGPU', 'WebAssembly', 'wasm', 'SIMD', 'XNNPACK', 'TensorFlow', 'tfjs', 'Dawn',
    'SwiftShader', 'Vulkan', 'Metal', 'npm', 'Node', 'Ctrl', 'Cmd', 'Shift', 'Alt', 'Enter', 'img', 'JPEG', 'PNG',
    'MiB', 'KiB', 'GiB', 'RGB',
    // A WebGPU adapter's own description, as its driver gives it ("SwiftShader driver 5.0.0").
    'driver',
    // The backends by their setting values, the layer-size formula's floor(), and a run's checkpoint folders.
    'auto', 'webgpu', 'tensorflow', 'cpu', 'floor', 'best', 'last',
  ].map((w) => w.toLowerCase()),
);

/** Text nodes that take up space on screen and the tooltips and labels of every element, shadow roots included. */
async function shownTexts(root: Locator): Promise<string[]> {
  return root.evaluate((body) => {
    const out: string[] = [];
    const walk = (node: Node) => {
      const it = document.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let n = it.nextNode(); n; n = it.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE) {
          const el = n.parentElement;
          // Code (commands, package names) is written as it is typed, in any language.
          if (el && !['SCRIPT', 'STYLE', 'CODE'].includes(el.tagName) && el.getClientRects().length > 0) out.push(n.textContent ?? '');
          continue;
        }
        const el = n as Element;
        for (const attr of ['title', 'aria-label', 'heading', 'placeholder', 'label', 'description']) {
          const value = el.getAttribute(attr);
          if (value) out.push(value);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(body);
    return out;
  });
}

/**
 * The English words left under `root`, each with a text it was found in. `names` are the user's own words (class
 * and dataset folder names) that the interface shows as they are.
 */
export async function englishWords(root: Locator, names: string[] = []): Promise<Map<string, string>> {
  const kept = new Set([...KEPT, ...names.map((n) => n.toLowerCase())]);
  const found = new Map<string, string>();
  for (const text of await shownTexts(root)) {
    // Paths, file names and code spans (`npm install x`) are the user's or the machine's, not the interface's.
    const prose = text.replace(/`[^`]*`/g, ' ').split(/\s+/).filter((t) => !/[\\/@]|\.[A-Za-z]{2,4}\b/.test(t)).join(' ');
    // Layer names (conv1, fc6) are names; a word is three letters or more with no digit joined to it.
    for (const word of (prose.match(/[A-Za-z]+\d*/g) ?? []).filter((w) => /^[A-Za-z]{3,}$/.test(w))) {
      if (!kept.has(word.toLowerCase()) && !found.has(word)) found.set(word, text.trim().slice(0, 160));
    }
  }
  return found;
}
