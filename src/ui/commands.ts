/**
 * Commands as data: one registry serves the toolbar buttons and the keyboard shortcuts, so a
 * button and its key can never drift apart.
 */
import type { ToolId } from '../state/store.ts';

/** A named command with its shortcut. */
export interface Command {
  readonly id: string;
  readonly label: string;
  /** Human-readable shortcut, shown in titles and the help text. */
  readonly shortcut: string;
  /** Whether a keydown triggers it. */
  readonly matches: (e: KeyboardEvent) => boolean;
}

const plain = (key: string) => (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey && e.key.toLowerCase() === key;
const mod = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey;

/** The tool for each tool command. */
export const TOOL_COMMANDS: Record<string, ToolId> = {
  'tool-select': 'select',
  'tool-draw': 'draw',
  'tool-hairline': 'hairline',
  'tool-calibrate': 'calibrate',
  'tool-landmarks': 'landmarks',
  'tool-brush': 'brush',
};

/** Every command with a shortcut. */
export const COMMANDS: readonly Command[] = [
  { id: 'tool-select', label: 'Select', shortcut: 'V', matches: plain('v') },
  { id: 'tool-draw', label: 'Draw area', shortcut: 'D', matches: plain('d') },
  { id: 'tool-hairline', label: 'Mark hairline', shortcut: 'H', matches: plain('h') },
  { id: 'tool-calibrate', label: 'Set scale', shortcut: 'S', matches: plain('s') },
  { id: 'tool-landmarks', label: 'Landmarks', shortcut: 'L', matches: plain('l') },
  { id: 'tool-brush', label: 'Density brush', shortcut: 'B', matches: plain('b') },
  { id: 'btn-fit', label: 'Fit', shortcut: 'F', matches: plain('f') },
  { id: 'btn-present', label: 'Present to client', shortcut: 'P', matches: plain('p') },
  { id: 'btn-compare', label: 'Compare before and after', shortcut: 'C', matches: plain('c') },
  { id: 'btn-help', label: 'Help', shortcut: '?', matches: (e) => !e.ctrlKey && !e.metaKey && e.key === '?' },
  { id: 'btn-undo', label: 'Undo', shortcut: 'Ctrl+Z', matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z' },
  { id: 'btn-redo', label: 'Redo', shortcut: 'Ctrl+Shift+Z', matches: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y') },
  { id: 'btn-export', label: 'Export PNG', shortcut: 'Ctrl+E', matches: (e) => mod(e) && e.key.toLowerCase() === 'e' },
  { id: 'btn-upload', label: 'Upload photo', shortcut: 'Ctrl+O', matches: (e) => mod(e) && e.key.toLowerCase() === 'o' },
  { id: 'btn-save', label: 'Save design', shortcut: 'Ctrl+S', matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 's' },
];

/** The command a keydown asks for, if any. */
export function commandFor(e: KeyboardEvent): Command | undefined {
  return COMMANDS.find((c) => c.matches(e));
}

/** Keys that work inside tools, for the help panel. */
export const TOOL_KEYS: readonly { keys: string; action: string }[] = [
  { keys: 'Arrow keys', action: 'Draw area, photo focused: move the cursor 1 mm (with Shift, 1 cm)' },
  { keys: 'Space', action: 'Draw area, photo focused: place a point at the cursor' },
  { keys: 'Enter', action: 'Close the outline being drawn' },
  { keys: 'Backspace', action: 'Remove the last point while drawing' },
  { keys: 'Escape', action: 'Cancel the drawing, drag or stroke (then hide the drawing cursor); remove the chosen landmark' },
  { keys: '[ and ]', action: 'Pick the previous or next point of the selected area' },
  { keys: 'Arrow keys', action: 'Select: move the picked point by two screen pixels (hold to repeat)' },
  { keys: 'Delete', action: 'Remove the picked point' },
  { keys: 'Wheel', action: 'Zoom about the pointer' },
  { keys: 'Left and Right', action: 'While presenting: the session before or after' },
  { keys: 'Escape', action: 'While presenting: back to the design view' },
];
