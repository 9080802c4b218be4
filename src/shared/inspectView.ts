/** The panel's views of the network's inside: what the host sends for the feature-map, filter and gallery views. */
import { FeatureMaps, FilePrediction, FiltersResult } from './inspect';

/** Feature maps of one image, and conv1's filters, for one checkpoint. */
export interface InspectView {
  checkpoint: string;
  /** The checkpoint's classes, to name fc8's units. */
  classes: string[];
  image: string | null;
  /** URI the webview may load for the image, or null. */
  thumbnail: string | null;
  /** null while the trainer works on it, or when only the filters were asked for. */
  maps: FeatureMaps | null;
  /** The layer to show first (a layer-table row the user opened). */
  layer: string | null;
  filters: FiltersResult | null;
  /** One line while computing ('computing feature maps...'), or why it failed. */
  status: string;
  failed: boolean;
}

export interface GalleryItem extends FilePrediction {
  thumbnail: string | null;
}

/** The images of one confusion-matrix cell, most confident first. */
export interface GalleryView {
  /** Where the predictions come from, e.g. "test split, epoch 3 (last/)". */
  source: string;
  trueClass: string;
  predicted: string;
  items: GalleryItem[];
  /** Images in the cell; more than items.length when the list was cut. */
  total: number;
  /** Why there are no per-file predictions (an older run, a folder not classified yet), else ''. */
  missing: string;
}

/** Thumbnails sent for one cell at most: the most confident first. */
export const MAX_GALLERY_ITEMS = 60;
