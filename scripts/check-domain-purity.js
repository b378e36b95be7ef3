#!/usr/bin/env node
// Fails when libs/domain imports anything but its own files: the domain is plain TypeScript,
// with no framework, no database driver and no I/O (time and ids come in with commands).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', 'libs', 'domain'));
// Test-only tools may be imported by specs; nothing else may be.
const allowedInSpecs = new Set(['fast-check', '@workwell/synthetic']);
const forbiddenGlobals = [
  [/\bnew Date\(\s*\)/, 'new Date()'],
  [/\bDate\.now\(/, 'Date.now()'],
  [/\bMath\.random\(/, 'Math.random()'],
  [/\bprocess\./, 'process'],
  [/\brequire\(/, 'require()'],
  [/@(Injectable|Module|Controller)\b/, 'a Nest decorator'],
];

const problems = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.ts')) check(full);
  }
};

const check = (file) => {
  const source = fs.readFileSync(file, 'utf8');
  // Test helpers (libs/domain/testing) are held to the rules of specs: they never ship.
  const isSpec = file.endsWith('.spec.ts') || file.split(path.sep).includes('testing');
  const specifiers = [
    ...source.matchAll(
      /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
    ),
  ].map((m) => m[1] || m[2] || m[3]);
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) continue;
    if (isSpec && allowedInSpecs.has(specifier)) continue;
    problems.push(`${path.relative(process.cwd(), file)} imports "${specifier}": libs/domain may import only its own files`);
  }
  if (isSpec) return;
  source.split('\n').forEach((line, index) => {
    for (const [pattern, label] of forbiddenGlobals) {
      if (pattern.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*')) {
        problems.push(`${path.relative(process.cwd(), file)}:${index + 1} uses ${label}: time, ids and I/O come in with the command`);
      }
    }
  });
};

if (!fs.existsSync(root)) {
  console.error(`check-domain-purity: ${root} does not exist`);
  process.exit(2);
}
walk(root);
if (problems.length > 0) {
  console.error(`libs/domain must stay free of frameworks and I/O:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`libs/domain is pure: no framework, database or I/O imports`);
