/**
 * What the soak test installs in the page before the app starts (page.addInitScript, as a string
 * so no bundler helpers leak into it) and reads at each measurement. Independent of the app: it
 * wraps the browser's own WebGL, ImageBitmap and object-URL functions and counts what is alive.
 *
 * - WebGL objects (textures, buffers, framebuffers, renderbuffers, vertex arrays, programs, shaders)
 *   on WebGL and WebGL2 contexts: created, deleted, and collected by the garbage collector without a
 *   delete call (a FinalizationRegistry). Alive = created − deleted − collected.
 * - Texture bytes: level-0 size × bytes per texel of every texImage2D / texStorage2D, kept per
 *   texture (a re-upload at another size replaces it), dropped when the texture goes.
 * - ImageBitmaps made by createImageBitmap in the page: alive = created − closed − collected, and
 *   their pixels' bytes (4 per pixel).
 * - Object URLs: created and not yet revoked.
 */

/** Counters the probe keeps on `window.__soakProbe`, as read by `PROBE_READ`. */
export interface ProbeCounts {
  readonly gl: Record<string, { created: number; deleted: number; collected: number; alive: number }>;
  readonly textureBytes: number;
  readonly bitmaps: { created: number; closed: number; collected: number; alive: number; bytes: number };
  readonly objectUrls: { created: number; revoked: number; alive: number };
  readonly canvases: number;
}

/** The init script. */
export const PROBE_INIT_SCRIPT = String.raw`(() => {
  if (window.__soakProbe) return;
  const kinds = { Texture: 'texture', Buffer: 'buffer', Framebuffer: 'framebuffer', Renderbuffer: 'renderbuffer', VertexArray: 'vertexArray', Program: 'program', Shader: 'shader' };
  const gl = {};
  for (const k of Object.values(kinds)) gl[k] = { created: 0, deleted: 0, collected: 0 };
  const probe = {
    gl,
    textureBytes: 0,
    bitmaps: { created: 0, closed: 0, collected: 0, bytes: 0 },
    objectUrls: { created: 0, revoked: 0, live: new Set() },
  };
  window.__soakProbe = probe;

  // ---- WebGL objects
  const info = new WeakMap();
  const registry = new FinalizationRegistry((held) => {
    if (held.deleted) return;
    gl[held.kind].collected++;
    probe.textureBytes -= held.bytes;
  });
  const TEXEL_BYTES = { 0x8229: 1, 0x822b: 2, 0x8051: 3, 0x8058: 4, 0x8c43: 4, 0x822d: 2, 0x822e: 4, 0x822f: 4, 0x8230: 8, 0x881a: 8, 0x8814: 16, 0x88f0: 4, 0x81a5: 2, 0x81a6: 4, 0x8cac: 4, 0x1906: 1, 0x1909: 1, 0x190a: 2 };
  const texelBytes = (internal, type) => {
    if (internal === 0x1908 || internal === 0x1907) {
      const channels = internal === 0x1908 ? 4 : 3;
      return type === 0x1406 ? 4 * channels : type === 0x140b || type === 0x8d61 ? 2 * channels : channels;
    }
    return TEXEL_BYTES[internal] || 4;
  };
  const bound = new WeakMap(); // context -> { unit, map: Map('unit:target' -> texture) }
  const state = (ctx) => {
    let s = bound.get(ctx);
    if (!s) bound.set(ctx, (s = { unit: 0x84c0, map: new Map() }));
    return s;
  };
  const bindingTarget = (target) => (target >= 0x8515 && target <= 0x851a ? 0x8513 : target); // cube faces -> TEXTURE_CUBE_MAP
  const setBytes = (ctx, target, bytes) => {
    const s = state(ctx);
    const tex = s.map.get(s.unit + ':' + bindingTarget(target));
    const held = tex && info.get(tex);
    if (!held || held.deleted) return;
    const faces = bindingTarget(target) === 0x8513 ? 6 : 1;
    const next = bytes * faces;
    probe.textureBytes += next - held.bytes;
    held.bytes = next;
  };
  for (const Ctx of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!Ctx) continue;
    const proto = Ctx.prototype;
    for (const [name, kind] of Object.entries(kinds)) {
      const create = proto['create' + name];
      const remove = proto['delete' + name];
      if (!create || !remove) continue;
      proto['create' + name] = function (...args) {
        const obj = create.apply(this, args);
        if (obj) {
          gl[kind].created++;
          const held = { kind, deleted: false, bytes: 0 };
          info.set(obj, held);
          registry.register(obj, held);
        }
        return obj;
      };
      proto['delete' + name] = function (obj, ...rest) {
        const held = obj && info.get(obj);
        if (held && !held.deleted) {
          held.deleted = true;
          gl[kind].deleted++;
          probe.textureBytes -= held.bytes;
          held.bytes = 0;
        }
        return remove.call(this, obj, ...rest);
      };
    }
    const activeTexture = proto.activeTexture;
    proto.activeTexture = function (unit) {
      state(this).unit = unit;
      return activeTexture.call(this, unit);
    };
    const bindTexture = proto.bindTexture;
    proto.bindTexture = function (target, tex) {
      const s = state(this);
      if (tex) s.map.set(s.unit + ':' + target, tex);
      else s.map.delete(s.unit + ':' + target);
      return bindTexture.call(this, target, tex);
    };
    const texImage2D = proto.texImage2D;
    proto.texImage2D = function (...a) {
      if (a[1] === 0) {
        let w;
        let h;
        let type;
        if (a.length >= 8) {
          w = a[3];
          h = a[4];
          type = a[7];
        } else {
          const src = a[5];
          w = (src && (src.width || src.videoWidth || src.displayWidth)) || 0;
          h = (src && (src.height || src.videoHeight || src.displayHeight)) || 0;
          type = a[4];
        }
        setBytes(this, a[0], w * h * texelBytes(a[2], type));
      }
      return texImage2D.apply(this, a);
    };
    const texStorage2D = proto.texStorage2D;
    if (texStorage2D) {
      proto.texStorage2D = function (target, levels, internal, w, h) {
        setBytes(this, target, Math.round(w * h * texelBytes(internal, 0x1401) * (levels > 1 ? 4 / 3 : 1)));
        return texStorage2D.call(this, target, levels, internal, w, h);
      };
    }
  }

  // ---- ImageBitmaps
  const bitmapInfo = new WeakMap();
  const bitmapRegistry = new FinalizationRegistry((held) => {
    if (held.closed) return;
    probe.bitmaps.collected++;
    probe.bitmaps.bytes -= held.bytes;
  });
  const track = (bitmap) => {
    if (!bitmap || bitmapInfo.has(bitmap)) return bitmap;
    const held = { closed: false, bytes: bitmap.width * bitmap.height * 4 };
    probe.bitmaps.created++;
    probe.bitmaps.bytes += held.bytes;
    bitmapInfo.set(bitmap, held);
    bitmapRegistry.register(bitmap, held);
    return bitmap;
  };
  const createImageBitmap = window.createImageBitmap;
  window.createImageBitmap = function (...args) {
    return createImageBitmap.apply(this, args).then(track);
  };
  const close = ImageBitmap.prototype.close;
  ImageBitmap.prototype.close = function () {
    const held = bitmapInfo.get(this);
    if (held && !held.closed) {
      held.closed = true;
      probe.bitmaps.closed++;
      probe.bitmaps.bytes -= held.bytes;
    }
    return close.call(this);
  };
  if (window.OffscreenCanvas) {
    const transfer = OffscreenCanvas.prototype.transferToImageBitmap;
    OffscreenCanvas.prototype.transferToImageBitmap = function () {
      return track(transfer.call(this));
    };
  }

  // ---- Object URLs
  const createObjectURL = URL.createObjectURL;
  const revokeObjectURL = URL.revokeObjectURL;
  URL.createObjectURL = function (obj) {
    const url = createObjectURL.call(URL, obj);
    probe.objectUrls.created++;
    probe.objectUrls.live.add(url);
    return url;
  };
  URL.revokeObjectURL = function (url) {
    if (probe.objectUrls.live.delete(url)) probe.objectUrls.revoked++;
    return revokeObjectURL.call(URL, url);
  };
})();`;

/** Reads the counters (a page expression). */
export const PROBE_READ = String.raw`(() => {
  const p = window.__soakProbe;
  const gl = {};
  for (const [k, v] of Object.entries(p.gl)) gl[k] = { ...v, alive: v.created - v.deleted - v.collected };
  const b = p.bitmaps;
  return {
    gl,
    textureBytes: p.textureBytes,
    bitmaps: { ...b, alive: b.created - b.closed - b.collected },
    objectUrls: { created: p.objectUrls.created, revoked: p.objectUrls.revoked, alive: p.objectUrls.live.size },
    canvases: document.querySelectorAll('canvas').length,
  };
})()`;
