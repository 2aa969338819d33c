/**
 * JPEG structure without decoding: frame size, EXIF orientation, and whether the file really ends.
 * Browsers (libjpeg-turbo in Chromium) decode a truncated JPEG without any error, filling the missing
 * rows with grey, so completeness has to be checked here before decoding.
 */

import { ascii, u16be, u8 } from './byteReader.ts';
import { readExifOrientation, type ExifOrientation } from './exifOrientation.ts';
import { PhotoImportError } from './photoErrors.ts';

/** What the JPEG header says, before orientation is applied. */
export interface JpegFrameInfo {
  /** Stored width in pixels (SOF). */
  readonly widthPx: number;
  /** Stored height in pixels (SOF). */
  readonly heightPx: number;
  /** EXIF orientation from the first Exif APP1 segment, 1 when absent. */
  readonly orientation: ExifOrientation;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP1 = 0xe1;
const TEM = 0x01;

interface HeaderWalk {
  frame: { widthPx: number; heightPx: number } | null;
  orientation: ExifOrientation;
  /** Offset of the first byte of entropy-coded data after the first SOS, or -1 if not reached. */
  scanDataStart: number;
}

function jpegError(code: 'truncated' | 'corrupt', reason: string): PhotoImportError {
  return new PhotoImportError(code, { format: 'jpeg', reason });
}

/** SOF0..SOF15, minus DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that carry no length field. */
function isStandalone(marker: number): boolean {
  return marker === TEM || (marker >= 0xd0 && marker <= 0xd7);
}

/** 0x00 is byte stuffing and 0x02..0xBF are reserved: neither may start a segment. */
function isReserved(marker: number): boolean {
  return marker === 0x00 || (marker >= 0x02 && marker <= 0xbf);
}

/** Reads an SOF payload; throws corrupt when it cannot describe a real frame. */
function readFrame(bytes: Uint8Array, payload: number, segmentLength: number) {
  if (segmentLength < 8) throw jpegError('corrupt', 'frame header too short');
  const heightPx = u16be(bytes, payload + 1);
  const widthPx = u16be(bytes, payload + 3);
  const components = u8(bytes, payload + 5);
  if (components === 0 || segmentLength !== 8 + 3 * components) {
    throw jpegError('corrupt', 'frame header has a wrong length');
  }
  // Height 0 defers to a DNL marker: legal in theory, unsupported by browsers in practice.
  if (widthPx === 0 || heightPx === 0) throw jpegError('corrupt', 'frame header has zero size');
  return { widthPx, heightPx };
}

/**
 * Walks the marker segments from SOI to the first SOS. Stops early (scanDataStart -1) when the
 * bytes run out, so a file prefix still yields its size; throws corrupt on a broken structure.
 */
function walkHeader(bytes: Uint8Array): HeaderWalk {
  if (u8(bytes, 0) !== 0xff || u8(bytes, 1) !== SOI) throw jpegError('corrupt', 'no start-of-image marker');
  const walk: HeaderWalk = { frame: null, orientation: 1, scanDataStart: -1 };
  let exifSeen = false;
  let pos = 2;
  while (pos < bytes.length) {
    if (u8(bytes, pos) !== 0xff) throw jpegError('corrupt', `expected a marker at byte ${pos}`);
    while (pos < bytes.length && u8(bytes, pos) === 0xff) pos++; // fill bytes
    if (pos >= bytes.length) break;
    const marker = u8(bytes, pos++);
    if (isReserved(marker) || marker === SOI) throw jpegError('corrupt', `invalid marker 0x${marker.toString(16)}`);
    if (marker === EOI) throw jpegError('corrupt', 'image ends before any image data');
    if (isStandalone(marker)) continue;

    if (pos + 2 > bytes.length) break;
    const length = u16be(bytes, pos);
    if (length < 2) throw jpegError('corrupt', 'segment length below 2');
    const end = pos + length;
    if (end > bytes.length) break;
    const payload = pos + 2;

    if (marker === APP1 && !exifSeen && ascii(bytes, payload, 6) === 'Exif\0\0') {
      exifSeen = true;
      walk.orientation = readExifOrientation(bytes, payload, end);
    } else if (isStartOfFrame(marker) && walk.frame === null) {
      walk.frame = readFrame(bytes, payload, length);
    } else if (marker === SOS) {
      if (walk.frame === null) throw jpegError('corrupt', 'scan before frame header');
      walk.scanDataStart = end;
      return walk;
    }
    pos = end;
  }
  return walk;
}

/** Frame size and orientation; works on a prefix of the file once the frame header is in it. */
export function readJpegHeader(bytes: Uint8Array): JpegFrameInfo {
  const walk = walkHeader(bytes);
  if (walk.frame === null) throw jpegError('truncated', 'file ends before the frame header');
  return { ...walk.frame, orientation: walk.orientation };
}

/**
 * Throws unless the JPEG has SOI, a frame header, a scan and an EOI after the scan data. Bytes after
 * EOI are allowed: motion photos and multi-picture (MPF) files append whole videos or images there.
 */
export function checkJpegComplete(bytes: Uint8Array): void {
  const walk = walkHeader(bytes);
  if (walk.frame === null) throw jpegError('truncated', 'file ends before the frame header');
  if (walk.scanDataStart < 0) throw jpegError('truncated', 'file ends before the image data');

  let pos = walk.scanDataStart;
  for (;;) {
    const ff = bytes.indexOf(0xff, pos);
    if (ff < 0) throw jpegError('truncated', 'no end-of-image marker after the image data');
    let at = ff + 1;
    while (at < bytes.length && u8(bytes, at) === 0xff) at++; // fill bytes
    if (at >= bytes.length) throw jpegError('truncated', 'file ends inside a marker');
    const marker = u8(bytes, at);
    if (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos = at + 1; // stuffed 0xFF or restart marker: still entropy-coded data
      continue;
    }
    if (marker === EOI) return;
    if (isReserved(marker) || marker === SOI || marker === TEM) {
      throw jpegError('corrupt', `invalid marker 0x${marker.toString(16)} in image data`);
    }
    // A segment between scans (progressive JPEG: DHT, SOS, DRI, COM...).
    if (at + 3 > bytes.length) throw jpegError('truncated', 'file ends inside a segment');
    const length = u16be(bytes, at + 1);
    if (length < 2) throw jpegError('corrupt', 'segment length below 2');
    const end = at + 1 + length;
    if (end > bytes.length) throw jpegError('truncated', 'file ends inside a segment');
    pos = end;
  }
}
