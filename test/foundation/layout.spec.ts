import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** nest-cli.json and the path aliases describe the tree as it is: every app and lib, nothing else. */
describe('the monorepo layout', () => {
  const nest = read('nest-cli.json');
  const aliases: Record<string, string[]> = read('tsconfig.json').compilerOptions.paths;
  const folders = (dir: string) =>
    fs.readdirSync(path.join(root, dir)).filter((name) => fs.statSync(path.join(root, dir, name)).isDirectory());

  it('lists every app and lib in nest-cli.json, each with its entry file', () => {
    // apps/web is the browser front end, bundled by esbuild (scripts/build.js), not a Nest application.
    const browserApps = ['web'];
    expect(fs.existsSync(path.join(root, 'apps', 'web', 'tsconfig.json'))).toBe(true);
    const nestApps = folders('apps').filter((name) => !browserApps.includes(name));
    const expected = [...nestApps.map((name) => [name, 'application']), ...folders('libs').map((name) => [name, 'library'])];
    expect(
      Object.entries(nest.projects)
        .map(([name, project]) => [name, (project as { type: string }).type])
        .sort(),
    ).toEqual(expected.sort());
    for (const project of Object.values(nest.projects) as { sourceRoot: string; entryFile: string }[]) {
      expect(fs.existsSync(path.join(root, project.sourceRoot, `${project.entryFile}.ts`))).toBe(true);
    }
    expect(nest.compilerOptions).toBeUndefined();
  });

  it('gives every lib an @workwell alias pointing at its sources, and no alias to anything else', () => {
    for (const lib of folders('libs')) expect(aliases[`@workwell/${lib}`]).toEqual([`libs/${lib}/src`]);
    const extra = Object.keys(aliases).filter((alias) => !folders('libs').some((lib) => alias === `@workwell/${lib}`));
    expect(extra.sort()).toEqual(['@workwell/domain-testing']);
  });
});
