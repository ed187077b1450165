/**
 * Makes `test/fixtures/documents/hu-b2-20200731.sealed.page{1,2}.jpg`: the shared scans of
 * 沪B2-20200731 with two red seals (印章) stamped over the text — one over the issuing authority and
 * the dates, one over the website block on page 1 — as licences carry them. Each seal is a ring,
 * the authority's name around it and a star, in seal red, multiplied onto the page so the text
 * under it shows through. The generated files are committed; rerun only to change them:
 *
 *   node scripts/make-sealed-scans.js
 *
 * Needs the WenQuanYi Micro Hei font (Debian's fonts-wqy-microhei) for the seal's characters.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';

const dir = fileURLToPath(new URL('../test/fixtures/documents/', import.meta.url));
const AUTHORITY = '上海市通信管理局电子证照专用章';

/**
 * @param {import('@napi-rs/canvas').SKRSContext2D} ctx
 * @param {number} cx
 * @param {number} cy
 * @param {number} r
 */
function seal(ctx, cx, cy, r) {
  ctx.strokeStyle = 'rgb(220,40,40)';
  ctx.fillStyle = 'rgb(220,40,40)';
  ctx.lineWidth = r / 14;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.font = `${Math.round(r / 3.2)}px "WenQuanYi Micro Hei"`;
  ctx.textAlign = 'center';
  const n = AUTHORITY.length;
  for (let i = 0; i < n; i++) {
    const a = Math.PI * (-0.85 + (1.7 * i) / (n - 1)) - Math.PI / 2;
    ctx.save();
    ctx.translate(cx + Math.cos(a) * r * 0.72, cy + Math.sin(a) * r * 0.72);
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(AUTHORITY[i] ?? '', 0, 0);
    ctx.restore();
  }
  ctx.font = `${Math.round(r / 1.6)}px "WenQuanYi Micro Hei"`;
  ctx.fillText('★', cx, cy + r / 5);
}

for (const page of [1, 2]) {
  const image = await loadImage(readFileSync(`${dir}hu-b2-20200731.page${page}.jpg`));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  ctx.globalCompositeOperation = 'multiply';
  seal(ctx, image.width * 0.45, image.height * (page === 1 ? 0.5 : 0.45), 260);
  seal(ctx, image.width * 0.7, image.height * 0.8, 220);
  const out = `${dir}hu-b2-20200731.sealed.page${page}.jpg`;
  writeFileSync(out, await canvas.encode('jpeg', 85));
  process.stdout.write(`${out}\n`);
}
