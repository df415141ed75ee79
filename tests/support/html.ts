import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';

const VNU = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
	type: 'error' | 'info' | 'non-document-error';
	subType?: 'warning' | 'fatal';
	url: string;
	lastLine?: number;
	message: string;
	extract?: string;
}

/**
 * Collects the pages a test passes through and checks them with the Nu HTML Checker (vnu.jar,
 * the W3C validator, run on the machine's Java) in one run at the end: errors and warnings
 * both fail, each named with the page it came from.
 */
export class HtmlCheck {
	private pages: { name: string; html: string }[] = [];

	async add(page: Page, name = new URL(page.url()).pathname) {
		this.pages.push({ name, html: await page.content() });
	}

	problems(): string[] {
		const dir = mkdtempSync(path.join(tmpdir(), 'indgang-vnu-'));
		try {
			const files = this.pages.map((p, i) => {
				const file = path.join(dir, `${String(i).padStart(3, '0')}.html`);
				writeFileSync(file, p.html);
				return file;
			});
			const out = execFileSync('java', ['-jar', VNU, '--format', 'json', '--exit-zero-always', '--stdout', ...files], {
				encoding: 'utf8',
				maxBuffer: 64 * 1024 * 1024
			});
			const messages = (JSON.parse(out) as { messages: VnuMessage[] }).messages;
			return messages.map((m) => {
				const index = Number(path.basename(m.url).slice(0, 3));
				const kind = m.type === 'info' ? (m.subType ?? 'info') : m.type;
				return `${this.pages[index]?.name ?? m.url}:${m.lastLine ?? '?'} ${kind}: ${m.message} ${m.extract ? `[${m.extract.trim()}]` : ''}`;
			});
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
}
