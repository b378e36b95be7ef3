#!/usr/bin/env node
// Compiles apps, libs and bench to dist/ with swc (type checking is `npm run typecheck`), then
// bundles the browser code (apps/web and the survival chart) into dist/web with esbuild.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const swc = require('@swc/core');
const swcOptions = require('./swc-options');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist');
const sourceDirs = ['apps', 'libs', 'bench'];
// Browser code: bundled below, never run by Node.
const browserDirs = [path.join(root, 'apps', 'web'), path.join(root, 'libs', 'evaluation', 'src', 'survival-chart')];

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (browserDirs.includes(full)) continue;
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

async function main() {
  const started = Date.now();
  const files = sourceDirs.filter((d) => fs.existsSync(path.join(root, d))).flatMap((d) => [...sources(path.join(root, d))]);
  fs.rmSync(out, { recursive: true, force: true });
  await Promise.all(
    files.map(async (file) => {
      const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
      const result = await swc.transformFile(file, { ...swcOptions(), filename: file, outputPath: target, swcrc: false });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, result.code + `\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (result.map) fs.writeFileSync(`${target}.map`, result.map);
    }),
  );
  const bundles = await bundleWeb();
  process.stderr.write(`built ${files.length} files and ${bundles} web assets in ${Date.now() - started} ms\n`);
}

/**
 * Every asset of the web pages, from npm packages and our sources, into dist/web: no CDN, and no
 * inline script or style, so that a strict Content-Security-Policy holds. survival-chart.js is
 * also inlined, with its styles, into the self-contained curves.html.
 */
async function bundleWeb() {
  const web = path.join(out, 'web');
  const chart = path.join(root, 'libs', 'evaluation', 'src', 'survival-chart');
  const common = { bundle: true, minify: true, sourcemap: true, target: 'es2022', logLevel: 'warning', legalComments: 'eof' };
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { 'survival-chart': path.join(chart, 'survival-chart.entry.ts'), app: path.join(root, 'apps', 'web', 'src', 'main.ts') },
      outdir: web,
      format: 'iife',
      platform: 'browser',
      tsconfig: path.join(root, 'apps', 'web', 'tsconfig.json'),
    }),
    esbuild.build({
      ...common,
      sourcemap: false,
      entryPoints: {
        'survival-chart': path.join(chart, 'survival-chart.css'),
        app: path.join(root, 'apps', 'web', 'src', 'styles', 'app.css'),
      },
      outdir: web,
    }),
  ]);
  for (const file of fs.readdirSync(path.join(root, 'apps', 'web', 'public')))
    fs.copyFileSync(path.join(root, 'apps', 'web', 'public', file), path.join(web, file));
  // The chart is inlined between <script> tags: its text must not end that element early.
  if (/<\/script/i.test(fs.readFileSync(path.join(web, 'survival-chart.js'), 'utf8')))
    throw new Error('survival-chart.js contains "</script"');
  return fs.readdirSync(web).length;
}

main().catch((error) => {
  process.stderr.write(`build failed: ${error.message}\n`);
  process.exit(1);
});
