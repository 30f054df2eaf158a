// The explorer's header names the engine: Docker, or Podman when Podman serves the API.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Header } from '../../components/parts/Header.js';
import { PLAIN_THEME, ThemeContext } from '../../components/parts/theme.js';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import type { Snapshot } from '../../src/model/types.js';
import { loadFixture } from '../support/fixtures.js';
import { frameWhere, type Rendered, renderAt } from '../support/ink.js';

let rendered: Rendered | null = null;
afterEach(() => rendered?.unmount());

/** The header at 200 columns, once drawn at that width. */
async function headerOf(snapshot: Snapshot): Promise<string> {
  rendered = renderAt(
    <ThemeContext.Provider value={PLAIN_THEME}>
      <Header snapshot={snapshot} origin={{ kind: 'live' }} readOnly={false} progress={null} />
    </ThemeContext.Provider>,
    200,
    10,
  );
  return frameWhere(rendered, 'the header drawn 200 columns wide', (frame) => / · API \d/.test(frame));
}

describe('the header', () => {
  it('says Podman, with its version, for a Podman host, and sizes for every kind of its system df', async () => {
    const frame = await headerOf(buildSnapshot(loadFixture('engine-podman-4.3')));
    assert.match(frame, /· Podman 4\.3\.1 · API 1\.41 · vfs/);
    assert.doesNotMatch(frame, /Docker|NaN|undefined|\?/);
    assert.match(frame, /cache +0 B/);
  });

  it('says Docker for a Docker host, and for a snapshot saved before the engine was named', async () => {
    assert.match(await headerOf(buildSnapshot(loadFixture('engine-26.1'))), /· Docker 26\.1\.5 · API 1\.45/);
    rendered?.unmount();
    const { product: _, ...engine } = loadDemoSnapshot().engine;
    assert.match(await headerOf({ ...loadDemoSnapshot(), engine }), /· Docker \d/);
  });
});
