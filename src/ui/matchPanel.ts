/**
 * The Match existing hair fieldset: mark a reference patch of the client's own short stubble, and
 * a patch of bare skin beside it in the same light; read what they measure (follicles per cm², how
 * dark each reads against the skin around it, how much darker the stubble shades the scalp than
 * bare skin), and apply the suggested Density and the last session's needle and dilution in one
 * undo step. Without the bare patch, the dilution matches each follicle's darkness only.
 */
import { needleById } from '../core/appearance.ts';
import { LOCAL_BOX_MM, measurePatch, measureSkin, suggestDensity, type PatchMeasure, type PixelRect } from '../core/matchHair.ts';
import { suggestDilution, type DilutionSuggestion } from '../core/matchDilution.ts';
import { shadeTarget, suggestShade, type ShadeSuggestion, type ShadeTarget } from '../core/matchShade.ts';
import type { NeedleId } from '../core/document/types.ts';
import { mmToPx } from '../core/units.ts';
import type { PhotoRegion } from '../io/photoRegion.ts';
import { notify, setTool, setView } from '../state/actions.ts';
import { applyHairMatch } from '../state/sessionActions.ts';
import type { AppStore } from '../state/store.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { button, DESIGN_SECTIONS, foldingFieldset, hint, unfold } from './controls.ts';

/** What the panel needs to read the photo's pixels. */
export type RegionReader = (photo: PhotoPixels, rect: PixelRect, marginPx: number) => PhotoRegion;

/** Smallest patch measured, cm²: fewer follicles than this holds make a count too rough to use. */
export const MIN_PATCH_CM2 = 0.5;

/** A bare-skin patch holding more follicles per cm² than this is not bare (model choice: stray hairs and pores stay under it). */
export const BARE_MAX_FOLLICLES_PER_CM2 = 8;

/** Gap between the two patches, cm, past which the light on them may differ (model choice: a head curves away within a few cm). */
export const BARE_NEAR_CM = 2;

/**
 * A shade darker than this is more than shaved stubble gives a scalp (healed work that imitates it
 * reads 12–19 % darker, docs/realism.md): most likely the bare patch is lit more brightly (model choice).
 */
export const SHADE_PLAUSIBLE_MAX = 0.3;

/** The sentence for a suggestion the range limited: `neat` or `lightest` said, or nothing. */
function limitSentence(limited: 'none' | 'neat' | 'lightest', neat: string, lightest: string): string {
  return limited === 'neat' ? ` ${neat}` : limited === 'lightest' ? ` ${lightest}` : '';
}

/** Result sentences for a stubble patch matched on its follicles' darkness alone. */
export function describeMatch(m: PatchMeasure, density: number, dilution: DilutionSuggestion, sessionCount: number): { measured: string; suggested: string } {
  const limit = limitSentence(
    dilution.limited,
    "The stubble reads darker than even neat pigment at this photo's scale: neat is the closest.",
    'The stubble reads lighter than even the most diluted pigment: that is the closest.',
  );
  return {
    measured: measuredSentence(m),
    suggested: `Suggested: Density ${density} dots/cm², and dilution ${dilution.dilutionWaterParts}:1 for session ${sessionCount}, the last.${limit}`,
  };
}

/** Result sentences for a stubble patch matched on its shade against bare skin and its follicles' darkness. */
export function describeShadeMatch(m: PatchMeasure, shade: number, density: number, s: ShadeSuggestion, sessionCount: number, currentNeedle: NeedleId): { measured: string; suggested: string } {
  const limit = limitSentence(
    s.limited,
    'Even neat pigment is lighter than the stubble at this density: neat is the closest.',
    'Even the most diluted pigment is darker than the stubble at this density: that is the closest.',
  );
  const needle = s.needle === currentNeedle ? `the ${needleById(s.needle).label} needle as planned` : `a ${needleById(s.needle).label} needle`;
  return {
    measured: `${measuredSentence(m)} Against the bare skin it shades the scalp ${percent(shade)} % darker.`,
    suggested:
      `Suggested: Density ${density} dots/cm², and dilution ${s.dilutionWaterParts}:1 with ${needle} for session ${sessionCount}, the last. ` +
      `Healed, the dots shade bare skin ${percent(s.darkness)} % darker, each dot ${percent(s.markDarkness)} % darker than its skin.${limit}`,
  };
}

const percent = (x: number): number => Math.round(x * 100);

function measuredSentence(m: PatchMeasure): string {
  return `Measured on ${m.areaCm2.toFixed(1)} cm²: ${m.follicles} follicles, ${m.densityPerCm2.toFixed(0)} per cm², each ${percent(m.markDarkness)} % darker than its skin.`;
}

/** The shade to aim at, from the bare patch, or only a sentence saying why there is none. */
type BareShade = { readonly target: ShadeTarget; readonly note: string } | { readonly note: string };

const areaCm2 = (p: PixelRect, pxPerCm: number): number => ((p.x1 - p.x0) * (p.y1 - p.y0)) / pxPerCm ** 2;

/** Shortest gap between two rectangles, image px (0 when they touch or overlap). */
function gapPx(a: PixelRect, b: PixelRect): number {
  const dx = Math.max(0, a.x0 - b.x1, b.x0 - a.x1);
  const dy = Math.max(0, a.y0 - b.y1, b.y0 - a.y1);
  return Math.hypot(dx, dy);
}

/** Mounts the Match existing hair fieldset into `panel`. */
export function mountMatchPanel(panel: HTMLElement, store: AppStore, readRegion: RegionReader): () => void {
  const { fieldset: fs, details: fold } = foldingFieldset(panel, 'Match existing hair', { id: 'match-panel', group: DESIGN_SECTIONS });
  // The how-to steps aside once a patch is measured, for the results.
  const intro = hint(
    fs,
    "Mark the client's own stubble, then bare skin beside it in the same light: the app suggests a Density, needle and Dilution that heal to the same shade.",
  );
  const row = document.createElement('div');
  row.className = 'row';
  fs.append(row);
  button(row, 'Mark reference patch', () => setTool(store, 'patch'));
  button(row, 'Mark bare skin', () => setTool(store, 'bare'));
  const clear = button(row, 'Clear', () => setView(store, { patch: null, barePatch: null }), 'Clear patches');
  const measured = hint(fs);
  measured.setAttribute('role', 'status');
  const bareNote = hint(fs);
  const suggested = hint(fs);
  const apply = button(fs, 'Apply suggestions', () => {
    if (suggestion) applyHairMatch(store, suggestion.density, suggestion.dilution, suggestion.needle);
  });
  let suggestion: { density: number; dilution: number; needle?: NeedleId } | null = null;

  const read = (p: PixelRect): { region: PhotoRegion; rect: PixelRect } => {
    const { photo, design } = store.getState();
    const region = readRegion(photo!, p, Math.ceil(mmToPx(LOCAL_BOX_MM, design.scale.pxPerCm)));
    return { region, rect: { x0: p.x0 - region.x, y0: p.y0 - region.y, x1: p.x1 - region.x, y1: p.y1 - region.y } };
  };

  const show = (): void => {
    const { view, photo, design } = store.getState();
    const pxPerCm = design.scale.pxPerCm;
    suggestion = null;
    apply.disabled = true;
    clear.disabled = view.patch === null && view.barePatch === null;
    measured.textContent = '';
    bareNote.textContent = '';
    suggested.textContent = '';
    intro.hidden = false;
    if (view.tool === 'patch' || view.tool === 'bare') {
      unfold(fold);
      measured.textContent = view.tool === 'patch' ? 'Drag over the stubble; it is measured when you let go.' : 'Drag over bare skin; it is measured when you let go.';
      return;
    }
    if (!view.patch || !photo) {
      measured.textContent = 'No patch marked.';
      return;
    }
    const cm2 = areaCm2(view.patch, pxPerCm);
    if (cm2 < MIN_PATCH_CM2) {
      measured.textContent = `The patch is ${cm2.toFixed(2)} cm²; mark at least ${MIN_PATCH_CM2} cm² so the count means something.`;
      return;
    }
    try {
      const { region, rect } = read(view.patch);
      const m = measurePatch(region.rgba, region.widthPx, region.heightPx, rect, pxPerCm);
      if (m.follicles === 0) {
        measured.textContent = `No follicles found in ${m.areaCm2.toFixed(1)} cm²: mark a patch of short stubble, not bare skin.`;
        return;
      }
      const last = design.sessions[design.sessions.length - 1]!;
      const density = suggestDensity(m);
      const shade: BareShade = view.barePatch ? bareShade(view.patch, view.barePatch, m) : { note: 'Mark bare skin beside the stubble to match its overall shade as well as each follicle.' };
      bareNote.textContent = shade.note;
      if ('target' in shade) {
        const s = suggestShade(design, density, shade.target);
        const words = describeShadeMatch(m, shade.target.darkness, density, s, design.sessions.length, last.needle);
        measured.textContent = words.measured;
        suggested.textContent = words.suggested;
        suggestion = { density, dilution: s.dilutionWaterParts, needle: s.needle };
      } else {
        const dilution = suggestDilution(m.markDarkness, last.needle, pxPerCm);
        const words = describeMatch(m, density, dilution, design.sessions.length);
        measured.textContent = words.measured;
        suggested.textContent = words.suggested;
        suggestion = { density, dilution: dilution.dilutionWaterParts };
      }
      apply.disabled = false;
      intro.hidden = true;
    } catch (error) {
      notify(store, 'error', `The patch could not be measured: ${error instanceof Error ? error.message : String(error)}. The design is unchanged.`);
    }
  };

  /** The shade the stubble gives against the bare patch, or a sentence saying why it cannot be used. */
  const bareShade = (patch: PixelRect, bare: PixelRect, m: PatchMeasure): BareShade => {
    const pxPerCm = store.getState().design.scale.pxPerCm;
    const cm2 = areaCm2(bare, pxPerCm);
    if (cm2 < MIN_PATCH_CM2) return { note: `The bare-skin patch is ${cm2.toFixed(2)} cm²; mark at least ${MIN_PATCH_CM2} cm².` };
    const { region, rect } = read(bare);
    const skin = measureSkin(region.rgba, region.widthPx, region.heightPx, rect, pxPerCm);
    if (skin.densityPerCm2 > BARE_MAX_FOLLICLES_PER_CM2) {
      return { note: `The bare-skin patch holds ${skin.densityPerCm2.toFixed(0)} follicles per cm²: mark skin without hair, beside the stubble.` };
    }
    const target = shadeTarget(m, skin);
    if (target.darkness <= 0) return { note: 'The stubble reads no darker than the bare skin: mark bare skin in the same light, right beside the stubble.' };
    const gapCm = gapPx(patch, bare) / pxPerCm;
    const notes: string[] = [];
    if (gapCm > BARE_NEAR_CM) notes.push(`The bare skin is ${gapCm.toFixed(1)} cm from the stubble: the shade is only right if both are lit alike.`);
    if (target.darkness > SHADE_PLAUSIBLE_MAX) {
      notes.push(
        `A ${percent(target.darkness)} % shade is more than stubble gives (12–19 %): the bare skin is probably lit more brightly.`,
      );
    }
    return { target, note: notes.join(' ') };
  };

  const unsubscribe = store.subscribe(
    (s) => [s.view.patch, s.view.barePatch, s.view.tool, s.photo, s.design.scale.pxPerCm, s.design.sessions] as const,
    show,
    {
      fireImmediately: true,
      equalityFn: (a, b) => a.every((v, i) => v === b[i]),
    },
  );
  return () => {
    unsubscribe();
    fold.remove();
  };
}
