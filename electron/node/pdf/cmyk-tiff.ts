/**
 * Wraps raw 8-bit CMYK pixels in a minimal uncompressed TIFF
 * (PhotometricInterpretation 5, separated), so libvips reads them as CMYK:
 * sharp's raw input has no way to say so and takes four channels for RGBA.
 */
export function cmykTiff(pixels: Buffer, width: number, height: number): Buffer {
  if (pixels.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} bytes of CMYK, got ${pixels.length}`);
  const tags: [number, number, number, number][] = [
    // [tag, type (3 SHORT, 4 LONG), count, value or offset]
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 4, 0], // BitsPerSample: offset patched below
    [259, 3, 1, 1],
    [262, 3, 1, 5],
    [273, 4, 1, 0], // StripOffsets: patched below
    [277, 3, 1, 4],
    [278, 4, 1, height],
    [279, 4, 1, pixels.length],
    [284, 3, 1, 1],
    [332, 3, 1, 1],
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + tags.length * 12 + 4;
  const bitsOffset = ifdOffset + ifdSize;
  const dataOffset = bitsOffset + 8;
  const head = Buffer.alloc(dataOffset);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(ifdOffset, 4);
  head.writeUInt16LE(tags.length, ifdOffset);
  tags.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(count, at + 4);
    const v = tag === 258 ? bitsOffset : tag === 273 ? dataOffset : value;
    if (type === 3 && count === 1) head.writeUInt16LE(v, at + 8);
    else head.writeUInt32LE(v, at + 8);
  });
  head.writeUInt32LE(0, ifdOffset + 2 + tags.length * 12);
  for (let i = 0; i < 4; i++) head.writeUInt16LE(8, bitsOffset + i * 2);
  return Buffer.concat([head, pixels]);
}
