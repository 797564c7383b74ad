// Writes the add-in's PNG icons (solid rounded squares in the brand blue with a white calendar bar): no binary files
// in the repository and no image tool needed at build time. Pure Node: zlib + CRC32.
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

function icon(size) {
  const rows = [];
  const r = Math.max(2, Math.round(size / 8));
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const dx = Math.max(0, r - x, x - (size - 1 - r));
      const dy = Math.max(0, r - y, y - (size - 1 - r));
      const inside = dx * dx + dy * dy <= r * r;
      const bar = y > size * 0.22 && y < size * 0.36 && x > size * 0.18 && x < size * 0.82;
      const grid = y > size * 0.46 && y < size * 0.8 && x > size * 0.18 && x < size * 0.82 && (Math.floor((x / size) * 8) + Math.floor((y / size) * 8)) % 2 === 0;
      const [cr, cg, cb] = bar || grid ? [255, 255, 255] : [15, 108, 189];
      row.push(cr, cg, cb, inside ? 255 : 0);
    }
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
