/**
 * Actions on how an outline is drawn: an area's kind, factor and soft edge, mirror editing about the
 * midline, and the irregularity of hairline edges. Every edit is one undo step (a slider drag is one
 * gesture).
 */
import { AREA_KINDS } from '../core/document/defaults.ts';
import type { AreaKind, Irregularity } from '../core/document/types.ts';
import { midline } from '../core/landmarks.ts';
import { symmetrize } from '../core/symmetry.ts';
import { commit, notify, withArea } from './actions.ts';
import type { AppStore } from './store.ts';


/** Changes an area's kind (taking that kind's density factor and feather), factor or feather. */
export function setAreaProps(store: AppStore, areaId: string, patch: { kind?: AreaKind; densityFactor?: number; featherMm?: number }): void {
  const { design } = store.getState();
  commit(
    store,
    withArea(design, areaId, (a) => {
      const kindDefaults = patch.kind && patch.kind !== a.kind ? { densityFactor: AREA_KINDS[patch.kind].densityFactor, featherMm: AREA_KINDS[patch.kind].featherMm } : {};
      return { ...a, ...kindDefaults, ...patch };
    }),
  );
}

/** Turns mirror editing on (making the area symmetric about the midline) or off. */
export function setMirrored(store: AppStore, areaId: string, on: boolean): boolean {
  const { design } = store.getState();
  const area = design.areas.find((a) => a.id === areaId);
  if (!area || area.mirrored === on) return true;
  if (!on) {
    commit(store, withArea(design, areaId, (a) => ({ ...a, mirrored: false })));
    return true;
  }
  const sym = symmetrize(area, midline(design));
  if (typeof sym === 'string') {
    notify(
      store,
      'error',
      sym === 'does-not-cross-midline'
        ? 'Mirror editing needs an outline that crosses the midline. Mark the landmarks (or move the outline) so the midline runs through it.'
        : 'This outline crosses the midline more than twice, so it has no clear left and right half. Simplify it first.',
    );
    return false;
  }
  commit(store, withArea(design, areaId, () => sym));
  return true;
}

/** Changes the irregularity (inside a gesture for slider drags). */
export function setIrregularity(store: AppStore, patch: Partial<Irregularity>): void {
  const { design } = store.getState();
  commit(store, { ...design, irregularity: { ...design.irregularity, ...patch } });
}

/** A new natural variation of the same irregularity: only the noise seed changes. */
export function reseedIrregularity(store: AppStore): void {
  const { design } = store.getState();
  const seed = (Math.imul(design.irregularity.seed ^ 0x9e3779b9, 0x85ebca6b) + 0x6b43a9b5) >>> 0;
  setIrregularity(store, { seed });
}
