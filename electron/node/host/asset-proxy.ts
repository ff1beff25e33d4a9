/**
 * Screen proxies of image assets: the page on screen never needs a 60 MB
 * original, so it gets the image downsampled to at most `maxSide` pixels on
 * the long side. The original stays in the session for save and print.
 */
import sharp from 'sharp';
import type { AssetData } from '../storage/index';

export interface ProxyImage {
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'image/png';
}

/** Long side, in pixels, of a screen proxy (a 390 mm page at 125 % zoom is about 1850 px wide). */
export const PROXY_MAX_SIDE = 2000;

export class AssetProxyCache {
  // Promises, so concurrent requests for one image decode it once.
  private readonly cache = new Map<string, Promise<ProxyImage>>();

  constructor(
    private readonly maxSide = PROXY_MAX_SIDE,
    private readonly maxEntries = 256,
  ) {}

  get(asset: AssetData): Promise<ProxyImage> {
    const key = asset.entry.hash;
    const cached = this.cache.get(key);
    if (cached) {
      // Refresh its place: the Map's order is the eviction order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const made = makeProxy(asset, this.maxSide);
    this.cache.set(key, made);
    made.catch(() => this.cache.delete(key));
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return made;
  }
}

async function makeProxy(asset: AssetData, maxSide: number): Promise<ProxyImage> {
  const { pixelWidth, pixelHeight, mime } = asset.entry;
  if (Math.max(pixelWidth, pixelHeight) <= maxSide) return { bytes: asset.bytes, mime };
  const image = sharp(asset.bytes, { limitInputPixels: 100_000 * 100_000 })
    // Apply the EXIF orientation before sizing, as the browser would.
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true });
  if (mime === 'image/png') {
    return { bytes: await image.png({ compressionLevel: 6 }).toBuffer(), mime };
  }
  return { bytes: await image.jpeg({ quality: 85, mozjpeg: false }).toBuffer(), mime };
}
