import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface InlineAsset {
  readonly text: string;
  /** For a Content-Security-Policy source: `'sha256-<base64>'`. */
  readonly source: string;
}

export interface ChartBundle {
  readonly script: InlineAsset;
  readonly style: InlineAsset;
}

/**
 * Where `npm run build` put the web assets: dist/web beside the compiled code (dist/libs/evaluation/src),
 * or under the repository's dist when this runs from the sources (tests).
 */
export const webAssetsDirectory = (): string | undefined =>
  [path.resolve(__dirname, '../../../web'), path.resolve(__dirname, '../../../dist/web')].find((dir) =>
    fs.existsSync(path.join(dir, 'survival-chart.js')),
  );

export const cspSource = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const inline = (text: string): InlineAsset => ({ text, source: cspSource(text) });

let cached: { readonly dir: string; readonly mtimeMs: number; readonly bundle: ChartBundle } | undefined;

/** The survival chart's script and styles as built, to inline into a self-contained page. */
export const chartBundle = (): ChartBundle => {
  const dir = webAssetsDirectory();
  if (dir === undefined) throw new Error('The survival chart bundle (dist/web/survival-chart.js) is missing: run `npm run build`.');
  const scriptFile = path.join(dir, 'survival-chart.js');
  const { mtimeMs } = fs.statSync(scriptFile);
  if (cached?.dir !== dir || cached.mtimeMs !== mtimeMs) {
    // The source map is not inlined, so neither is the comment that points to it.
    const script = fs.readFileSync(scriptFile, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    const style = fs.readFileSync(path.join(dir, 'survival-chart.css'), 'utf8');
    cached = { dir, mtimeMs, bundle: { script: inline(script), style: inline(style) } };
  }
  return cached.bundle;
};
