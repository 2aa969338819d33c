/**
 * Client presentation: full screen, tools and outlines hidden, and one large bar to step through
 * the plan (Before, Session 1…n) and, for a design of several views, the views of the head; switch
 * fresh and healed, compare with a before/after divider or side by side. The left and right arrow
 * keys step through the sessions and on into the next view (Before again), up and down step
 * through the views; Escape (or leaving full screen) returns to the design view as it was.
 */
import type { HealingStage } from '../core/appearance.ts';
import { shownSession } from '../core/dots/dotLook.ts';
import { viewTitle } from '../core/document/views.ts';
import { setTool, setView, showView } from '../state/actions.ts';
import type { AppStore } from '../state/store.ts';

/** What the presentation needs from the app. */
export interface PresentationHooks {
  /** Fits the photo to the canvas (after the layout changes). */
  readonly fit: () => void;
}

/** Mounts the presentation bar; returns enter() and a disposer. */
export function mountPresentation(store: AppStore, hooks: PresentationHooks): { enter: () => void; exit: () => void; dispose: () => void } {
  const bar = document.createElement('div');
  bar.className = 'present-bar';
  bar.hidden = true;
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Presentation');
  const views = document.createElement('div');
  views.className = 'present-group';
  views.setAttribute('role', 'group');
  views.setAttribute('aria-label', 'Views of the head');
  const sessions = document.createElement('div');
  sessions.className = 'present-group';
  const stages = document.createElement('div');
  stages.className = 'present-group';
  const compare = document.createElement('div');
  compare.className = 'present-group';
  const leave = document.createElement('div');
  leave.className = 'present-group';
  bar.append(views, sessions, stages, compare, leave);
  // A landmark around the bar, so everything on the presentation screen sits in one.
  const region = document.createElement('section');
  region.setAttribute('aria-label', 'Presentation controls');
  region.hidden = true;
  region.append(bar);
  document.body.append(region);
  const showBar = (on: boolean): void => {
    region.hidden = !on;
    bar.hidden = !on;
  };

  const big = (parent: HTMLElement, label: string, onClick: () => void): HTMLButtonElement => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    parent.append(b);
    return b;
  };
  const show = (patch: Partial<ReturnType<AppStore['getState']>['view']['show']>): void => setView(store, { show: { ...store.getState().view.show, ...patch } });
  const stageButtons = (['fresh', 'healed'] as const satisfies readonly HealingStage[]).map((st) => big(stages, st === 'fresh' ? 'Fresh' : 'Healed', () => show({ stage: st, years: 0 })));
  const split = big(compare, 'Before/after', () => setView(store, { compare: { ...store.getState().view.compare, on: !store.getState().view.compare.on }, strip: false }));
  const divider = document.createElement('input');
  divider.type = 'range';
  divider.min = '0';
  divider.max = '100';
  divider.step = '1';
  divider.setAttribute('aria-label', 'Divider position, percent of the photo width');
  divider.addEventListener('input', () => setView(store, { compare: { on: true, split: Number(divider.value) / 100 } }));
  compare.append(divider);
  const strip = big(compare, 'Side by side', () => setView(store, { strip: !store.getState().view.strip }));
  const exitButton = big(leave, 'Exit (Esc)', () => exit());
  exitButton.setAttribute('aria-label', 'Exit presentation');
  exitButton.setAttribute('aria-keyshortcuts', 'Escape');

  let before: { showOverlay: boolean; showGuides: boolean } | null = null;
  let wentFullscreen = false;

  /** Shows view `index` and fits it to the screen. */
  const goToView = (index: number): void => {
    showView(store, index);
    requestAnimationFrame(() => hooks.fit());
  };
  /** One step through the sessions, on into the next view's Before (or the previous view's last session). */
  const step = (delta: number): void => {
    const { design, view, viewIndex, document: doc } = store.getState();
    const k = shownSession(design, view.show) + delta;
    if (k > design.sessions.length && viewIndex < doc.views.length - 1) {
      goToView(viewIndex + 1);
      show({ session: 0 });
    } else if (k < 0 && viewIndex > 0) {
      goToView(viewIndex - 1);
      show({ session: design.sessions.length });
    } else {
      show({ session: Math.max(0, Math.min(design.sessions.length, k)) });
    }
  };

  function enter(): void {
    const { view } = store.getState();
    if (view.presenting) return;
    before = { showOverlay: view.showOverlay, showGuides: view.showGuides };
    setTool(store, 'select');
    setView(store, { presenting: true, showOverlay: false, showGuides: false });
    document.body.classList.add('presenting');
    showBar(true);
    wentFullscreen = false;
    const root = document.documentElement;
    if (root.requestFullscreen && !document.fullscreenElement) {
      root.requestFullscreen().then(
        () => (wentFullscreen = true),
        () => undefined, // Not allowed here (an iframe, a test browser): the presentation fills the window instead.
      );
    }
    requestAnimationFrame(() => hooks.fit());
    (sessions.querySelector('button[aria-pressed="true"]') as HTMLButtonElement | null)?.focus();
  }

  function exit(): void {
    if (!store.getState().view.presenting) return;
    setView(store, { presenting: false, ...(before ?? {}), strip: false });
    document.body.classList.remove('presenting');
    showBar(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    requestAnimationFrame(() => hooks.fit());
  }

  const onKey = (e: KeyboardEvent): void => {
    if (!store.getState().view.presenting) return;
    const inRange = e.target instanceof HTMLInputElement && e.target.type === 'range';
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopImmediatePropagation();
      exit();
    } else if (!inRange && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      e.stopImmediatePropagation();
      const { viewIndex, document: doc } = store.getState();
      goToView(Math.max(0, Math.min(doc.views.length - 1, viewIndex + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (!inRange && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      e.preventDefault();
      e.stopImmediatePropagation();
      step(e.key === 'ArrowRight' ? 1 : -1);
      // The focus follows the session shown, when it was on a session button: the ring and the
      // pressed button always agree.
      if (document.activeElement instanceof HTMLElement && sessions.contains(document.activeElement)) {
        (sessions.querySelector('button[aria-pressed="true"]') as HTMLButtonElement | null)?.focus();
      }
    }
  };
  const onFullscreen = (): void => {
    if (wentFullscreen && !document.fullscreenElement) exit();
  };
  window.addEventListener('keydown', onKey, { capture: true });
  document.addEventListener('fullscreenchange', onFullscreen);

  const unsubscribe = store.subscribe(
    (s) => [s.design.sessions, s.view.show, s.view.compare, s.view.strip, s.document.views, s.viewIndex] as const,
    () => {
      const { design, view, document: doc, viewIndex } = store.getState();
      views.hidden = doc.views.length < 2;
      views.replaceChildren();
      if (doc.views.length > 1) doc.views.forEach((v, i) => big(views, viewTitle(v), () => goToView(i)).setAttribute('aria-pressed', String(i === viewIndex)));
      const k = shownSession(design, view.show);
      const labels = ['Before', ...design.sessions.map((_, i) => `Session ${i + 1}`)];
      if (sessions.childElementCount !== labels.length) {
        sessions.replaceChildren();
        labels.forEach((label, i) => big(sessions, label, () => show({ session: i })));
      }
      [...sessions.children].forEach((b, i) => b.setAttribute('aria-pressed', String(i === k)));
      stageButtons.forEach((b, i) => {
        b.setAttribute('aria-pressed', String((i === 0) === (view.show.stage === 'fresh')));
        b.disabled = k === 0;
      });
      split.setAttribute('aria-pressed', String(view.compare.on));
      divider.value = String(Math.round(view.compare.split * 100));
      divider.disabled = !view.compare.on;
      strip.setAttribute('aria-pressed', String(view.strip));
    },
    { fireImmediately: true, equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );

  return {
    enter,
    exit,
    dispose: () => {
      unsubscribe();
      window.removeEventListener('keydown', onKey, { capture: true });
      document.removeEventListener('fullscreenchange', onFullscreen);
      region.remove();
    },
  };
}
