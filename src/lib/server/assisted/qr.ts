import qrcode from 'qrcode-generator';

/**
 * A QR code as one SVG path of unit squares: drawn by the page itself, so it needs no
 * image request, no inline style and no script.
 */
export function qrSvgPath(text: string): { size: number; path: string } {
	const qr = qrcode(0, 'M');
	qr.addData(text);
	qr.make();
	const size = qr.getModuleCount();
	let path = '';
	for (let row = 0; row < size; row++)
		for (let col = 0; col < size; col++) if (qr.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
	return { size, path };
}
