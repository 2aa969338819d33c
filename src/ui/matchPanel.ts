/**
 * The Match existing hair fieldset: mark a reference patch of the client's own short stubble, read
 * what it measures (follicles per cm², how dark each reads against the skin around it), and apply
 * the suggested Density and the last session's Dilution in one undo step.
 */
import { LOCAL_BOX_MM, measurePatch, suggestDensity, suggestDilution, type PatchMeasure, type DilutionSuggestion } from '../core/matchHair.ts';
import { mmToPx } from '../core/units.ts';
import type { PhotoRegion } from '../io/photoRegion.ts';
import { notify, setTool, setView } from '../state/actions.ts';
import { applyHairMatch } from '../state/sessionActions.ts';
import type { AppStore, PhotoPixels, ViewState } from '../state/store.ts';
import { button, fieldset, hint } from './controls.ts';

/** What the panel needs to read the photo's pixels. */
export type RegionReader = (photo: PhotoPixels, rect: NonNullable<ViewState['patch']>, marginPx: number) => PhotoRegion;

/** Smallest patch measured, cm²: fewer follicles than this holds make a count too rough to use. */
export const MIN_PATCH_CM2 = 0.5;

/** Result sentences for a measured patch. */
export function describeMatch(m: PatchMeasure, density: number, dilution: DilutionSuggestion, sessionCount: number): { measured: string; suggested: string } {
  const limit =
    dilution.limited === 'neat'
      ? ' The stubble reads darker than even neat pigment at this photo\'s scale: neat is the closest.'
      : dilution.limited === 'lightest'
        ? ' The stubble reads lighter than even the most diluted pigment: that is the closest.'
        : '';
  return {
    measured: `Measured on ${m.areaCm2.toFixed(1)} cm²: ${m.follicles} follicles, ${m.densityPerCm2.toFixed(0)} per cm²; each reads ${Math.round(m.markDarkness * 100)} % darker than the skin around it.`,
    suggested: `Suggested: Density ${density} dots/cm², and dilution ${dilution.dilutionWaterParts}:1 for session ${sessionCount}, the last.${limit}`,
  };
}

/** Mounts the Match existing hair fieldset into `panel`. */
export function mountMatchPanel(panel: HTMLElement, store: AppStore, readRegion: RegionReader): () => void {
  const fs = fieldset(panel, 'Match existing hair', 'match-panel');
  hint(fs, "Mark a patch of the client's own short stubble at the sides or back; the app counts its follicles and suggests a Density and a Dilution whose dots read the same.");
  const row = document.createElement('div');
  row.className = 'row';
  fs.append(row);
  button(row, 'Mark reference patch', () => setTool(store, 'patch'));
  const clear = button(row, 'Clear patch', () => setView(store, { patch: null }));
  const measured = hint(fs);
  measured.setAttribute('role', 'status');
  const suggested = hint(fs);
  const apply = button(fs, 'Apply suggestions', () => {
    if (suggestion) applyHairMatch(store, suggestion.density, suggestion.dilution);
  });
  let suggestion: { density: number; dilution: number } | null = null;

  const show = (): void => {
    const { view, photo, design } = store.getState();
    suggestion = null;
    apply.disabled = true;
    clear.disabled = view.patch === null;
    if (!view.patch || !photo) {
      measured.textContent = 'No patch marked.';
      suggested.textContent = '';
      return;
    }
    const p = view.patch;
    const cm2 = ((p.x1 - p.x0) * (p.y1 - p.y0)) / design.scale.pxPerCm ** 2;
    if (cm2 < MIN_PATCH_CM2) {
      measured.textContent = `The patch is ${cm2.toFixed(2)} cm²; mark at least ${MIN_PATCH_CM2} cm² so the count means something.`;
      suggested.textContent = '';
      return;
    }
    try {
      const margin = Math.ceil(mmToPx(LOCAL_BOX_MM, design.scale.pxPerCm));
      const region = readRegion(photo, p, margin);
      const rect = { x0: p.x0 - region.x, y0: p.y0 - region.y, x1: p.x1 - region.x, y1: p.y1 - region.y };
      const m = measurePatch(region.rgba, region.widthPx, region.heightPx, rect, design.scale.pxPerCm);
      if (m.follicles === 0) {
        measured.textContent = `No follicles found in ${m.areaCm2.toFixed(1)} cm²: mark a patch of short stubble, not bare skin.`;
        suggested.textContent = '';
        return;
      }
      const needle = design.sessions[design.sessions.length - 1]!.needle;
      const density = suggestDensity(m);
      const dilution = suggestDilution(m.markDarkness, needle, design.scale.pxPerCm);
      const words = describeMatch(m, density, dilution, design.sessions.length);
      measured.textContent = words.measured;
      suggested.textContent = words.suggested;
      suggestion = { density, dilution: dilution.dilutionWaterParts };
      apply.disabled = false;
    } catch (error) {
      notify(store, 'error', `The patch could not be measured: ${error instanceof Error ? error.message : String(error)}. The design is unchanged.`);
    }
  };
  const unsubscribe = store.subscribe((s) => [s.view.patch, s.photo, s.design.scale.pxPerCm, s.design.sessions.length] as const, show, {
    fireImmediately: true,
    equalityFn: (a, b) => a.every((v, i) => v === b[i]),
  });
  return () => {
    unsubscribe();
    fs.remove();
  };
}
