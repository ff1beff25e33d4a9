/**
 * A small real page printed by Chromium, for the print pipeline's tests until
 * the reference page is exported end to end: a red 今日视点 label (swatch
 * stand-in), a black rule, black body text, grey text, a non-swatch light blue box
 * with black text on it, a 400 px photo (169 ppi) and a 3000 px photo
 * (1905 ppi, to be downsampled). Positions in mm from the trim's top-left.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { launchChromium } from '../../../electron/node/chromium/launch';
import { DEFAULT_SWATCH_BOOK, standInCss } from '../../../shared/color/swatches';

export const PAPER = { width: 272, height: 390 };

export const REGIONS = {
  label: { x: 21, y: 21, w: 2, h: 2 },
  body: { x: 20, y: 41, w: 80, h: 14 },
  blueUnderText: { x: 112, y: 26, w: 30, h: 4 },
  blueBox: { x: 150, y: 40, w: 5, h: 5 },
} as const;

function font(): string {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@fontsource/noto-serif-sc/package.json'));
  return readFileSync(join(dir, 'files', 'noto-serif-sc-chinese-simplified-400-normal.woff2')).toString('base64');
}

export async function pageHtml(): Promise<string> {
  const small = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .composite([{ input: Buffer.from('<svg width="400" height="300"><circle cx="200" cy="150" r="100" fill="#3c8"/></svg>') }])
    .jpeg({ quality: 90 })
    .toBuffer();
  const big = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 90, g: 160, b: 220 } } })
    .composite([{ input: Buffer.from('<svg width="3000" height="2000"><rect x="500" y="500" width="2000" height="1000" fill="#fc0"/></svg>') }])
    .png()
    .toBuffer();
  const red = standInCss(DEFAULT_SWATCH_BOOK, 'red');
  const black = standInCss(DEFAULT_SWATCH_BOOK, 'black');
  const body = '萧山日报讯 昨天上午，二〇二二杭州马拉松在萧山鸣枪开跑，三万余名选手沿着湘湖奔跑。记者在现场看到，沿途市民自发为选手加油，志愿者们忙着递水送补给。'.repeat(3);
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@font-face{font-family:BmSong;src:url(data:font/woff2;base64,${font()}) format('woff2');}
@page{size:${PAPER.width}mm ${PAPER.height}mm;margin:0}
html,body{margin:0}
body{font-family:BmSong;font-size:9pt;line-height:11.5pt;color:${black}}
div,img{position:absolute}
.label{left:20mm;top:20mm;width:30mm;height:10mm;background:${red};color:#fff;font-size:16pt;line-height:10mm;text-align:center}
.rule{left:20mm;top:35mm;width:100mm;border-top:0.5pt solid ${black}}
.body{left:20mm;top:40mm;width:80mm;text-align:justify}
.grey{left:20mm;top:70mm;color:#666}
.blue{left:110mm;top:20mm;width:50mm;height:30mm;background:rgb(170,210,240)}
.on-blue{left:112mm;top:25mm;font-size:12pt;line-height:12pt;color:${black}}
</style></head><body>
<div class="label">今日视点</div><div class="rule"></div><div class="body">${body}</div><div class="grey">灰色文字</div>
<div class="blue"></div><div class="on-blue">黑字叠印黑字叠印</div>
<img style="left:110mm;top:60mm;width:60mm" src="data:image/jpeg;base64,${small.toString('base64')}">
<img style="left:110mm;top:110mm;width:40mm" src="data:image/png;base64,${big.toString('base64')}">
</body></html>`;
}

/** The fixture page as Chromium prints it (CDP Page.printToPDF). */
export async function printFixture(): Promise<{ pdf: Uint8Array; printMs: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(await pageHtml());
    await page.evaluate(() => document.fonts.ready);
    const t0 = performance.now();
    const pdf = await page.pdf({ width: `${PAPER.width}mm`, height: `${PAPER.height}mm`, printBackground: true, preferCSSPageSize: true });
    return { pdf: new Uint8Array(pdf), printMs: performance.now() - t0 };
  } finally {
    await browser.close();
  }
}
