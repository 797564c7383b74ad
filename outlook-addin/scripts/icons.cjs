// Writes the add-in's PNG icons (a calendar glyph in the brand blue), in every size manifest.xml declares: 16, 32 and
// 80 px for the buttons, 64 and 128 px for the add-in itself. No binary files in the repository and no image tool
// needed at build time: pure Node, zlib + CRC32 (8-bit RGBA, one filter byte per row).
const { deflateSync } = require('node:zlib');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * A calendar page: a blue header with two binder rings, a white sheet with a blue frame and a 3x3 grid of days, one
 * of them highlighted. Drawn in a unit square so every size (16 px to 128 px) keeps the same shape; transparent
 * around it so Outlook's light and dark ribbons both show it.
 */
const BLUE = [15, 108, 189, 255];
const DARK = [17, 70, 130, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

function pixel(u, v, px) {
  const frame = Math.max(px, 0.06);
  const inPage = u >= 0.08 && u <= 0.92 && v >= 0.14 && v <= 0.92;
  const ring = (cx) => Math.abs(u - cx) <= Math.max(px / 2, 0.045) && v >= 0.06 && v <= 0.24;
  if (ring(0.3) || ring(0.7)) return DARK;
  if (!inPage) return CLEAR;
  if (v <= 0.34) return BLUE;
  const edge = u < 0.08 + frame || u > 0.92 - frame || v > 0.92 - frame;
  if (edge) return BLUE;
  // Days: a 3x3 grid inside the sheet, each cell a square with a gap around it.
  const gx = (u - 0.08 - frame) / (0.84 - 2 * frame);
  const gy = (v - 0.34) / (0.58 - frame);
  const cx = Math.floor(gx * 3);
  const cy = Math.floor(gy * 3);
  const fx = gx * 3 - cx;
  const fy = gy * 3 - cy;
  const gap = Math.min(0.3, px * 3 * 0.9);
  if (fx > gap / 2 && fx < 1 - gap / 2 && fy > gap / 2 && fy < 1 - gap / 2)
    return cx === 1 && cy === 1 ? BLUE : [196, 220, 242, 255];
  return WHITE;
}

function icon(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) row.push(...pixel((x + 0.5) / size, (y + 0.5) / size, 1 / size));
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

module.exports = function writeIcons(dir) {
  mkdirSync(dir, { recursive: true });
  for (const size of [16, 32, 64, 80, 128]) writeFileSync(join(dir, `icon-${size}.png`), icon(size));
};
