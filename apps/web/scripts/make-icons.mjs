// Renders public/icon.svg to the PNG icons of the installable app (192, 512, and a maskable 512
// with a safe margin) with Debian's Chromium: `node apps/web/scripts/make-icons.mjs`.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, URL } from 'node:url';
import { chromium } from 'playwright-core';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const svg = await readFile(`${publicDir}icon.svg`, 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  const targets = [
    { file: 'icon-192.png', size: 192, padding: 0, background: 'transparent' },
    { file: 'icon-512.png', size: 512, padding: 0, background: 'transparent' },
    { file: 'icon-maskable-512.png', size: 512, padding: 64, background: '#1d4f91' },
    { file: 'apple-touch-icon.png', size: 180, padding: 0, background: '#1d4f91' },
  ];
  for (const { file, size, padding, background } of targets) {
    await page.setViewportSize({ width: size, height: size });
    const inner = size - 2 * padding;
    await page.setContent(
      `<html><body style="margin:0;background:${background}"><div style="padding:${padding}px;width:${inner}px;height:${inner}px">` +
        svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `) +
        '</div></body></html>',
    );
    await page.screenshot({
      path: `${publicDir}${file}`,
      omitBackground: background === 'transparent',
    });
    console.log(`${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
