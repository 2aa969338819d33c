import { describe, expect, it } from 'vitest';
import { newDesign } from '../../../src/core/document/defaults.ts';
import { exportFileName, fileSlug, recordFileName } from '../../../src/core/fileNames.ts';

describe('file names', () => {
  it('reduce a name to lower-case letters, digits and single hyphens, accents dropped', () => {
    expect(fileSlug('Zoë O’Neil')).toBe('zoe-o-neil');
    expect(fileSlug('  Ana   Silva (2nd visit) ')).toBe('ana-silva-2nd-visit');
    expect(fileSlug('...')).toBe('');
    // Forty characters at most, never ending on a hyphen where the cut falls.
    expect(fileSlug('a'.repeat(39) + ' b' + 'c'.repeat(20))).toBe('a'.repeat(39));
  });

  it('date an image export to the minute, after the client or else the photo', () => {
    expect(exportFileName(new Date(2026, 10, 24, 9, 5), 'Client Photo (front).JPG')).toBe('smp-client-photo-front-2026-11-24-0905.png');
    expect(exportFileName(new Date(2026, 0, 2, 23, 59), '...')).toBe('smp-photo-2026-01-02-2359.png');
    // The client's name, when typed, names the file, as it names the design file and the PDF.
    expect(exportFileName(new Date(2026, 10, 24, 9, 5), 'IMG_1234.JPG', 'Zoë Müller')).toBe('smp-zoe-muller-2026-11-24-0905.png');
    expect(exportFileName(new Date(2026, 10, 24, 9, 5), 'IMG_1234.JPG', '  ')).toBe('smp-img-1234-2026-11-24-0905.png');
    expect(exportFileName(new Date(2026, 10, 24, 9, 5), 'a.png', 'Sam Lee', '-comparison')).toBe('smp-sam-lee-2026-11-24-0905-comparison.png');
  });

  it('name a design file, PDF or calendar after the client and the day, so they sort together', () => {
    const design = { ...newDesign({ kind: 'file', name: 'IMG_0042.HEIC', widthPx: 10, heightPx: 10 }, 1, 50), client: 'Zoë O’Neil' };
    const now = new Date(2026, 11, 4, 18, 30);
    expect(recordFileName(design, now, '.pdf')).toBe('smp-zoe-o-neil-2026-12-04.pdf');
    expect(recordFileName(design, now, '.ics')).toBe('smp-zoe-o-neil-2026-12-04.ics');
    expect(exportFileName(now, design.photo.name, design.client).startsWith('smp-zoe-o-neil-2026-12-04-')).toBe(true);
    expect(recordFileName({ ...design, client: '' }, now, '.smpdesign')).toBe('smp-img-0042-2026-12-04.smpdesign');
    expect(recordFileName({ ...design, client: '', photo: { ...design.photo, name: '***' } }, now, '.pdf')).toBe('smp-design-2026-12-04.pdf');
  });
});
