/** The extension of each type the portal accepts, as the type is detected from the file's bytes. */
const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * The name a stored file is downloaded under: the citizen's name for it, with the extension of
 * what it really is. PDF bytes called "invoice.html" must not open in a browser as a page.
 */
export function downloadName(fileName: string, mimeType: string): string {
	const base = fileName.replace(/[\\/]/g, '_').replace(/\.[^.]*$/, '').trim() || 'fil';
	return `${base}.${EXTENSIONS[mimeType] ?? 'bin'}`;
}
