// temporary debugging script (not committed)
import { startApp } from './support/app-server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
const app = await startApp();
const browser = await launchBrowser();
const [vp, url, ...steps] = process.argv.slice(2);
const ctx = await newContext(browser, vp as 'phone' | 'desktop');
const page = await ctx.newPage();
await page.goto(app.baseUrl + '/' + url);
await page.waitForTimeout(800);
let i = 0;
for (const step of steps) {
  if (step.startsWith('scroll:')) await page.evaluate(`window.scrollTo(0, ${step.slice(7)})`);
  else if (step.startsWith('sel:')) await page.locator(step.slice(4)).first().scrollIntoViewIfNeeded();
  else if (step.startsWith('click:')) await page.locator(step.slice(6)).first().click();
  else if (step.startsWith('type:')) await page.keyboard.type(step.slice(5));
  else if (step.startsWith('key:')) await page.keyboard.press(step.slice(4));
  else if (step === 'shot') { await page.waitForTimeout(200); await page.screenshot({ path: `/tmp/shots/s${i++}.png` }); }
}
await browser.close();
await app.close();
