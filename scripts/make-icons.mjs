// Draws the app icons into static/icons from the favicon's "IN" mark: node scripts/make-icons.mjs
// Plain zlib and a hand-written PNG encoder, so no image tool or package is needed to remake them.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x00, 0x49, 0x93];
const WHITE = [0xff, 0xff, 0xff];
// The favicon's letters on its 32-unit grid: I, then N as three parts.
const LETTERS = [
	[[9, 7], [13, 7], [13, 25], [9, 25]],
	[[16, 7], [19, 7], [19, 25], [16, 25]],
	[[24, 7], [27, 7], [27, 25], [24, 25]],
	[[16, 7], [19, 7], [27, 23], [27, 25], [24, 25], [16, 9]]
];

function inside(poly, x, y) {
	let hit = false;
	for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
		const [xi, yi] = poly[i];
		const [xj, yj] = poly[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
	}
	return hit;
}

/** `scale` shrinks the mark towards the centre: maskable icons keep it in the safe circle. */
function draw(size, { scale, rounded }) {
	const px = Buffer.alloc(size * size * 4);
	const radius = rounded ? size * 0.1875 : 0;
	const ss = 4; // supersampling for smooth edges
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			let ink = 0;
			let cover = 0;
			for (let sy = 0; sy < ss; sy++) {
				for (let sx = 0; sx < ss; sx++) {
					const fx = x + (sx + 0.5) / ss;
					const fy = y + (sy + 0.5) / ss;
					const cx = Math.max(radius - fx, 0, fx - (size - radius));
					const cy = Math.max(radius - fy, 0, fy - (size - radius));
					if (radius && cx * cx + cy * cy > radius * radius) continue;
					cover++;
					const u = 16 + ((fx / size) * 32 - 16) / scale;
					const v = 16 + ((fy / size) * 32 - 16) / scale;
					if (LETTERS.some((p) => inside(p, u, v))) ink++;
				}
			}
			const a = cover / (ss * ss);
			const k = cover ? ink / cover : 0;
			const o = (y * size + x) * 4;
			for (let c = 0; c < 3; c++) px[o + c] = Math.round(BLUE[c] * (1 - k) + WHITE[c] * k);
			px[o + 3] = Math.round(a * 255);
		}
	}
	return png(size, px);
}

function crc32(buf) {
	let c = ~0;
	for (const b of buf) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
	}
	return ~c >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // RGBA
	const rows = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

const out = new URL('../static/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), draw(192, { scale: 1, rounded: true }));
writeFileSync(new URL('icon-512.png', out), draw(512, { scale: 1, rounded: true }));
// Full bleed, the mark inside the central 80 % circle that every mask keeps.
writeFileSync(new URL('maskable-192.png', out), draw(192, { scale: 0.7, rounded: false }));
writeFileSync(new URL('maskable-512.png', out), draw(512, { scale: 0.7, rounded: false }));
writeFileSync(new URL('apple-touch-icon.png', out), draw(180, { scale: 0.8, rounded: false }));
