import sharp from 'sharp';
import { readFileSync, readdirSync } from 'node:fs';
const prof = '/work/wt/coldexport/assets/icc/banmian-ifra26-newsprint.icc';
const t = () => performance.now();
for (const f of readdirSync('/tmp/ce/a/assets')) {
  const jpeg = readFileSync('/tmp/ce/a/assets/' + f);
  let t0 = t();
  const a = await sharp(jpeg).withIccProfile(prof, { attach: false }).toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  const ta = t() - t0; t0 = t();
  // step 1: to sRGB 8-bit (applies embedded profile like sharp does)
  const rgb = await sharp(jpeg).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const t1 = t() - t0; t0 = t();
  const px = rgb.info.width * rgb.info.height; const d = rgb.data; const ch = rgb.info.channels;
  const index = new Int32Array(1 << 24).fill(-1);
  const uniq = [];
  const keys = new Int32Array(px);
  for (let i = 0, j = 0; i < px; i++, j += ch) { const k = (d[j] << 16) | (d[j + 1] << 8) | d[j + 2]; keys[i] = k; if (index[k] < 0) { index[k] = uniq.length; uniq.push(k); } }
  const n = uniq.length;
  const raw = Buffer.alloc(n * 3);
  for (let i = 0; i < n; i++) { const k = uniq[i]; raw[i * 3] = k >> 16; raw[i * 3 + 1] = (k >> 8) & 255; raw[i * 3 + 2] = k & 255; }
  const t2 = t() - t0; t0 = t();
  const w = Math.min(n, 4096), h = Math.ceil(n / w);
  const padded = Buffer.alloc(w * h * 3); raw.copy(padded);
  const conv = await sharp(padded, { raw: { width: w, height: h, channels: 3 } }).withIccProfile(prof, { attach: false }).toColourspace('cmyk').raw().toBuffer();
  const t3 = t() - t0; t0 = t();
  const out = Buffer.alloc(px * 4);
  for (let i = 0; i < px; i++) { const u = index[keys[i]] * 4; out[i * 4] = conv[u]; out[i * 4 + 1] = conv[u + 1]; out[i * 4 + 2] = conv[u + 2]; out[i * 4 + 3] = conv[u + 3]; }
  const t4 = t() - t0;
  let diff = 0; for (let i = 0; i < out.length; i++) if (out[i] !== a.data[i]) diff++;
  console.log(f.slice(0, 8), 'current', ta.toFixed(0), 'rgb', t1.toFixed(0), 'uniq', n, t2.toFixed(0), 'conv', t3.toFixed(0), 'map', t4.toFixed(0), 'differing bytes', diff);
}
