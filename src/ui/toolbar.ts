/**
 * The toolbar and the keyboard: tool buttons (pressed state follows the store), undo/redo, fit,
 * export. Keys go first to the active tool (Enter, Escape, Backspace while drawing), then to the
 * command registry.
 */
import { redo, setTool, setView, undo } from '../state/actions.ts';
import type { AppStore, LandmarkId, ToolId } from '../state/store.ts';
import { COMMANDS, TOOL_COMMANDS, commandFor } from './commands.ts';
import { keyCursorOf, keyCursorSentence, mountKeyCursor } from './keyCursor.ts';

/** What the toolbar asks of the rest of the app. */
export interface ToolbarActions {
  readonly fit: () => void;
  readonly exportPng: () => void;
  readonly upload: () => void;
  readonly help: () => void;
  /** Starts client presentation. */
  readonly present: () => void;
  /** Saves the design file. */
  readonly save: () => void;
  /** Offers a key to the active tool; true when used. */
  readonly toolKey: (e: KeyboardEvent) => boolean;
}

const HINTS: Record<ToolId, string> = {
  select: 'Drag a point to move it, or the photo to pan; double-click an edge to add a point. Help (?) lists the keys.',
  draw: 'Click to place points, or focus the photo and use the arrow keys and Space. Click the first point or press Enter to close; Backspace removes the last point; Escape cancels.',
  hairline: 'Click an outline edge to mark it as hairline (orange) or back to a plain edge (blue).',
  calibrate: 'Click two points a known distance apart; the distance field opens beside the second.',
  landmarks: 'Click to place the landmark chosen in the panel; the next one follows.',
  brush: 'Press and drag over an area to paint density; the panel sets raise, lower or erase, size and strength. Escape drops the stroke.',
  patch: 'Drag a rectangle over the client\'s own short stubble (sides or back), or click for a 1.5 cm square. Escape cancels.',
  bare: 'Drag a rectangle over bare skin right beside the stubble, in the same light, or click for a 1.5 cm square. Escape cancels.',
};

/** What to click next with the Landmarks tool, with the letter the photo shows for it. */
const LANDMARK_HINTS: Record<LandmarkId, string> = {
  glabella: 'Front photo, 1 of 3: click the glabella, between the eyebrows (shown as G). The outer eye corners follow (L, R). On a top photo, choose the mid-frontal point in the panel.',
  leftEye: "Front photo, 2 of 3: click the outer corner of the eye on the photo's left (shown as L).",
  rightEye: "Front photo, 3 of 3: click the outer corner of the eye on the photo's right (shown as R).",
  leftBrow: "Front photo, optional: click the highest point of the eyebrow on the photo's left (shown as B).",
  rightBrow: "Front photo, optional: click the highest point of the eyebrow on the photo's right (shown as B).",
  midFrontal: 'Top photo, 1 of 4: click the mid-frontal point, where the hairline will meet the midline at the front (shown as M).',
  vertex: 'Top photo, 2 of 4: click the vertex, the centre of the crown (shown as V).',
  leftSide: "Top photo, 3 of 4: click the widest point of the head on the photo's left, above the ear (shown as S).",
  rightSide: "Top photo, 4 of 4: click the widest point of the head on the photo's right, above the ear (shown as S).",
};

/** The hint for the current tool: what to do next, in a sentence. */
export function toolHint(tool: ToolId, landmark: LandmarkId, areas: number): string {
  if (tool === 'landmarks') return `${LANDMARK_HINTS[landmark]} Drag a placed letter to move it; Escape removes the chosen one.`;
  if (tool === 'select' && areas === 0) return 'No treatment area yet: choose Draw area and click around it, or open Templates in the Design step.';
  return HINTS[tool];
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable;
}

/**
 * Keeps `--topbar-height` on the root element equal to the top bar's height, so a short window's
 * layout (styles.css) can give the canvas exactly the rest of the window.
 */
function publishTopbarHeight(): () => void {
  const bar = document.querySelector<HTMLElement>('.topbar');
  if (!bar || typeof ResizeObserver === 'undefined') return () => undefined;
  const root = document.documentElement;
  const observer = new ResizeObserver(() => root.style.setProperty('--topbar-height', `${bar.offsetHeight}px`));
  observer.observe(bar);
  return () => observer.disconnect();
}

/** Turns the before/after split on or off, opening the Show step where its divider is set. */
function toggleCompare(store: AppStore): void {
  const { compare } = store.getState().view;
  setView(store, { compare: { ...compare, on: !compare.on }, ...(compare.on ? {} : { step: 'show' as const }) });
}

/** Mounts the toolbar and the global keyboard handler. */
export function mountToolbar(store: AppStore, actions: ToolbarActions): () => void {
  const buttons = new Map<string, HTMLButtonElement>();
  for (const c of COMMANDS) {
    const b = document.getElementById(c.id) as HTMLButtonElement | null;
    if (b) {
      buttons.set(c.id, b);
      b.setAttribute('aria-keyshortcuts', c.shortcut.replace('Ctrl', 'Control'));
    }
  }
  // What each command does, by its id: the tools, then the rest.
  const handlers: Record<string, () => void> = {
    ...Object.fromEntries(Object.entries(TOOL_COMMANDS).map(([id, tool]) => [id, () => setTool(store, tool)])),
    'btn-undo': () => undo(store),
    'btn-redo': () => redo(store),
    'btn-fit': actions.fit,
    'btn-export': actions.exportPng,
    'btn-upload': actions.upload,
    'btn-help': actions.help,
    'btn-present': actions.present,
    'btn-compare': () => toggleCompare(store),
    'btn-save': actions.save,
  };
  const run = (id: string): void => handlers[id]?.();
  const clicks: [HTMLButtonElement, () => void][] = [];
  for (const [id, b] of buttons) {
    if (id === 'btn-upload') continue;
    const fn = (): void => run(id);
    b.addEventListener('click', fn);
    clicks.push([b, fn]);
  }
  const onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented) return;
    const typing = isTyping(e.target);
    const inDialogButton = (e.target as HTMLElement | null)?.tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ');
    if (!typing && !inDialogButton && actions.toolKey(e)) return;
    if (typing && !(e.ctrlKey || e.metaKey)) return;
    const cmd = commandFor(e);
    if (!cmd) return;
    if (typing && (cmd.id === 'btn-undo' || cmd.id === 'btn-redo')) return;
    e.preventDefault();
    run(cmd.id);
  };
  window.addEventListener('keydown', onKey);
  const hint = document.getElementById('tool-hint');
  const host = document.getElementById('canvas-host');
  const disposers = [
    store.subscribe(
      (s) => s.view.tool,
      (tool) => {
        for (const [id, t] of Object.entries(TOOL_COMMANDS)) buttons.get(id)?.setAttribute('aria-pressed', String(t === tool));
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => [s.view.tool, keyCursorOf(s), s.view.draft.length, s.design.scale.pxPerCm, s.view.landmark, s.design.areas.length] as const,
      ([tool, cursor, points, pxPerCm, landmark, areas]) => {
        if (hint) hint.textContent = cursor ? keyCursorSentence(cursor, pxPerCm, points) : toolHint(tool, landmark, areas);
      },
      { fireImmediately: true, equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
    ),
    ...(host ? [mountKeyCursor(store, host)] : []),
    publishTopbarHeight(),
    store.subscribe(
      (s) => s.view.compare.on,
      (on) => buttons.get('btn-compare')?.setAttribute('aria-pressed', String(on)),
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.history,
      (h) => {
        const u = buttons.get('btn-undo');
        const r = buttons.get('btn-redo');
        if (u) u.disabled = h.past.length === 0;
        if (r) r.disabled = h.future.length === 0;
      },
      { fireImmediately: true },
    ),
    store.subscribe(
      (s) => s.busy,
      (busy) => {
        const e = buttons.get('btn-export');
        if (e) e.disabled = busy !== null;
      },
      { fireImmediately: true },
    ),
  ];
  return () => {
    window.removeEventListener('keydown', onKey);
    for (const [b, fn] of clicks) b.removeEventListener('click', fn);
    for (const d of disposers) d();
  };
}
