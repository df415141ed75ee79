import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, fillDate, isoDaysFromToday, newPerson, signInAsStaff, signInAsTestPerson, submitAndReadReceipt, withoutAxe } from './support/helpers';
import { queryE2e } from './support/db';

/** A fictitious one-page PDF: the smallest file a scanner would make. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function save(page: Page, button = 'Gem') {
	await page.getByRole('button', { name: button, exact: true }).click();
}

async function addPage(page: Page, pageId: string, o: { type: string; id: string; da: string; en: string; nameDa: string; nameEn: string }) {
	const form = page.locator('form[action="?/addPage"]');
	await form.getByLabel('Sidens id').fill(pageId);
	await form.getByLabel('Spørgsmålstype').selectOption({ label: o.type });
	await form.getByLabel('Spørgsmålets id').fill(o.id);
	await form.getByLabel('Spørgsmål (dansk)').fill(o.da);
	await form.getByLabel('Spørgsmål (engelsk)').fill(o.en);
	await form.getByLabel('Kort navn i fejlbeskeder (dansk)').fill(o.nameDa);
	await form.getByLabel('Kort navn i fejlbeskeder (engelsk)').fill(o.nameEn);
	await form.getByRole('button', { name: 'Tilføj en side' }).click();
	await expect(page.getByText('Gemt.')).toBeVisible();
}

/** A citizen applies, on a phone; `js` off is a browser without JavaScript. */
async function applyAsCitizen(page: Page, name: string, o: { label: string }) {
	await page.goto('/');
	await page.getByRole('link', { name: 'Ansøg om ledsagerkort' }).click();
	await page.getByRole('link', { name: 'Start nu' }).click();
	await signInAsTestPerson(page, name);
	await expect(page.getByRole('heading', { level: 1, name: o.label })).toBeVisible();
	await page.getByLabel('Ja, fast').check();
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	// The answer shows the condition's page.
	await expect(page.getByRole('heading', { level: 1, name: 'Hvad skal ledsageren hjælpe med?' })).toBeVisible();
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Skriv hvad ledsageren skal hjælpe med');
	await page.getByLabel('Hvad skal ledsageren hjælpe med?').fill('At komme op og ned ad trapper');
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	await fillDate(page, 'Fra hvilken dato?', isoDaysFromToday(7));
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	await page.getByLabel('Lægeerklæring').setInputFiles({ name: 'laegeerklaering.pdf', mimeType: 'application/pdf', buffer: PDF });
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	await expect(page.locator('main')).toContainText('laegeerklaering.pdf');
	return submitAndReadReceipt(page);
}

// A locator that never matches fails the step, not the whole test's four minutes later.
test.use({ actionTimeout: 15_000 });

test('an administrator builds "Ansøg om ledsagerkort" from nothing, previews and publishes it; citizens apply with JavaScript on and off; version 2 leaves a begun draft on version 1', async ({ browser }) => {
	test.setTimeout(240_000);
	const admin = await newPerson(browser);
	await admin.setViewportSize({ width: 1024, height: 800 });
	await signInAsStaff(admin, 'admin');

	// The service first: only information until its form exists.
	await admin.getByRole('link', { name: 'Tjenester: kommunens katalog' }).click();
	await expectAccessible(admin);
	await admin.getByRole('link', { name: 'Ny tjeneste' }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Ny tjeneste' })).toBeVisible();
	await admin.getByLabel('Adresse (slug)').fill('Ledsagerkort!');
	await admin.getByLabel('Slags').selectOption({ label: 'Kun information' });
	await admin.getByLabel('Livssituation').selectOption({ label: 'Sundhed' });
	await admin.getByLabel('Navn (dansk)').fill('Ansøg om ledsagerkort');
	await admin.getByLabel('Navn (engelsk)').fill('Apply for a companion card');
	await admin.getByLabel('Kort beskrivelse (dansk)').fill('Med et ledsagerkort kan en ledsager rejse gratis med dig.');
	await admin.getByLabel('Kort beskrivelse (engelsk)').fill('With a companion card, a companion travels with you for free.');
	await admin.getByLabel('Tekst på siden (dansk)').fill('Du kan få et ledsagerkort, hvis du har brug for hjælp, når du rejser.');
	await admin.getByLabel('Tekst på siden (engelsk)').fill('You can have a companion card if you need help when you travel.');
	await admin.getByLabel('Søgeord (dansk), adskilt af komma').fill('ledsager, handicap, rejse');
	await admin.getByLabel('KLE-nummer').fill('27.36');
	await save(admin, 'Opret tjenesten');
	// A wrong slug is named and linked; what was typed stays.
	await expect(admin.getByRole('alert').getByRole('link', { name: 'Brug små bogstaver, tal og bindestreg' })).toBeVisible();
	await expect(admin.getByLabel('Navn (dansk)')).toHaveValue('Ansøg om ledsagerkort');
	await expectAccessible(admin);
	await admin.getByLabel('Adresse (slug)').fill('ansoeg-ledsagerkort');
	await save(admin, 'Opret tjenesten');
	await expect(admin.getByText('Tjenesten er gemt.')).toBeVisible();

	// The form: one page and its radio question, then its options.
	await admin.goto('/medarbejder/skemaer');
	await expectAccessible(admin);
	await admin.getByLabel('Skemaets id').fill('ledsagerkort');
	await admin.getByLabel('Tjeneste').selectOption({ label: 'Ansøg om ledsagerkort' });
	await admin.getByLabel('Spørgsmålstype').selectOption({ label: 'Ét valg (radioknapper)' });
	await admin.getByLabel('Spørgsmålets id').fill('behov');
	await admin.getByLabel('Spørgsmål (dansk)').fill('Har du brug for en ledsager?');
	await admin.getByLabel('Kort navn i fejlbeskeder (dansk)').fill('om du har brug for en ledsager');
	await admin.getByLabel('Kort navn i fejlbeskeder (engelsk)').fill('whether you need a companion');
	await admin.getByLabel('Svarmuligheder (kun for valg og lister)').fill('fast | Ja, fast | Yes, permanently\nnej | Nej | No');
	await admin.getByRole('button', { name: 'Opret skema' }).click();
	// The missing English text is named; the Danish kept.
	await expect(admin.getByRole('alert').getByRole('link', { name: 'Udfyld feltet' })).toHaveAttribute('href', '#label-en');
	await expect(admin.getByLabel('Spørgsmål (dansk)')).toHaveValue('Har du brug for en ledsager?');
	await admin.getByLabel('Spørgsmål (engelsk)').fill('Do you need a companion?');
	await admin.getByRole('button', { name: 'Opret skema' }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Ret skemaet ledsagerkort' })).toBeVisible();
	await expectAccessible(admin);

	// Options are edited as lines: a third one, in between.
	await admin.getByRole('link', { name: 'Ret: Har du brug for en ledsager?' }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Ret spørgsmålet behov' })).toBeVisible();
	await expectAccessible(admin);
	await admin.getByLabel('Svarmuligheder', { exact: true }).fill('fast | Ja, fast | Yes, permanently\nmidlertidig | Ja, i en periode | Yes, for a while\nnej | Nej | No');
	await save(admin);
	await expect(admin.getByText('Gemt.')).toBeVisible();

	// A page shown only for a permanent need, then a date and a file.
	await addPage(admin, 'detaljer', { type: 'Lang tekst', id: 'hjaelp', da: 'Hvad skal ledsageren hjælpe med?', en: 'What will the companion help with?', nameDa: 'hvad ledsageren skal hjælpe med', nameEn: 'what the companion will help with' });
	await admin.getByRole('link', { name: 'Ret siden 2' }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Ret siden detaljer' })).toBeVisible();
	await expectAccessible(admin);
	await admin.getByLabel('Betingelse').selectOption({ label: 'Svaret er' });
	const answers = admin.getByRole('group', { name: 'Har du brug for en ledsager?' });
	await answers.getByLabel('Ja, fast').check();
	await answers.getByLabel('Ja, i en periode').check();
	await save(admin);
	// Two answers for "the answer is": named and linked to the answers.
	await expect(admin.getByRole('alert').getByRole('link', { name: /Vælg ét svar/ })).toHaveAttribute('href', '#cond-answers');
	await answers.getByLabel('Ja, i en periode').uncheck();
	await save(admin);
	await expect(admin.getByText('Gemt.')).toBeVisible();
	await addPage(admin, 'dato', { type: 'Dato', id: 'fraDato', da: 'Fra hvilken dato?', en: 'From which date?', nameDa: 'datoen', nameEn: 'the date' });
	await addPage(admin, 'bilag', { type: 'Fil', id: 'laegeerklaering', da: 'Lægeerklæring', en: 'Medical certificate', nameDa: 'lægeerklæringen', nameEn: 'the medical certificate' });

	// Moving the condition's page above its question makes it point later: refused and said.
	await admin.getByRole('button', { name: 'Flyt op: Side 2: Hvad skal ledsageren hjælpe med?' }).click();
	await expect(admin.getByRole('alert')).toContainText('betingelsen peger på et spørgsmål, der kommer senere');

	// The preview, in English, validates as the citizen's page does and writes nothing.
	// The form's own events: other tests run beside this one and record theirs.
	const events = () => queryE2e<{ n: number }>("SELECT count(*) AS n FROM contact_events WHERE service_slug = 'ansoeg-ledsagerkort'");
	const before = await events();
	await admin.goto('/medarbejder/skemaer/ledsagerkort');
	await admin.getByRole('link', { name: 'Forhåndsvis (English)' }).click();
	await expect(admin).toHaveURL(/sprog=en/);
	await expect(admin.getByRole('heading', { level: 1, name: 'Do you need a companion?' })).toBeVisible();
	await expectAccessible(admin);
	await admin.getByRole('button', { name: 'Continue' }).click();
	await expect(admin.getByRole('alert')).toContainText('whether you need a companion');
	await admin.getByLabel('Yes, permanently').check();
	await admin.getByRole('button', { name: 'Continue' }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'What will the companion help with?' })).toBeVisible();
	expect(await events()).toEqual(before);

	// Publishing lists what is new.
	await admin.goto('/medarbejder/skemaer/ledsagerkort/udgiv');
	await expect(admin.getByText('Ny side: detaljer')).toBeVisible();
	await expectAccessible(admin);
	await admin.getByRole('button', { name: 'Udgiv nu' }).click();
	await expect(admin.getByText('Version 1 er udgivet.')).toBeVisible();

	// The service now runs the form.
	await admin.goto('/medarbejder/tjenester/ansoeg-ledsagerkort');
	await admin.getByLabel('Slags').selectOption({ label: 'Skema her på portalen' });
	await admin.getByLabel('Skema', { exact: true }).selectOption('ledsagerkort');
	await save(admin, 'Gem tjenesten');
	await expect(admin.getByText('Tjenesten er gemt.')).toBeVisible();

	// It is under its life situation and found by another form of a word.
	const citizen = await newPerson(browser);
	await citizen.goto('/');
	await expect(citizen.getByRole('region', { name: 'Sundhed' }).getByRole('link', { name: 'Ansøg om ledsagerkort' })).toBeVisible();
	await citizen.goto('/?q=ledsageren');
	await expect(citizen.getByRole('link', { name: 'Ansøg om ledsagerkort' })).toBeVisible();
	const first = await applyAsCitizen(citizen, 'Lene Skemasen', { label: 'Har du brug for en ledsager?' });

	// Without JavaScript, the same.
	const noJs = await (await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'da-DK', javaScriptEnabled: false })).newPage();
	withoutAxe(true);
	await applyAsCitizen(noJs, 'Pia Bilagsen', { label: 'Har du brug for en ledsager?' });
	withoutAxe(false);

	// A draft begun on version 1...
	const begun = await newPerson(browser);
	await begun.goto('/tjenester/ansoeg-ledsagerkort');
	await begun.getByRole('link', { name: 'Start nu' }).click();
	await signInAsTestPerson(begun, 'Ida Vejledsen');
	await begun.getByLabel('Ja, fast').check();
	await begun.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	await expect(begun.getByRole('heading', { level: 1, name: 'Hvad skal ledsageren hjælpe med?' })).toBeVisible();

	// ...while version 2 asks the first question otherwise.
	await admin.goto('/medarbejder/skemaer/ledsagerkort');
	await admin.getByRole('link', { name: 'Ret: Har du brug for en ledsager?' }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Ret spørgsmålet behov' })).toBeVisible();
	await admin.getByLabel('Spørgsmål (dansk)').fill('Skal en ledsager rejse med dig?');
	await save(admin);
	await admin.goto('/medarbejder/skemaer/ledsagerkort/udgiv');
	await expect(admin.getByText('Spørgsmål ændret: behov')).toBeVisible();
	await admin.getByRole('button', { name: 'Udgiv nu' }).click();
	await expect(admin.getByText('Version 2 er udgivet.')).toBeVisible();

	await begun.getByRole('link', { name: 'Tilbage' }).click();
	await expect(begun.getByRole('heading', { level: 1, name: 'Har du brug for en ledsager?' })).toBeVisible();
	const fresh = await newPerson(browser);
	await fresh.goto('/tjenester/ansoeg-ledsagerkort');
	await fresh.getByRole('link', { name: 'Start nu' }).click();
	await signInAsTestPerson(fresh, 'Jonas Kiosksen');
	await expect(fresh.getByRole('heading', { level: 1, name: 'Skal en ledsager rejse med dig?' })).toBeVisible();
	const versions = await queryE2e<{ v: number }>("SELECT form_version AS v FROM submissions WHERE form_id = 'ledsagerkort'");
	expect(versions.map((r) => Number(r.v))).toEqual([1, 1]);

	// Staff find the applications in the inbox, with the form's version.
	const staff = await newPerson(browser);
	await signInAsStaff(staff, 'medarbejder');
	await staff.getByRole('link', { name: 'Ansøg om ledsagerkort' }).click();
	await staff.getByRole('link', { name: first }).click();
	await staff.getByLabel('Din henvendelse').check();
	await staff.getByRole('button', { name: 'Åbn sagen' }).click();
	await expect(staff.locator('main')).toContainText('At komme op og ned ad trapper');
	await expect(staff.getByRole('row', { name: /Skemaversion/ })).toContainText('1');
});

test('a national service counts its start as a referral and leaves for borger.dk', async ({ page }) => {
	await page.route('https://www.borger.dk/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>borger.dk</title><h1>borger.dk</h1>' }));
	const count = async () => Number((await queryE2e<{ n: number }>("SELECT count(*) AS n FROM contact_events WHERE event = 'referred_national' AND service_slug = 'vaelg-laege'"))[0].n);
	const before = await count();
	await page.goto('/tjenester/vaelg-laege');
	await expect(page.getByRole('heading', { level: 1, name: 'Vælg eller skift læge' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Gå til borger.dk' }).click();
	await expect(page).toHaveURL(/^https:\/\/www\.borger\.dk\//);
	expect(await count()).toBe(before + 1);
});

test('an editor edits only the forms of the services assigned to them; others may not reach the builder', async ({ browser }) => {
	const editor = await newPerson(browser);
	await signInAsStaff(editor, 'redaktoer');
	await editor.getByRole('link', { name: 'Skemaer: byg og ret selvbetjening' }).click();
	await expect(editor.getByRole('link', { name: 'sundhedskort' })).toBeVisible();
	await expect(editor.getByRole('link', { name: 'pas', exact: true })).toHaveCount(0);
	expect((await editor.request.get('/medarbejder/skemaer/sundhedskort')).status()).toBe(200);
	expect((await editor.request.get('/medarbejder/skemaer/pas')).status()).toBe(403);
	expect((await editor.request.get('/medarbejder/skemaer/pas/eksport.json')).status()).toBe(403);
	expect((await editor.request.get('/medarbejder/tjenester')).status()).toBe(403);
	// An import may not take over another service's form, whatever service the file names.
	const takeover = JSON.stringify({ format: 1, id: 'pas', serviceSlug: 'nyt-sundhedskort', pages: [] });
	await editor.getByLabel('Fil (JSON)').setInputFiles({ name: 'pas.json', mimeType: 'application/json', buffer: Buffer.from(takeover) });
	await editor.getByRole('button', { name: 'Importér' }).click();
	await expect(editor.getByRole('alert')).toContainText('Du må ikke rette skemaer for den tjeneste');
	// A file that is not JSON is named and changes nothing.
	await editor.getByLabel('Fil (JSON)').setInputFiles({ name: 'noter.json', mimeType: 'application/json', buffer: Buffer.from('ikke json') });
	await editor.getByRole('button', { name: 'Importér' }).click();
	await expect(editor.getByRole('alert')).toContainText('Filen er ikke JSON');
	const staff = await newPerson(browser);
	await signInAsStaff(staff, 'medarbejder');
	expect((await staff.request.get('/medarbejder/skemaer')).status()).toBe(403);
	expect((await staff.request.get('/medarbejder/skemaer/sundhedskort/udgiv')).status()).toBe(403);
});
