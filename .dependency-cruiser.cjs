/**
 * The import rules of the whole tree, checked by `npm run check:imports` (part of `npm test`):
 * libs never import apps, apps never import each other (the command line launches the others
 * through their entry points only), libs reach each other through their `@workwell/*` aliases,
 * and the domain imports nothing but itself. Tests and benchmarks may reach anywhere.
 */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      comment: 'apps/cli is the launcher: it may start the API and the projector through their main.ts, nothing else of theirs.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: ['^apps/$1/', '^apps/(api|projector)/src/main\\.ts$'] },
    },
    {
      name: 'cli-reaches-apps-through-entry-points',
      severity: 'error',
      from: { path: '^apps/(api|projector)/' },
      to: { path: '^apps/cli/' },
    },
    {
      name: 'libs-import-libs-through-aliases',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/', dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      from: { path: '^libs/domain/src/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/domain/src/' },
    },
    {
      name: 'no-circular-libs',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { circular: true, path: '^libs/', pathNot: '^libs/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.data)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
