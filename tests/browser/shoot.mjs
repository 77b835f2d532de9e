#!/usr/bin/env node
// Screenshots of pages for a person to look at (not a test):
//   ACCORD_URL=... LANG_CODE=ar node shoot.mjs /partners /contacts ...
// Logs in as ACCORD_EMAIL/ACCORD_PASSWORD, switches to LANG_CODE, saves
// SCREENSHOT_DIR/<lang>-<path>.png for each path.
import { mkdir } from 'node:fs/promises';
import process from 'node:process';
import { chromium } from 'playwright-core';

const base = (process.env.ACCORD_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const lang = process.env.LANG_CODE || 'en';
const dir = process.env.SCREENSHOT_DIR || 'target/screenshots';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  await mkdir(dir, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(base + '/login');
  await page.fill('#email', process.env.ACCORD_EMAIL || 'officer@demo.accord');
  await page.fill('#password', process.env.ACCORD_PASSWORD || 'demo-officer-pass');
  await Promise.all([page.waitForNavigation(), page.click('#login')]);
  await Promise.all([page.waitForNavigation(), page.click(`form.lang-switch button[value=${lang}]`)]);
  for (const path of process.argv.slice(2)) {
    await page.goto(base + path);
    const name = `${lang}-${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}.png`;
    await page.screenshot({ path: `${dir}/${name}`, fullPage: true });
    console.log(`${dir}/${name}`);
  }
} finally {
  await browser.close();
}
