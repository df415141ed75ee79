import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, newPerson, overrideTextSpacing, orderBrokenHealthCard, signInAsStaff, signInAsTestPerson, startService, submitAndReadReceipt } from './support/helpers';

/**
 * WCAG 1.4.10 Reflow and 1.4.12 Text spacing on every staff page: at 320 px (a phone, or
 * 1280 px at 400 % zoom) nothing scrolls sideways but a wide table inside its own labelled
 * region, also with the text-spacing bookmarklet's override. axe checks each page as shown.
 */

/** How far the document is wider than the viewport, and the widest culprits, for the message. */
async function overflow(page: Page) {
	return page.evaluate(() => {
		const width = window.innerWidth;
		const by = document.documentElement.scrollWidth - width;
		const culprits = [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('.table-scroll'))
			.slice(0, 5)
			.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
		return { by, culprits };
	});
}

/** Fits at 320 px as it is and with the text-spacing override, and passes axe (spacing changes no rule axe checks). */
async function expectReflows(page: Page) {
	await page.setViewportSize({ width: 320, height: 800 });
	for (const spacing of [false, true]) {
		await overrideTextSpacing(page, spacing);
		const o = await overflow(page);
		// Soft: one run lists every page that does not fit.
		expect.soft(o.by, `${page.url()} is ${o.by} px too wide${spacing ? ' with text spacing' : ''}: ${o.culprits.join('; ')}`).toBeLessThanOrEqual(0);
		if (!spacing) await expectAccessible(page);
	}
	await overrideTextSpacing(page, false);
}

async function visit(page: Page, url: string, heading: string | RegExp) {
	await page.goto(url);
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	await expectReflows(page);
}

test('every staff page reflows at 320 px and with WCAG text spacing: staff', async ({ page, browser }) => {
	// About thirty views, each measured and checked by axe twice.
	test.setTimeout(300_000);
	// A case with a receipt e-mail, from a citizen on their own phone.
	const citizen = await newPerson(browser);
	await startService(citizen, 'Bestil nyt sundhedskort');
	await signInAsTestPerson(citizen, 'Bo Testesen');
	await orderBrokenHealthCard(citizen, 'bo.reflow@example.dk');
	const reference = await submitAndReadReceipt(citizen);
	await citizen.context().close();

	await page.setViewportSize({ width: 320, height: 800 });
	await signInAsStaff(page, 'medarbejder');
	await expectReflows(page);

	await visit(page, '/medarbejder/sager', 'Ansøgninger');
	await page.getByRole('link', { name: reference }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Hvorfor åbner du sagen?' })).toBeVisible();
	await expectReflows(page);
	await page.getByLabel('Sagsbehandling').check();
	await page.getByRole('button', { name: 'Åbn sagen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Ansøgning ${reference}` })).toBeVisible();
	await expectReflows(page);

	// A booking for a phone caller with a mobile number: the appointment, and an SMS.
	await visit(page, '/medarbejder/tidsbestilling', 'Bestil tid for en borger');
	await page.getByLabel('Kørekort').check();
	await page.getByLabel('I telefonen').check();
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	const days = page.getByRole('group', { name: 'Hvilken dag vil du komme?' });
	await expect(days).toBeVisible();
	await expectReflows(page);
	await days.getByRole('radio').nth(7).check();
	await page.getByRole('button', { name: 'Vis ledige tider' }).click();
	const times = page.getByRole('group', { name: /^Hvilket tidspunkt/ });
	await expect(times).toBeVisible();
	await expectReflows(page);
	await times.getByRole('radio').last().check();
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bekræft tiden' })).toBeVisible();
	await expectReflows(page);
	await page.getByLabel('Navn').fill('Rasmus Reflowsen');
	await page.getByLabel('Mobilnummer').fill('21 43 91 57');
	await page.getByRole('button', { name: 'Bestil tiden' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Din tid / })).toBeVisible();
	await expectReflows(page);
	const appointment = page.url();

	await page.getByRole('link', { name: 'Tilbage' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dagens program' })).toBeVisible();
	await expectReflows(page);
	await page.goto('/medarbejder/dagsprogram');
	await expectReflows(page);
	await page.goto(appointment);
	await expectReflows(page);

	await visit(page, '/medarbejder/udbakke', 'Udgående e-mails');
	await page.getByRole('row', { name: new RegExp(`Kvittering.*${reference}.*E-mail`) }).getByRole('link').click();
	await expect(page.locator('.mail-body')).toContainText(reference);
	await expectReflows(page);
	await page.goto('/medarbejder/udbakke');
	// Newest first; the outbox shows the number's last four digits, which no other test uses.
	await page.getByRole('row', { name: /91 57/ }).first().getByRole('link', { name: 'SMS', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'SMS' })).toBeVisible();
	await expect(page.locator('.mail-body')).toContainText('http');
	await expectReflows(page);

	await visit(page, '/medarbejder/koe', 'Kø og fremmøde');
	await page.getByRole('button', { name: 'Træk nummer' }).click();
	await expect(page.getByRole('heading', { name: /^Nummer [A-Z]\d{3}$/ })).toBeVisible();
	await expectReflows(page);

	await visit(page, '/medarbejder/registrer', 'Registrer henvendelse');
	await page.getByRole('button', { name: /^Spørgsmål/ }).first().click();
	await expect(page.getByRole('status')).toBeVisible();
	await expectReflows(page);

	await visit(page, '/medarbejder/hjaelp', 'Hjælp til selvhjælp');
	await visit(page, '/medarbejder/kiosk', 'Kiosk: fælles skærm');
	await visit(page, '/medarbejder/betjen', 'Betjen en borger');
	await page.getByLabel('Ved skranken').check();
	await page.getByLabel('Hvad drejer henvendelsen sig om?').selectOption({ label: 'Ansøg om pas' });
	await page.getByLabel('Borgerens CPR-nummer').fill('140299-1234');
	await page.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
	await expect(page.getByRole('region', { name: 'Du betjener en borger' })).toBeVisible();
	await expectReflows(page);
	await page.getByRole('region', { name: 'Du betjener en borger' }).getByRole('button', { name: 'Afslut betjening' }).click();
	await expectReflows(page);
});

test('every staff page reflows at 320 px and with WCAG text spacing: ambassador, manager, administrator', async ({ page, browser }) => {
	await page.setViewportSize({ width: 320, height: 800 });
	await signInAsStaff(page, 'ambassador');
	await expectReflows(page);
	await visit(page, '/medarbejder/hjaelp', 'Hjælp til selvhjælp');
	await page.getByRole('button', { name: 'Lav en ny hjælpekode' }).click();
	await expect(page.getByRole('img', { name: /QR-kode/ })).toBeVisible();
	await expectReflows(page);

	const manager = await newPerson(browser);
	await signInAsStaff(manager, 'leder');
	await expectReflows(manager);
	await visit(manager, '/medarbejder/rapport', 'Kanalrapport');
	await visit(manager, '/medarbejder/rapport?periode=year', 'Kanalrapport');

	const admin = await newPerson(browser);
	await signInAsStaff(admin, 'admin');
	await expectReflows(admin);
	await visit(admin, '/medarbejder/opsaetning', 'Tidsbestilling');
	await visit(admin, '/medarbejder/tjenester', 'Tjenester');
	await visit(admin, '/medarbejder/tjenester/vaelg-laege', /Ret tjenesten/);
	await visit(admin, '/medarbejder/skemaer', 'Skemaer');
	await visit(admin, '/medarbejder/skemaer/sundhedskort', 'Ret skemaet sundhedskort');
	await visit(admin, '/medarbejder/skemaer/sundhedskort/side/fee', 'Ret siden fee');
	await visit(admin, '/medarbejder/skemaer/sundhedskort/side/delivery/oldCardDestroyed', 'Ret spørgsmålet oldCardDestroyed');
	await visit(admin, '/medarbejder/skemaer/sundhedskort/vis/reason?sprog=en', 'Why do you need a new health insurance card?');
	await visit(admin, '/medarbejder/konti', 'Medarbejderkonti');
	await visit(admin, '/medarbejder/konti/ny', 'Ny medarbejderkonto');
	await admin.getByRole('button', { name: 'Opret og send link' }).click();
	await expect(admin.getByRole('alert')).toBeVisible();
	await expectReflows(admin);
	await admin.getByRole('link', { name: 'Tilbage' }).click();
	await admin.getByRole('link', { name: 'Rikke Redaktør' }).click();
	await expectReflows(admin);
	await visit(admin, '/medarbejder/maal', 'Mål og enhedsomkostninger');
	// With an error shown beside a field in the targets table.
	await admin.locator('input[name^="maal-"]').first().fill('120');
	await admin.getByRole('button', { name: 'Gem mål' }).click();
	await expect(admin.getByRole('alert')).toBeVisible();
	await expectReflows(admin);
});
