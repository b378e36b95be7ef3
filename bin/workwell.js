#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('workwell: the engine is not built yet; run `npm install` (or `npm run build`) in the project first.\n');
  process.exit(1);
}
require(entry);
