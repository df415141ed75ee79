/**
 * A MeMo message (Digital Post's message format, version 1.1): the header says who sends to
 * whom, what it is about (KLE subject, FORM task) and its title; the body carries the main
 * document (the letter as PDF) and any attachments, base64 encoded. Written from the public
 * description at digitaliser.dk; the prefix must be `memo`, as SF1601 reads it.
 */
export interface MemoInput {
	messageUuid: string;
	createdAt: Date;
	title: string;
	sender: { cvr: string; label: string };
	recipientCpr: string;
	/** KL's journal plan number, e.g. 23.05.00, and FORM's task key where known. */
	kle?: string | null;
	form?: string | null;
	/** Shown in the citizen's mailbox notification. */
	notification?: string;
	main: MemoFile;
	attachments?: MemoFile[];
}

export interface MemoFile {
	filename: string;
	mimeType: string;
	lang: string;
	content: Buffer;
	label?: string;
}

export const MEMO_NAMESPACE = 'https://DigitalPost.dk/MeMo-1';

function escape(text: string): string {
	return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const el = (name: string, content: string | number | boolean) => `<memo:${name}>${typeof content === 'string' ? escape(content) : content}</memo:${name}>`;
const group = (name: string, ...children: string[]) => `<memo:${name}>${children.join('')}</memo:${name}>`;

function file(f: MemoFile): string {
	return group('File', el('encodingFormat', f.mimeType), el('filename', f.filename), el('language', f.lang), el('content', f.content.toString('base64')));
}

export function memoXml(m: MemoInput): string {
	const content: string[] = [];
	if (m.kle) content.push(`<kle:KLEdata>${`<kle:subjectKey>${escape(m.kle)}</kle:subjectKey><kle:version>Maj 2026</kle:version>`}</kle:KLEdata>`);
	if (m.form) content.push(`<form:FORMdata><form:taskKey>${escape(m.form)}</form:taskKey><form:version>OS2 2026</form:version></form:FORMdata>`);
	const header = group(
		'MessageHeader',
		el('messageType', 'DIGITALPOST'),
		el('messageUUID', m.messageUuid),
		el('label', m.title.slice(0, 150)),
		...(m.notification ? [el('notification', m.notification.slice(0, 150))] : []),
		el('mandatory', false),
		el('legalNotification', false),
		group('Sender', el('senderID', m.sender.cvr), el('idType', 'CVR'), el('label', m.sender.label)),
		group('Recipient', el('recipientID', m.recipientCpr), el('idType', 'CPR')),
		...(content.length ? [group('ContentData', ...content)] : [])
	);
	const body = group(
		'MessageBody',
		el('createdDateTime', m.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z')),
		group('MainDocument', el('mainDocumentID', `${m.messageUuid}-main`), el('label', m.title.slice(0, 150)), file(m.main)),
		...(m.attachments ?? []).map((a, i) =>
			group('AdditionalDocument', el('additionalDocumentID', `${m.messageUuid}-${i + 1}`), el('label', a.label ?? a.filename), file(a))
		)
	);
	return (
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		`<memo:Message xmlns:memo="${MEMO_NAMESPACE}" xmlns:kle="http://kle-online.dk/" xmlns:form="http://www.form-online.dk/" memoVersion="1.1" memoSchVersion="1.1.0">` +
		header +
		body +
		'</memo:Message>\n'
	);
}
