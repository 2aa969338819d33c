import { describe, expect, it } from 'vitest';
import { newDesign } from '../../../src/core/document/defaults.ts';
import { notify } from '../../../src/state/actions.ts';
import { createAppStore } from '../../../src/state/store.ts';

describe('notices', () => {
  const store = (): ReturnType<typeof createAppStore> => createAppStore(newDesign({ kind: 'demo', name: 'demo', widthPx: 800, heightPx: 600 }, 1, 40));

  it('replace stale news with the latest, and keep errors until dismissed', () => {
    const s = store();
    notify(s, 'info', 'Recovered the design you were working on.');
    notify(s, 'error', 'The photo could not be opened.');
    notify(s, 'info', 'Opened photo.jpg.');
    notify(s, 'info', 'Opened design.smpdesign for Sam Lee.');
    expect(s.getState().notices.map((n) => [n.kind, n.text])).toEqual([
      ['error', 'The photo could not be opened.'],
      ['info', 'Opened design.smpdesign for Sam Lee.'],
    ]);
  });

  it('keep at most four, the newest', () => {
    const s = store();
    for (let i = 1; i <= 6; i++) notify(s, 'error', `Error ${i}.`);
    expect(s.getState().notices.map((n) => n.text)).toEqual(['Error 3.', 'Error 4.', 'Error 5.', 'Error 6.']);
  });
});
