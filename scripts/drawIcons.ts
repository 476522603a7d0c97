// Draws the app's PNG icons and social image from public/favicon.svg with Chromium (run by hand after
// changing the mark; the PNGs are committed): npx tsx scripts/drawIcons.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../e2e/chromium';

const mark = readFileSync('public/favicon.svg', 'utf8');
const markUri = `data:image/svg+xml;base64,${Buffer.from(mark).toString('base64')}`;

/** A square icon; `maskable` keeps the mark inside the safe zone (the inner 80 %) on a full-bleed background. */
const icon = (size: number, maskable: boolean) => `
  <body style="margin:0;background:${maskable ? '#11151c' : 'transparent'}">
    <img src="${markUri}" style="display:block;width:${maskable ? size * 0.7 : size}px;margin:${maskable ? size * 0.15 : 0}px">
  </body>`;

const social = `
  <body style="margin:0;width:1200px;height:630px;background:#11151c;color:#e8edf4;font-family:'DejaVu Sans',sans-serif;display:flex;align-items:center;gap:56px;padding:0 80px;box-sizing:border-box">
    <img src="${markUri}" style="width:300px;height:300px">
    <div>
      <div style="font-size:96px;font-weight:bold;letter-spacing:-2px">meshpath</div>
      <div style="font-size:38px;line-height:1.3;margin-top:20px;color:#b8c4d4">What a service-mesh call costs, hop by hop: sidecars, eBPF, ambient, proxyless.</div>
    </div>
  </body>`;

const browser = await launchChromium();
const shots: [string, string, number, number][] = [
  ['public/icon-192.png', icon(192, false), 192, 192],
  ['public/icon-512.png', icon(512, false), 512, 512],
  ['public/icon-maskable-512.png', icon(512, true), 512, 512],
  ['public/apple-touch-icon.png', icon(180, true), 180, 180],
  ['public/social.png', social, 1200, 630],
];
for (const [file, html, width, height] of shots) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(html);
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  writeFileSync(file, await page.screenshot({ omitBackground: true }));
  await page.close();
  console.log(`wrote ${file} (${width}×${height})`);
}
await browser.close();
