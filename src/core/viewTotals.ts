/**
 * A design's treated skin across its views: each view's counted areas in cm² and their estimated
 * dots, and the totals. Two views can show the same skin (the front and the top both show the
 * frontal scalp), and nothing here can tell: an area the practitioner marks as counted in another
 * view is left out, and the totals say plainly that they add views up.
 */
import { areaCm2 } from './areas.ts';
import { estimateDots } from './dots/densityField.ts';
import type { DesignDocument } from './document/types.ts';
import { viewDesign } from './document/views.ts';

/** One view's treated areas as counted. */
export interface ViewTally {
  /** Counted areas (exclusion zones never count), cm². */
  readonly cm2: number;
  /** Estimated dots in the counted areas. */
  readonly dots: number;
  /** Areas left out because another view counts their skin. */
  readonly leftOut: number;
}

/** The design's totals: each view's tally and their sums. */
export interface DesignTotals {
  readonly views: readonly ViewTally[];
  readonly cm2: number;
  readonly dots: number;
}

/** Each view's counted cm² and dots, and their sums. */
export function designTotals(doc: DesignDocument): DesignTotals {
  const views = doc.views.map((view, i): ViewTally => {
    const design = viewDesign(doc, i);
    const estimate = estimateDots(design);
    let cm2 = 0;
    let dropped = 0;
    let leftOut = 0;
    view.areas.forEach((a, j) => {
      if (a.kind === 'exclusion') return;
      if (!a.counted) {
        leftOut++;
        dropped += estimate.perArea[j] ?? 0;
        return;
      }
      cm2 += areaCm2(a.points, view.scale.pxPerCm);
    });
    return { cm2, dots: Math.max(0, estimate.total - dropped), leftOut };
  });
  return { views, cm2: views.reduce((s, v) => s + v.cm2, 0), dots: views.reduce((s, v) => s + v.dots, 0) };
}

/** The totals in a sentence, saying that views are added up, e.g. "All 2 views: 84.0 cm², about 7,560 dots (…)". */
export function describeTotals(t: DesignTotals): string {
  const sum = `${t.cm2.toFixed(1)} cm², about ${Math.round(t.dots).toLocaleString('en')} dots`;
  if (t.views.length === 1) return `Treated ${sum} in all.`;
  const leftOut = t.views.reduce((s, v) => s + v.leftOut, 0);
  const note = leftOut > 0 ? `${leftOut} area${leftOut === 1 ? '' : 's'} left out as counted in another view` : 'where two views show the same skin, it is counted twice: untick Count in totals on one of them';
  return `All ${t.views.length} views: ${sum} (${note}).`;
}
