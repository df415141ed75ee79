import PDFDocument from 'pdfkit';
import type { Lang } from '$lib/i18n';

/** A letter as the PDF and the MeMo message read it: a title, then sections of text and rows. */
export interface Letter {
	lang: Lang;
	title: string;
	/** Who sends it, printed at the top. */
	sender: string;
	sections: { heading?: string; paragraphs?: string[]; rows?: { label: string; lines: string[] }[] }[];
}

/**
 * A tagged PDF (PDF/UA's structure: headings, paragraphs, a language, the title shown): pdfkit
 * writes the structure tree itself, which is why it was chosen over libraries that only draw.
 * The standard fonts are not embedded; every Danish letter is in their encoding.
 */
export function letterPdf(letter: Letter, now = new Date()): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margin: 56,
		tagged: true,
		pdfVersion: '1.7',
		lang: letter.lang === 'da' ? 'da-DK' : 'en-GB',
		displayTitle: true,
		// A fixed creation date: the same letter makes the same file, whichever instance renders it.
		info: { Title: letter.title, Author: letter.sender, Creator: 'Indgang', CreationDate: now }
	});
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	const root = doc.struct('Document');
	doc.addStructure(root);
	const add = (type: string, draw: () => void) => root.add(doc.struct(type, {}, draw));
	add('P', () => doc.font('Helvetica').fontSize(10).fillColor('#333333').text(letter.sender).moveDown(1.5));
	add('H1', () => doc.font('Helvetica-Bold').fontSize(18).fillColor('#000000').text(letter.title).moveDown(0.8));
	for (const section of letter.sections) {
		if (section.heading) add('H2', () => doc.font('Helvetica-Bold').fontSize(13).text(section.heading!).moveDown(0.4));
		for (const p of section.paragraphs ?? []) add('P', () => doc.font('Helvetica').fontSize(11).text(p).moveDown(0.6));
		for (const row of section.rows ?? [])
			add('P', () => {
				doc.font('Helvetica-Bold').fontSize(11).text(row.label);
				doc.font('Helvetica').fontSize(11).text(row.lines.join('\n') || '–').moveDown(0.6);
			});
	}
	root.end();
	doc.end();
	return done;
}
