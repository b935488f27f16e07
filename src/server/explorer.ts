import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * A GraphiQL explorer served by the hub itself, for closed networks: the page, its script and
 * styles and React come from the hub's own node_modules, nothing from outside (the page's CSP
 * forbids it). The caller pastes a token into the page; it is kept in the page's memory only
 * and sent as a Bearer header with each request.
 */
const require = createRequire(import.meta.url);

export const EXPLORER_ASSET_PREFIX = '/explorer/';

/** Files of packages whose `exports` do not list them (React's UMD builds): found beside the package's main file. */
const ASSETS: Record<string, { pkg: string; file: string; contentType: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', contentType: 'text/javascript; charset=utf-8' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', contentType: 'text/javascript; charset=utf-8' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', contentType: 'text/javascript; charset=utf-8' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', contentType: 'text/css; charset=utf-8' },
};

function packageDir(pkg: string): string {
  let dir = path.dirname(require.resolve(pkg));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** The page's own script, a file rather than inline so that the CSP needs no 'unsafe-inline' for scripts. */
const START_SCRIPT = `(() => {
  const token = document.getElementById('token');
  const base = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).toString() });
  const fetcher = (params, options) => {
    const value = token.value.trim().replace(/^Bearer\\s+/i, '');
    const headers = { ...(options && options.headers), ...(value ? { authorization: 'Bearer ' + value } : {}) };
    return base(params, { ...options, headers });
  };
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher,
    defaultEditorToolsVisibility: true,
    defaultQuery: '# Paste your agency token above, then run a query, e.g.\\n{\\n  designations(first: 5) {\\n    totalCount\\n    edges { node { id primaryName programs status } }\\n  }\\n}\\n',
  }));
})();
`;

export const EXPLORER_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const EXPLORER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Interlock GraphQL explorer</title>
<link rel="stylesheet" href="${EXPLORER_ASSET_PREFIX}graphiql.css">
<style>
html,body{height:100%;margin:0}body{display:flex;flex-direction:column;font-family:system-ui,sans-serif}
#bar{display:flex;gap:.6rem;align-items:center;padding:.45rem .8rem;border-bottom:1px solid #d0d7de;background:#f6f8fa}
#bar label{font-size:.9rem}#token{flex:1;font-family:ui-monospace,monospace;font-size:.8rem;padding:.3rem}
#graphiql{flex:1;min-height:0}
</style>
</head>
<body>
<div id="bar"><strong>Interlock</strong><label for="token">Agency token</label><input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="paste a Bearer token (interlock token --agency … --role …)"></div>
<div id="graphiql">Loading the explorer…</div>
<script src="${EXPLORER_ASSET_PREFIX}react.js"></script>
<script src="${EXPLORER_ASSET_PREFIX}react-dom.js"></script>
<script src="${EXPLORER_ASSET_PREFIX}graphiql.js"></script>
<script src="${EXPLORER_ASSET_PREFIX}start.js"></script>
</body>
</html>
`;

const cache = new Map<string, Buffer>();

/** An explorer asset by file name, or undefined for an unknown name. */
export function explorerAsset(name: string): { body: Buffer; contentType: string } | undefined {
  if (name === 'start.js') return { body: Buffer.from(START_SCRIPT), contentType: 'text/javascript; charset=utf-8' };
  const asset = ASSETS[name];
  if (asset === undefined) return undefined;
  let body = cache.get(name);
  if (body === undefined) {
    body = fs.readFileSync(path.join(packageDir(asset.pkg), asset.file));
    cache.set(name, body);
  }
  return { body, contentType: asset.contentType };
}

/** A browser navigating to /graphql (not a GraphQL request). */
export function wantsExplorer(method: string | undefined, accept: string | undefined, search: URLSearchParams): boolean {
  return method === 'GET' && !search.has('query') && (accept ?? '').includes('text/html');
}
