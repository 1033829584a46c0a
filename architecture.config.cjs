// The architecture check (`npm run check:architecture`, dependency-cruiser): the layers
// platform ← domain ← surfaces ← server, no surface reaching into another, and no cycle,
// type-only imports included. docs/architecture.md explains the layout.

const SURFACES = '(channel|bot|webchat-widget|staff-console|intake-pipeline|knowledge)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'A cycle, also one made only of type imports, means two modules are one: merge them or move what they share down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-is-the-base',
      severity: 'error',
      comment: 'platform/ knows nothing of the domain, the surfaces or the composition root.',
      from: { path: '^platform/' },
      to: { path: `^(domain|${SURFACES.slice(1, -1)}|server)/` },
    },
    {
      name: 'domain-below-surfaces',
      severity: 'error',
      comment: 'domain/ holds the rules; it never depends on a surface or on server/.',
      from: { path: '^domain/' },
      to: { path: `^(${SURFACES.slice(1, -1)}|server)/` },
    },
    {
      name: 'surfaces-stay-apart',
      severity: 'error',
      comment: 'A surface uses domain/ and platform/; what it needs of another surface reaches it as a port from server/.',
      from: { path: `^${SURFACES}/` },
      to: { path: `^${SURFACES}/`, pathNot: '^$1/' },
    },
    {
      name: 'only-server-composes',
      severity: 'error',
      comment: 'server/ wires the parts together; nothing imports it.',
      from: { path: '^(platform|domain|channel|bot|webchat-widget|staff-console|intake-pipeline|knowledge)/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    includeOnly: '^(platform|domain|channel|bot|webchat-widget|staff-console|intake-pipeline|knowledge|server)/',
    // Type-only imports count: a cycle through them is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    doNotFollow: { path: 'node_modules' },
  },
};
