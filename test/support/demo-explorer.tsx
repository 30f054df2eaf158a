// The explorer on the demo host, in colour, in a fake terminal: loaded as compiled it runs Ink as
// installed; test/components/bundled-ink.test.ts also bundles it as the build does, patches and all.
import { App } from '../../components/App.js';
import { COLOR_THEME, ThemeContext } from '../../components/parts/theme.js';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { staticFeed } from '../../src/app/host-feed.js';
import { type Rendered, renderAt } from './ink.js';

export function openDemoExplorer(columns: number, rows: number): Rendered {
  return renderAt(
    <ThemeContext.Provider value={COLOR_THEME}>
      <App feed={staticFeed(loadDemoSnapshot(), { kind: 'demo' }, loadDemoSnapshot)} />
    </ThemeContext.Provider>,
    columns,
    rows,
  );
}
