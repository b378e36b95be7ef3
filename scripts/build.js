#!/usr/bin/env node
// Compiles apps, libs and bench to dist/ with swc (type checking is `npm run typecheck`).
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const swcOptions = require('./swc-options');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist');
const sourceDirs = ['apps', 'libs', 'bench'];

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
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
  process.stderr.write(`built ${files.length} files in ${Date.now() - started} ms\n`);
}

main().catch((error) => {
  process.stderr.write(`build failed: ${error.message}\n`);
  process.exit(1);
});
